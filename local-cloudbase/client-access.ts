import fs from 'node:fs'
import { CloudError } from './types'
import type { Doc, Query, Store } from './database/store'
import { evaluateDatabaseRule, type Auth, type DatabaseOp, type SecurityRulesFile } from './security-rules'
import { MAX_LIMIT } from './database/module'
import { cloneDoc } from './ejson'

/**
 * What a client (the mini-program's `wx.cloud.database()`; in H5 the gateway's stand-in for it) may do to the
 * database, judged by config/security-rules.json — the file the deploy kit ships — exactly as production judges it.
 * Cloud functions never come through here: they use /admin and bypass the rules, as in production.
 *
 * How each operation is judged (auth = { openid } of the signed session, null without one):
 *   get, count      `read`. Production refuses a query whose condition is not a subset of the rule; here a
 *                   where() query's own equality conditions must pass the rule (as a stand-in document), and so
 *                   must every document the query matches — any failure refuses the whole query. A doc(id)
 *                   request is judged by the stored document.
 *   add             `create` (else `write`) against the new document, stamped with `_openid` = auth.openid as
 *                   CloudBase stamps it (a client cannot choose its own `_openid`).
 *   update, remove  `update` / `delete` (else `write`) against every stored document the request would touch
 *                   (and the query's equality conditions, as for a read); nothing is written unless all pass.
 * A refusal is DATABASE_PERMISSION_DENIED (errCode -502003) and changes nothing.
 */

export const PERMISSION_DENIED = { code: 'DATABASE_PERMISSION_DENIED', errCode: -502003 } as const

export class ClientAccessError extends Error {
  constructor(
    readonly code: string,
    readonly errCode: number,
    message: string,
    readonly status = 400,
  ) {
    super(message)
  }
}

export function loadSecurityRules(file: string): SecurityRulesFile {
  const rules = JSON.parse(fs.readFileSync(file, 'utf8')) as SecurityRulesFile
  if (!rules || typeof rules !== 'object' || typeof rules.database !== 'object' || typeof rules.storage !== 'object') {
    throw new Error(`${file} must hold { "database": {…}, "storage": {…} }`)
  }
  return rules
}

/** One client database request, as the H5 gateway takes it (POST /api/database). */
export interface ClientDbRequest {
  action: 'get' | 'count' | 'add' | 'update' | 'remove'
  collection: string
  /** doc(id): the request concerns this one document. */
  docId?: string
  /** where(query) for get, count, update and remove (plain JSON, MongoDB-style operators). */
  query?: Record<string, unknown>
  /** add: the document; update: the fields to set (or update operators). */
  data?: Record<string, unknown>
  limit?: number
  skip?: number
  orderBy?: { field: string; direction: 'asc' | 'desc' }[]
}

const denied = (collection: string, op: DatabaseOp) =>
  new ClientAccessError(
    PERMISSION_DENIED.code,
    PERMISSION_DENIED.errCode,
    `errCode: -502003 database permission denied | errMsg: ${op} on ${collection} is not allowed by its security rule`,
    403,
  )
const invalid = (message: string) => new ClientAccessError('INVALID_PARAM', -501007, `errCode: -501007 invalid parameters | errMsg: ${message}`)

const isPlainObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v)

/** The query's top-level equality conditions as a document, which a rule over `doc` must admit. */
function queryAsDoc(query: Query): Record<string, unknown> {
  const doc: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith('$')) continue
    if (isPlainObject(value)) {
      if (Object.keys(value).length === 1 && '$eq' in value) doc[key] = value.$eq
      continue
    }
    doc[key] = value
  }
  return doc
}

/** Fields a client may never write: the id and the creator stamp. */
function touchesReserved(data: Record<string, unknown>): boolean {
  const check = (o: Record<string, unknown>) => Object.keys(o).some((k) => k === '_id' || k === '_openid' || k.startsWith('_openid.'))
  if (check(data)) return true
  return Object.entries(data).some(([k, v]) => k.startsWith('$') && isPlainObject(v) && check(v))
}

/**
 * Carries out one client request against the store if the security rules allow it. Call it with no transaction
 * open (database module's outsideTransactions), as any other non-transactional request runs.
 */
export function runClientDatabase(store: Store, rules: SecurityRulesFile, auth: Auth, req: ClientDbRequest): Record<string, unknown> {
  if (!isPlainObject(req)) throw invalid('the request must be an object')
  const { action, collection } = req
  if (typeof collection !== 'string' || !collection) throw invalid('collection is required')
  if (req.docId !== undefined && (typeof req.docId !== 'string' || !req.docId)) throw invalid('docId must be a string')
  if (req.query !== undefined && !isPlainObject(req.query)) throw invalid('query must be an object')
  const query: Query = req.docId !== undefined ? { ...(req.query ?? {}), _id: req.docId } : (req.query ?? {})
  const allowed = (op: DatabaseOp, doc: Record<string, unknown> | null) => evaluateDatabaseRule(rules, collection, op, { auth, doc })
  /** The rule must admit the query itself and every document it matches; nothing is touched otherwise. */
  const judge = (op: DatabaseOp): Doc[] => {
    // doc(id) is judged by the stored document alone, as CloudBase reads it to check; where() by its condition too.
    if (req.docId === undefined && !allowed(op, queryAsDoc(query))) throw denied(collection, op)
    if (!store.hasCollection(collection)) throw new ClientAccessError('DATABASE_COLLECTION_NOT_EXIST', -502005, `collection ${collection} does not exist`, 404)
    const matches = guarded(() => store.find(collection, query))
    for (const doc of matches) if (!allowed(op, doc)) throw denied(collection, op)
    return matches
  }

  switch (action) {
    case 'get': {
      judge('read')
      const limit = Math.min(Number.isInteger(req.limit) && req.limit! >= 0 ? req.limit! : 20, MAX_LIMIT)
      const order: Record<string, 1 | -1> = {}
      for (const o of Array.isArray(req.orderBy) ? req.orderBy : []) order[String(o?.field)] = o?.direction === 'desc' ? -1 : 1
      const offset = Number.isInteger(req.skip) && req.skip! > 0 ? req.skip : undefined
      const data = guarded(() => store.find(collection, query, { order, offset, limit }))
      return { data: req.docId !== undefined ? (data[0] ?? null) : data }
    }
    case 'count':
      return { total: judge('read').length }
    case 'add': {
      if (!isPlainObject(req.data)) throw invalid('data must be a document')
      // CloudBase stamps the creator; whatever the client sent as _openid does not count.
      const doc = { ...cloneDoc(req.data), _openid: auth?.openid ?? undefined }
      if (!allowed('create', doc)) throw denied(collection, 'create')
      if (!store.hasCollection(collection)) throw new ClientAccessError('DATABASE_COLLECTION_NOT_EXIST', -502005, `collection ${collection} does not exist`, 404)
      const [id] = guarded(() => store.insert(collection, [doc]))
      return { _id: id }
    }
    case 'update': {
      if (!isPlainObject(req.data)) throw invalid('data must be an object')
      if (touchesReserved(req.data)) throw denied(collection, 'update')
      judge('update')
      const r = guarded(() => store.update(collection, query, req.data!, { multi: req.docId === undefined, merge: true, upsert: false }))
      return { stats: { updated: r.updated } }
    }
    case 'remove': {
      judge('delete')
      return { stats: { removed: guarded(() => store.remove(collection, query, req.docId === undefined)) } }
    }
    default:
      throw invalid(`unknown action ${String(action)}`)
  }
}

/** A store failure (bad operator, unindexed query in strict mode) becomes a coded answer, never a crash. */
function guarded<T>(work: () => T): T {
  try {
    return work()
  } catch (err) {
    if (err instanceof ClientAccessError) throw err
    const code = err instanceof CloudError ? err.code : 'DATABASE_REQUEST_FAILED'
    throw new ClientAccessError(code, -502001, `errCode: -502001 database request fail | errMsg: ${(err as Error).message}`)
  }
}
