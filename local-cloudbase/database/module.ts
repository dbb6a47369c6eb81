import crypto from 'node:crypto'
import { CloudError, type AdminRequest, type CloudModule } from '../types'
import { EjsonError, parseEjson, stringifyEjson } from '../ejson'
import { jsonTooDeep } from '../json-limits'
import type { Query, Store } from './store'

/** Results of an aggregation without a $limit stage (production's default). */
export const AGGREGATE_DEFAULT_LIMIT = 20

/** CloudBase caps one server-side read at 1000 documents; the SDK's default is 100. */
export const MAX_LIMIT = 1000
const DEFAULT_LIMIT = 100
/** An open transaction that sees no request for this long is aborted, as CloudBase expires idle transactions. */
const TRANSACTION_IDLE_MS = 30_000

export interface DatabaseModule extends CloudModule {
  /**
   * An invocation ended (returned, failed, timed out, its instance died): a transaction it opened and left open is
   * aborted, so a hung function cannot hold the database beyond its own timeout.
   */
  invocationEnded(apiToken: string): void
  /** Runs `work` when no transaction is open (as every non-transactional request does), e.g. a client's request. */
  outsideTransactions<T>(work: () => T): Promise<T>
}

/**
 * The database actions of the CloudBase API. Transactions are serialised: while one is open, every other database
 * request waits for it to commit or abort, so nobody reads its uncommitted writes. A transaction belongs to the
 * function invocation that opened it (`isInvocation(apiToken)`) and is aborted when that invocation ends.
 */
export function createDatabaseModule(store: Store, now: () => Date, options: { isInvocation?: (apiToken: string) => boolean } = {}): DatabaseModule {
  let active: { id: string; timer: NodeJS.Timeout; owner: string } | null = null
  let waiters: (() => void)[] = []

  const release = () => {
    if (active) clearTimeout(active.timer)
    active = null
    const next = waiters
    waiters = []
    for (const w of next) w()
  }
  const touch = () => {
    if (!active) return
    clearTimeout(active.timer)
    const id = active.id
    active.timer = setTimeout(() => {
      if (active?.id === id) {
        store.rollbackTransaction()
        release()
      }
    }, TRANSACTION_IDLE_MS)
  }
  const gate = async (req: AdminRequest): Promise<void> => {
    const txId = req.body.transactionId
    if (txId !== undefined) {
      if (!active || active.id !== txId) throw new CloudError('DATABASE_TRANSACTION_FAIL', `transaction ${String(txId)} is not open`)
      touch()
      return
    }
    while (active) await new Promise<void>((resolve) => waiters.push(resolve))
  }

  const parse = (text: unknown, what: string): unknown => {
    if (text === undefined || text === null || text === '') return undefined
    if (typeof text === 'string' && jsonTooDeep(text)) throw new CloudError('INVALID_PARAM', `${what} nests too deep`)
    try {
      return parseEjson(text, now)
    } catch (err) {
      throw new CloudError('DATABASE_REQUEST_FAILED', `invalid ${what}: ${(err as EjsonError).message}`)
    }
  }
  const collectionName = (req: AdminRequest): string => {
    const name = req.body.collectionName
    if (typeof name !== 'string' || !name) throw new CloudError('INVALID_PARAM', 'collectionName is required')
    return name
  }
  const queryOf = (req: AdminRequest): Query => {
    const q = parse(req.body.query, 'query')
    if (q === undefined) return {}
    if (typeof q !== 'object' || q === null || Array.isArray(q)) throw new CloudError('DATABASE_REQUEST_FAILED', 'query must be an object')
    return q as Query
  }
  const orderOf = (req: AdminRequest): Record<string, 1 | -1> | undefined => {
    const raw = req.body.order
    if (raw === undefined || raw === '') return undefined
    const parsed = typeof raw === 'string' ? parse(raw, 'order') : raw
    const order: Record<string, 1 | -1> = {}
    if (Array.isArray(parsed)) {
      for (const o of parsed as { field: string; direction: string }[]) order[o.field] = o.direction === 'desc' ? -1 : 1
    } else if (parsed && typeof parsed === 'object') {
      for (const [k, v] of Object.entries(parsed)) order[k] = v === -1 || v === 'desc' ? -1 : 1
    }
    return order
  }
  const nonNegativeInt = (value: unknown, what: string): number | undefined => {
    if (value === undefined || value === null) return undefined
    const n = Number(value)
    if (!Number.isInteger(n) || n < 0) throw new CloudError('INVALID_PARAM', `${what} must be a non-negative integer`)
    return n
  }
  /** Wraps a store call so a mingo or store failure becomes a CloudBase error, never a crash. */
  const guarded = <T>(work: () => T): T => {
    try {
      return work()
    } catch (err) {
      if (err instanceof CloudError) throw err
      throw new CloudError('DATABASE_REQUEST_FAILED', (err as Error).message)
    }
  }

  return {
    name: 'database',
    adminActions: {
      'database.addCollection': async (req) => {
        await gate(req)
        store.addCollection(collectionName(req))
        return { data: {} }
      },
      'database.insertDocument': async (req) => {
        await gate(req)
        const name = collectionName(req)
        const raw = req.body.data
        const docs = (Array.isArray(raw) ? raw : [raw]).map((d) => parse(d, 'data'))
        if (!docs.length || docs.some((d) => !d || typeof d !== 'object' || Array.isArray(d))) {
          throw new CloudError('INVALID_PARAM', 'data must be one or more documents')
        }
        const insertedIds = guarded(() => store.insert(name, docs as Record<string, unknown>[]))
        return { data: { insertedIds } }
      },
      'database.getDocument': async (req) => {
        await gate(req)
        const limit = Math.min(nonNegativeInt(req.body.limit, 'limit') ?? DEFAULT_LIMIT, MAX_LIMIT)
        const projection = parse(req.body.projection, 'projection') as Record<string, unknown> | undefined
        const name = collectionName(req)
        const query = queryOf(req)
        const list = guarded(() =>
          store.find(name, query, { order: orderOf(req), offset: nonNegativeInt(req.body.offset, 'offset'), limit, projection }),
        )
        return { data: { list: list.map(stringifyEjson), limit, offset: req.body.offset ?? 0 } }
      },
      'database.calculateDocument': async (req) => {
        await gate(req)
        const name = collectionName(req)
        const query = queryOf(req)
        return { data: { total: guarded(() => store.count(name, query)) } }
      },
      'database.modifyDocument': async (req) => {
        await gate(req)
        const name = collectionName(req)
        const query = queryOf(req)
        const data = parse(req.body.data, 'data')
        if (!data || typeof data !== 'object' || Array.isArray(data)) throw new CloudError('INVALID_PARAM', 'data must be an object')
        const result = guarded(() =>
          store.update(name, query, data as Record<string, unknown>, {
            multi: Boolean(req.body.multi),
            merge: req.body.merge !== false,
            upsert: Boolean(req.body.upsert),
          }),
        )
        return { data: result.upsertId ? { updated: result.updated, upsert_id: result.upsertId } : { updated: result.updated } }
      },
      'database.modifyAndReturnDoc': async (req) => {
        await gate(req)
        const name = collectionName(req)
        const query = queryOf(req)
        const data = parse(req.body.data, 'data')
        if (!data || typeof data !== 'object' || Array.isArray(data)) throw new CloudError('INVALID_PARAM', 'data must be an object')
        const result = guarded(() => store.update(name, query, data as Record<string, unknown>, { multi: false, merge: true, upsert: false }))
        const doc = result.docs[0]
        return { data: { updated: result.updated, doc: doc ? stringifyEjson(doc) : null } }
      },
      'database.removeDocument': async (req) => {
        await gate(req)
        const name = collectionName(req)
        const query = queryOf(req)
        return { data: { deleted: guarded(() => store.remove(name, query, Boolean(req.body.multi))) } }
      },
      'database.aggregateDocuments': async (req) => {
        await gate(req)
        const name = collectionName(req)
        const stages = req.body.stages
        if (!Array.isArray(stages)) throw new CloudError('INVALID_PARAM', 'stages must be an array')
        const pipeline = stages.map((s: { stageKey?: unknown; stageValue?: unknown }) => {
          if (typeof s?.stageKey !== 'string' || !s.stageKey.startsWith('$')) throw new CloudError('INVALID_PARAM', 'bad stage')
          return { [s.stageKey]: parse(s.stageValue, `${s.stageKey} stage`) }
        })
        const list = guarded(() => store.aggregate(name, pipeline))
        // Production answers an aggregation that names no $limit stage with its first 20 results (cloud functions
        // too, unlike get()'s 100): a pipeline that forgets its limit must come up short here as well.
        const answered = pipeline.some((stage) => '$limit' in stage) ? list : list.slice(0, AGGREGATE_DEFAULT_LIMIT)
        return { data: { list: answered.map(stringifyEjson) } }
      },
      'database.startTransaction': async (req) => {
        // Wait and claim in one synchronous step: after `await gate()` several woken waiters could all find the
        // slot free before the first of them takes it, and the second would fail to begin.
        while (active) await new Promise<void>((resolve) => waiters.push(resolve))
        const id = crypto.randomBytes(12).toString('hex')
        store.beginTransaction()
        const owner = req.apiToken && options.isInvocation?.(req.apiToken) ? req.apiToken : ''
        active = { id, timer: setTimeout(() => undefined, 0), owner }
        touch()
        return { transactionId: id }
      },
      'database.commitTransaction': async (req) => {
        await gate(req)
        store.commitTransaction()
        release()
        return {}
      },
      'database.abortTransaction': async (req) => {
        await gate(req)
        store.rollbackTransaction()
        release()
        return {}
      },
    },
    async outsideTransactions(work) {
      while (active) await new Promise<void>((resolve) => waiters.push(resolve))
      return work()
    },
    invocationEnded(apiToken) {
      if (active && active.owner && active.owner === apiToken) {
        store.rollbackTransaction()
        release()
      }
    },
    close() {
      if (active) {
        store.rollbackTransaction()
        release()
      }
    },
  }
}
