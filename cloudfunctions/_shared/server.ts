import crypto from 'node:crypto'
import { initCloud } from './router'
import type { Actor, Community, TopicEvent, UserProfile } from '../../src/domain/model'
import { DEFAULT_SETTINGS } from '../../src/domain/model'
import { formatBeijing } from '../../src/domain/calendar'
import { MESSAGE_TEMPLATES } from '../../src/contracts/messages'

/** Server-side plumbing shared by the functions: the database, the caller, content checks, notices, history. */

// The SDK's typings are loose; documents are read and written as the domain's own types.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type Db = any

export function database(): Db {
  return initCloud().database()
}

export async function getDoc<T>(collection: string, id: string): Promise<T | null> {
  const res = await database().collection(collection).where({ _id: id }).limit(1).get()
  return (res.data[0] as T | undefined) ?? null
}

export async function findAll<T>(
  collection: string,
  where: Record<string, unknown>,
  options: { orderBy?: [string, 'asc' | 'desc']; limit?: number; /** Projection: only these fields are read. */ fields?: Record<string, boolean> } = {},
): Promise<T[]> {
  const out: T[] = []
  const pageSize = 1000
  const max = options.limit ?? 5000
  for (let offset = 0; offset < max; offset += pageSize) {
    let q = database().collection(collection).where(where)
    if (options.orderBy) q = q.orderBy(options.orderBy[0], options.orderBy[1])
    if (options.fields) q = q.field(options.fields)
    const res = await q.skip(offset).limit(Math.min(pageSize, max - offset)).get()
    out.push(...(res.data as T[]))
    if (res.data.length < pageSize) break
  }
  return out
}

export async function loadUser(openid: string): Promise<UserProfile | null> {
  if (!openid) return null
  const res = await database().collection('users').where({ openid }).limit(1).get()
  return (res.data[0] as UserProfile | undefined) ?? null
}

export function actorOf(user: UserProfile | null): Actor | null {
  if (!user) return null
  return {
    openid: user.openid,
    role: user.role,
    displayName: user.displayName,
    communityId: user.communityId ?? null,
    gridId: user.gridId ?? null,
    townshipId: user.townshipId ?? null,
  }
}

export async function loadActor(openid: string): Promise<Actor | null> {
  return actorOf(await loadUser(openid))
}

export async function loadCommunity(id: string | null | undefined): Promise<Community | null> {
  if (!id) return null
  const c = await getDoc<Community>('communities', id)
  return c ? { ...c, settings: { ...DEFAULT_SETTINGS, ...(c.settings ?? {}) } } : null
}

export async function listCommunities(): Promise<Community[]> {
  const res = await database().collection('communities').limit(100).get()
  return (res.data as Community[]).map((c) => ({ ...c, settings: { ...DEFAULT_SETTINGS, ...(c.settings ?? {}) } }))
}

/**
 * WeChat content security (msgSecCheck v2) on every text residents publish. "risky" is refused; "review" is
 * accepted but held for staff. If the check itself is unavailable the text is held for review rather than lost.
 */
export async function checkText(content: string, openid: string, scene: 1 | 2 | 3 | 4 = 2): Promise<'pass' | 'review' | 'risky'> {
  try {
    const res = await initCloud().openapi.security.msgSecCheck({ content, version: 2, scene, openid })
    const suggest = res?.result?.suggest
    return suggest === 'risky' ? 'risky' : suggest === 'pass' ? 'pass' : 'review'
  } catch (err) {
    console.error('msgSecCheck unavailable, holding for review:', (err as Error).message)
    return 'review'
  }
}

/** Fits a text into a template field's limit (thing: 20 characters). */
export function clip(text: string, max = 20): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/**
 * Tells a person through a subscription message. A resident who has not subscribed makes WeChat refuse (43101):
 * that is logged, never fails the action that triggered it.
 */
export async function notify(touser: string | null | undefined, kind: keyof typeof MESSAGE_TEMPLATES, fields: { title: string; status: string; note?: string; at: Date }): Promise<boolean> {
  if (!touser) return false
  const template = MESSAGE_TEMPLATES[kind]
  const phrase = Array.from(fields.status.replace(/[^\u4e00-\u9fa5]/g, '')).slice(0, 5).join('') || '有更新'
  try {
    await initCloud().openapi.subscribeMessage.send({
      touser,
      templateId: template.id,
      page: template.page,
      data: {
        thing1: { value: clip(fields.title) },
        phrase2: { value: phrase },
        // Shown to people in China as wall time: Beijing, not the function's UTC clock.
        time3: { value: formatBeijing(fields.at, 'YYYY-MM-DD HH:mm') },
        thing4: { value: clip(fields.note ?? fields.status) },
      },
    })
    return true
  } catch (err) {
    console.warn(`subscribeMessage to ${touser.slice(0, 6)}… not sent:`, (err as Error).message)
    return false
  }
}

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(10).toString('hex')}`
}

/** A stable id from parts: the same request retried maps to the same document. */
export function stableId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${crypto.createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)}`
}

/**
 * A readable id made of its parts (`pt_<topic>_<openid>`), one per pair: a second write of the same pair finds the
 * first. Characters outside the id alphabet become '_'.
 */
export function pairId(prefix: string, ...parts: string[]): string {
  return [prefix, ...parts].join('_').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 120)
}

/** History is append-only: a topic's events are added, never updated or removed. */
export async function appendEvent(event: Omit<TopicEvent, '_id'>, transaction?: Db): Promise<void> {
  const target = transaction ?? database()
  await target.collection('topic_events').add({ data: { _id: newId('ev'), ...event } })
}

/** True when a database error says the document already exists (a duplicate _id or unique key). */
export function isDuplicate(err: unknown): boolean {
  const text = `${(err as { errCode?: unknown })?.errCode ?? ''} ${(err as Error)?.message ?? ''}`
  return /duplicate|E11000|DUPLICATE|already exists/i.test(text)
}
