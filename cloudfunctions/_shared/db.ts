import crypto from 'node:crypto'
import { initCloud } from './router'

/** The database: reading documents, and the ids documents are written under. */

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

/** A findAll limit for reads where every matching document counts: no cap that would silently leave some out. */
export const ALL = Number.MAX_SAFE_INTEGER

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

/** True when a database error says the document already exists (a duplicate _id or unique key). */
export function isDuplicate(err: unknown): boolean {
  const text = `${(err as { errCode?: unknown })?.errCode ?? ''} ${(err as Error)?.message ?? ''}`
  return /duplicate|E11000|DUPLICATE|already exists/i.test(text)
}

/**
 * A transaction that lost to another one on the same documents. Production CloudBase answers such a clash with
 * DATABASE_TRANSACTION_CONFLICT and wx-server-sdk does not retry it, so the write step retries itself.
 */
export function isTransactionConflict(err: unknown): boolean {
  const text = `${(err as { errCode?: unknown })?.errCode ?? ''} ${(err as { code?: unknown })?.code ?? ''} ${(err as Error)?.message ?? ''}`
  return /TRANSACTION_CONFLICT|write conflict/i.test(text)
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
