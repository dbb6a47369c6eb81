import { formatBeijing } from './calendar'
import type { Actor, Resolution } from './model'
import type { ListSheet } from './lists'

/**
 * 资源清单 (seed 000: 问题清单 → 资源清单 → 决议清单): a community's units, Party members and volunteers and what
 * they offer. Staff add, edit and retire entries; an entry is never deleted (a retired one leaves the list but keeps
 * the items it took). The contact is for the staff only: nothing shown to residents carries it.
 */
export const RESOURCE_KINDS = ['unit', 'party_member', 'volunteer'] as const
export type ResourceKind = (typeof RESOURCE_KINDS)[number]
export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = { unit: '单位', party_member: '党员', volunteer: '志愿者' }

export interface Resource {
  _id: string
  communityId: string
  townshipId: string
  name: string
  kind: ResourceKind
  /** What the unit or person offers (e.g. 水电维修、法律咨询). */
  offer: string
  /** Phone or other contact: staff only. */
  contact: string
  /** A resident who is this volunteer (may take 揭榜 items in person); null when staff act for the resource. */
  openid: string | null
  createdAt: Date
  updatedAt: Date
  retiredAt: Date | null
}

/** A new entry as stored. */
export function newResource(
  id: string,
  place: { communityId: string; townshipId: string },
  fields: Pick<Resource, 'name' | 'kind' | 'offer' | 'contact'> & { openid?: string | null },
  now: Date,
): Resource {
  return { _id: id, ...place, name: fields.name, kind: fields.kind, offer: fields.offer, contact: fields.contact, openid: fields.openid ?? null, createdAt: now, updatedAt: now, retiredAt: null }
}

/**
 * 揭榜 state kept on an item: published for taking (by whom, when), and once taken, by which resource. The first
 * taker wins: `takenAt` is set once, inside the transaction that re-reads the item.
 */
export interface Takeable {
  /** 揭榜: the item is open for a resource to take. */
  openForTakingAt?: Date | null
  takenAt?: Date | null
  /** 接单 or 揭榜: the resource now carrying the item. */
  resourceId?: string | null
  /** 揭榜: what the item needs from a taker, as staff wrote it when publishing (shown to the community). */
  takingNeed?: string | null
}

export type TakeableItem = Pick<Resolution, 'passed' | 'resultPublishedAt'> & Takeable

/** An item may be given to a resource (接单) or published (揭榜) while it is passed and not yet done. */
export const itemOpen = (i: TakeableItem): boolean => i.passed && !i.resultPublishedAt

/** An item may be taken (揭榜) when it is open, published for taking and not yet taken. */
export const itemTakeable = (i: TakeableItem): boolean => itemOpen(i) && !!i.openForTakingAt && !i.takenAt

/**
 * Who may take a published item for a resource: community staff acting for the resource, or the resident who is
 * the registered volunteer (the entry's openid) acting for themself.
 */
export function mayTakeFor(actor: Pick<Actor, 'openid' | 'role'>, resource: Pick<Resource, 'openid' | 'kind'>): boolean {
  if (actor.role === 'community_staff') return true
  return resource.kind === 'volunteer' && resource.openid === actor.openid
}

export type ListResource = Pick<Resource, '_id' | 'name' | 'kind' | 'offer' | 'contact' | 'createdAt' | 'retiredAt'>

/**
 * 资源清单 as a sheet: the entries registered by the month's end and not retired before its start, by kind then
 * name. Lists go to staff and the levels above, so the contact is listed.
 */
export function resourcesList(resources: readonly ListResource[], range: { from: Date; to: Date }): ListSheet[] {
  const order = (k: ResourceKind) => RESOURCE_KINDS.indexOf(k)
  const rows = resources
    .filter((r) => r.createdAt.getTime() <= range.to.getTime() && (!r.retiredAt || r.retiredAt.getTime() >= range.from.getTime()))
    .sort((a, b) => order(a.kind) - order(b.kind) || a.name.localeCompare(b.name, 'zh-CN'))
  return [
    {
      name: '资源清单',
      columns: ['名称', '类别', '可提供', '联系方式', '登记日期', '状态'],
      rows: rows.map((r) => [r.name, RESOURCE_KIND_LABELS[r.kind], r.offer, r.contact, formatBeijing(r.createdAt, 'YYYY-MM-DD'), r.retiredAt ? `已退出（${formatBeijing(r.retiredAt, 'YYYY-MM-DD')}）` : '在册']),
    },
  ]
}

/**
 * The entry through which a resident takes 揭榜 items in person: a volunteer entry on the roll whose openid is theirs
 * (mayTakeFor). Null when the resident is no registered volunteer of the community.
 */
export function volunteerEntryOf<R extends Pick<Resource, 'kind' | 'openid' | 'retiredAt'>>(resources: readonly R[], openid: string): R | null {
  return resources.find((r) => r.kind === 'volunteer' && r.openid === openid && !r.retiredAt) ?? null
}

/**
 * Stands for "an entry on the roll" when deciding whether 接单 is offered on an item (the page then lists the
 * community's entries to choose from; the server decides again for the entry chosen).
 */
export const SOME_ENTRY_ON_ROLL: Pick<Resource, 'kind' | 'openid' | 'retiredAt'> = { kind: 'unit', openid: null, retiredAt: null }
