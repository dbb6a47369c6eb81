import type { Role } from './roles'
import type { Actor, CommunitySettings, UserProfile } from './model'
import { CATEGORIES, CATEGORY_LABELS, DEFAULT_SETTINGS } from './model'

/**
 * Set-up and administration: the county's places (townships, communities with grids and buildings), who may invite
 * whom to which place, each community's settings and categories, and the history of every such change. Pure: the
 * account function loads and writes, this decides and builds.
 */

/** A township as stored (townships). Retired places keep their documents, marked with retiredAt. */
export interface Township {
  _id: string
  name: string
  createdAt: Date
  retiredAt: Date | null
}

export type PlaceKind = 'township' | 'community' | 'grid' | 'building'

/** One category of a community's list: its id stays valid for old reports and topics after it is retired. */
export interface CategoryEntry {
  id: string
  label: string
  retiredAt: Date | null
}

/** The stored community document: settings hold only the overrides; categories only once a community edits them. */
export interface StoredCommunity {
  _id: string
  name: string
  townshipId: string
  townshipName: string
  grids: { id: string; name: string; retiredAt?: Date | null; buildings: { id: string; name: string; retiredAt?: Date | null }[] }[]
  settings?: Partial<CommunitySettings>
  categories?: CategoryEntry[]
  createdAt?: Date
  retiredAt?: Date | null
}

/** History of set-up and administration (admin_events): never edited. */
export interface AdminEvent {
  _id: string
  at: Date
  actorOpenid: string
  actorRole: Role
  type:
    | 'county_bootstrapped'
    | 'township_created'
    | 'community_created'
    | 'place_renamed'
    | 'place_retired'
    | 'settings_changed'
    | 'invitation_issued'
    | 'invitation_revoked'
    | 'invitation_redeemed'
    | 'staff_unbound'
    | 'department_created'
    | 'department_renamed'
    | 'department_retired'
  townshipId: string | null
  communityId: string | null
  summary: string
  data: Record<string, unknown>
}

/** The bootstrap leaves one event under this id: a second bootstrap collides with it and is refused. */
export const BOOTSTRAP_EVENT_ID = 'admin_bootstrap_county'

/** The categories every community starts with: the long-standing fixed list, so old ids stay valid. */
export const DEFAULT_CATEGORIES: readonly CategoryEntry[] = CATEGORIES.map((id) => ({ id, label: CATEGORY_LABELS[id], retiredAt: null }))

/** A community's categories, in its order (defaults apply to a community that never edited them). */
export function communityCategories(c: Pick<StoredCommunity, 'categories'>): CategoryEntry[] {
  return c.categories && c.categories.length ? c.categories : DEFAULT_CATEGORIES.map((e) => ({ ...e }))
}

/** A category a report or topic may be filed under now: on the community's list and not retired. */
export function categoryOpen(c: Pick<StoredCommunity, 'categories'>, id: string): boolean {
  return communityCategories(c).some((e) => e.id === id && !e.retiredAt)
}

/**
 * The label a report or topic filed now under `id` keeps: the community's own label when it differs from the default
 * one (a category the community added or renamed), else undefined — defaults are never frozen into records.
 */
export function communityCategoryLabel(c: Pick<StoredCommunity, 'categories'>, id: string): string | undefined {
  const label = communityCategories(c).find((e) => e.id === id)?.label
  return label && label !== CATEGORY_LABELS[id] ? label : undefined
}

/** The settings in force: the community's overrides over the defaults, applied at read time. */
export function effectiveSettings(c: Pick<StoredCommunity, 'settings'>): CommunitySettings {
  return { ...DEFAULT_SETTINGS, ...(c.settings ?? {}) }
}

/**
 * The overrides to store after a change: keys equal to the default are dropped, so a community that sets a value
 * back to the default follows later changes of the default again.
 */
export function settingsOverrides(current: Partial<CommunitySettings> | undefined, change: Partial<CommunitySettings>): Partial<CommunitySettings> {
  const merged: Partial<CommunitySettings> = { ...(current ?? {}), ...change }
  const out: Partial<CommunitySettings> = {}
  for (const key of Object.keys(merged) as (keyof CommunitySettings)[]) {
    if (JSON.stringify(merged[key]) !== JSON.stringify(DEFAULT_SETTINGS[key])) (out as Record<string, unknown>)[key] = merged[key]
  }
  return out
}

export type CategoryEdit = { id?: string; label: string; retired?: boolean }
/**
 * The new category list from an edit: the order given; an entry with an id keeps it (only ids already on the list are
 * accepted), one without gets `newId()`; ids left out are kept, retired, at the end — an id is never deleted, since old
 * reports and topics name it. Null when the edit names an id the community does not have, or leaves nothing open.
 */
export function editCategories(current: CategoryEntry[], edit: CategoryEdit[], now: Date, newId: () => string): CategoryEntry[] | null {
  const byId = new Map(current.map((e) => [e.id, e]))
  const seen = new Set<string>()
  const out: CategoryEntry[] = []
  for (const e of edit) {
    if (e.id !== undefined) {
      const was = byId.get(e.id)
      if (!was || seen.has(e.id)) return null
      seen.add(e.id)
      out.push({ id: e.id, label: e.label, retiredAt: e.retired ? (was.retiredAt ?? now) : null })
    } else {
      out.push({ id: newId(), label: e.label, retiredAt: e.retired ? now : null })
    }
  }
  for (const e of current) if (!seen.has(e.id)) out.push({ ...e, retiredAt: e.retiredAt ?? now })
  if (!out.some((e) => !e.retiredAt)) return null
  return out
}

/** A place an invitation binds to: a township for supervisors, a community (and for grid workers a grid) otherwise. */
export interface InvitationPlace {
  townshipId: string | null
  communityId: string | null
  gridId: string | null
  /** Department staff: the department (its townshipId is the township above, null for a county-level one). */
  departmentId?: string | null
}

/**
 * Invitations go strictly one level down: the county office invites township supervisors, a township supervisor
 * invites community staff, community staff invite grid workers and residents' representatives. Nobody invites their
 * own level or above — so no invitation, however obtained, can mint a county office. Department staff are invited by
 * the level that registers departments: the county office, or the supervisor of the department's township.
 */
export const INVITES_ONE_LEVEL_DOWN: Partial<Record<Role, readonly Role[]>> = {
  county_office: ['township_supervisor', 'department_staff'],
  township_supervisor: ['community_staff', 'department_staff'],
  community_staff: ['grid_worker', 'representative'],
}

export type InvitationDecision = { allowed: true } | { allowed: false; code: 'FORBIDDEN' | 'OUT_OF_SCOPE' | 'UNKNOWN_PLACE'; reason: string }

/**
 * May this issuer invite this role to this place, now? The role one level below theirs, for a place in their own
 * reach: any township for the county office, a community of their township for a supervisor, their own community
 * for community staff. Decided when issuing, again when redeeming (with the issuer as stored now) and for revoking.
 */
export function mayInviteTo(issuer: Actor | null, role: Role, place: InvitationPlace): InvitationDecision {
  if (!issuer || !(INVITES_ONE_LEVEL_DOWN[issuer.role] ?? []).includes(role)) return { allowed: false, code: 'FORBIDDEN', reason: '只能为下一级岗位签发邀请码' }
  if (role === 'township_supervisor') {
    return place.townshipId ? { allowed: true } : { allowed: false, code: 'UNKNOWN_PLACE', reason: '请指定街道' }
  }
  if (role === 'department_staff') {
    if (!place.departmentId) return { allowed: false, code: 'UNKNOWN_PLACE', reason: '请指定部门' }
    // A supervisor reaches only their own township's departments, never a county-level one (townshipId null).
    if (issuer.role === 'township_supervisor' && (!place.townshipId || issuer.townshipId !== place.townshipId)) return { allowed: false, code: 'OUT_OF_SCOPE', reason: '不在你负责的街道' }
    return { allowed: true }
  }
  if (!place.communityId || !place.townshipId) return { allowed: false, code: 'UNKNOWN_PLACE', reason: '请指定社区' }
  if (role === 'grid_worker' && !place.gridId) return { allowed: false, code: 'UNKNOWN_PLACE', reason: '请指定本社区的网格' }
  if (issuer.role === 'township_supervisor' && issuer.townshipId !== place.townshipId) return { allowed: false, code: 'OUT_OF_SCOPE', reason: '不在你负责的街道' }
  if (issuer.role === 'community_staff' && issuer.communityId !== place.communityId) return { allowed: false, code: 'OUT_OF_SCOPE', reason: '不在你负责的社区' }
  return { allowed: true }
}

/** The roles a level manages (lists, invites, unbinds): the level right below it. */
export function managedRoles(role: Role): readonly Role[] {
  return INVITES_ONE_LEVEL_DOWN[role] ?? []
}

/** The place a staff member is bound to, as an invitation would name it. */
export function placeOf(user: Pick<UserProfile, 'townshipId' | 'communityId' | 'gridId' | 'departmentId'>): InvitationPlace {
  return { townshipId: user.townshipId ?? null, communityId: user.communityId ?? null, gridId: user.gridId ?? null, departmentId: user.departmentId ?? null }
}

/**
 * An unbound staff member becomes a resident. A representative keeps their home (they joined as a resident); others
 * never chose a building, so they keep no place and join a community like any resident.
 */
export function unboundFields(user: Pick<UserProfile, 'role' | 'communityId' | 'gridId' | 'buildingId' | 'townshipId'>) {
  const keepsHome = user.role === 'representative' && !!user.buildingId
  return {
    role: 'resident' as const,
    communityId: keepsHome ? user.communityId : null,
    gridId: keepsHome ? user.gridId : null,
    buildingId: keepsHome ? user.buildingId : null,
    townshipId: keepsHome ? (user.townshipId ?? null) : null,
  }
}

/** Who renames or retires a place: townships by the county office; communities, grids and buildings also by their township's supervisor. */
export function placeManagers(kind: PlaceKind): readonly Role[] {
  return kind === 'township' ? ['county_office'] : ['county_office', 'township_supervisor']
}

/** The county office's first account, as the bootstrap writes it. */
export function countyOfficeUser(openid: string, displayName: string, now: Date): Omit<UserProfile, '_id'> {
  return { openid, displayName, role: 'county_office', communityId: null, gridId: null, buildingId: null, townshipId: null, house: null, phone: null, joinedAt: now }
}

/** A history record of administration. */
export function newAdminEvent(id: string, actor: Pick<Actor, 'openid' | 'role'>, at: Date, fields: Pick<AdminEvent, 'type' | 'summary' | 'data'> & Partial<Pick<AdminEvent, 'townshipId' | 'communityId'>>): AdminEvent {
  return { _id: id, at, actorOpenid: actor.openid, actorRole: actor.role, townshipId: fields.townshipId ?? null, communityId: fields.communityId ?? null, type: fields.type, summary: fields.summary, data: fields.data }
}

export function newTownship(id: string, name: string, now: Date): Township {
  return { _id: id, name, createdAt: now, retiredAt: null }
}

/** A new community: no settings and no category list of its own (the defaults apply until staff change them). */
export function newCommunity(
  id: string,
  township: Pick<Township, '_id' | 'name'>,
  name: string,
  grids: { id: string; name: string; buildings: { id: string; name: string }[] }[],
  now: Date,
): StoredCommunity {
  return {
    _id: id,
    name,
    townshipId: township._id,
    townshipName: township.name,
    grids: grids.map((g) => ({ id: g.id, name: g.name, retiredAt: null, buildings: g.buildings.map((b) => ({ id: b.id, name: b.name, retiredAt: null })) })),
    createdAt: now,
    retiredAt: null,
  }
}

/** Active places only: what residents may join and listings show. */
export function activeGrids(c: StoredCommunity) {
  return c.grids.filter((g) => !g.retiredAt).map((g) => ({ id: g.id, name: g.name, buildings: g.buildings.filter((b) => !b.retiredAt).map((b) => ({ id: b.id, name: b.name })) }))
}
