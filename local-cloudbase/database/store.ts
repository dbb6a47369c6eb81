import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import Database from 'better-sqlite3'
import mingo from 'mingo'
import { CloudError } from '../types'
import { cloneDoc, parseEjson, stringifyEjson } from '../ejson'
import { SortedIndex } from './sorted-index'
import { planEstimate, planQuery } from './planner'

export type Doc = Record<string, unknown> & { _id: string }
export type Query = Record<string, unknown>

export interface IndexSpec {
  name: string
  /** Ordered keys, e.g. {"communityId": 1, "publishedAt": -1}. */
  keys: Record<string, 1 | -1>
  unique?: boolean
}
export interface CollectionSpec {
  indexes?: IndexSpec[]
  /** A bounded collection (configuration, a handful of rows) that may be read without an index; give the reason. */
  scanOk?: string
}
export interface DatabaseSpec {
  collections: Record<string, CollectionSpec>
}

export function loadDatabaseSpec(file: string): DatabaseSpec {
  const spec = JSON.parse(fs.readFileSync(file, 'utf8')) as DatabaseSpec
  if (!spec || typeof spec.collections !== 'object') throw new Error(`${file}: expected {"collections": {...}}`)
  return spec
}

export interface UnindexedQuery {
  collection: string
  fields: string[]
  at: string
}

interface CollectionState {
  docs: Map<string, Doc>
  indexes: SortedIndex[]
  spec: CollectionSpec
}

export interface StoreOptions {
  dataDir: string
  spec: DatabaseSpec
  now: () => Date
  /** Fail (instead of warn about) a query no declared index serves. */
  strictIndexes?: boolean
  warn?: (message: string) => void
}

/** Below this many candidates from an index lookup, filtering and sorting them beats walking an ordered index. */
const WALK_MIN_CANDIDATES = 256

export interface FindOptions {
  order?: Record<string, 1 | -1>
  offset?: number
  limit?: number
  projection?: Record<string, unknown>
}

/**
 * The durable document store: every collection decoded in memory for mingo, written through to SQLite (WAL) before a
 * write is acknowledged, so an acknowledged write survives kill -9. A user transaction runs inside one SQLite
 * transaction with an undo log for the in-memory copy; the server serialises transactions against everything else.
 */
export class Store {
  private db: Database.Database
  private collections = new Map<string, CollectionState>()
  private undo: { coll: string; id: string; before: Doc | undefined }[] | null = null
  readonly unindexed: UnindexedQuery[] = []
  private stmt: {
    put: Database.Statement
    del: Database.Statement
    addColl: Database.Statement
  }

  constructor(private readonly options: StoreOptions) {
    fs.mkdirSync(options.dataDir, { recursive: true })
    this.db = new Database(path.join(options.dataDir, 'cloudbase.sqlite'))
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL') // WAL + NORMAL: a process crash loses nothing committed
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS docs (coll TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (coll, id));
    `)
    this.stmt = {
      put: this.db.prepare('INSERT INTO docs (coll, id, body) VALUES (?, ?, ?) ON CONFLICT (coll, id) DO UPDATE SET body = excluded.body'),
      del: this.db.prepare('DELETE FROM docs WHERE coll = ? AND id = ?'),
      addColl: this.db.prepare('INSERT OR IGNORE INTO collections (name) VALUES (?)'),
    }
    // Declared collections exist, as if created in the console with their indexes.
    for (const name of Object.keys(options.spec.collections)) this.stmt.addColl.run(name)
    for (const row of this.db.prepare('SELECT name FROM collections').all() as { name: string }[]) this.createState(row.name)
    const rows = this.db.prepare('SELECT coll, id, body FROM docs').iterate() as Iterable<{ coll: string; id: string; body: string }>
    for (const row of rows) {
      const state = this.collections.get(row.coll) ?? this.createState(row.coll)
      const doc = parseEjson(row.body, options.now) as Doc
      state.docs.set(row.id, doc)
      for (const index of state.indexes) index.addUnsorted(row.id, doc)
    }
    for (const state of this.collections.values()) for (const index of state.indexes) index.sort()
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  private createState(name: string): CollectionState {
    const spec = this.options.spec.collections[name] ?? {}
    const indexes = (spec.indexes ?? []).map((ix) => {
      const [first, ...rest] = Object.keys(ix.keys)
      if (!first) throw new Error(`index ${ix.name} of ${name} has no keys`)
      // Unique indexes, single-field and compound, are enforced on every write (write() below).
      return new SortedIndex(ix.name, first, Boolean(ix.unique), rest, rest[0] !== undefined && ix.keys[rest[0]] === -1 ? -1 : 1)
    })
    const state: CollectionState = { docs: new Map(), indexes, spec }
    this.collections.set(name, state)
    return state
  }

  collectionNames(): string[] {
    return [...this.collections.keys()]
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name)
  }

  private state(name: string): CollectionState {
    const state = this.collections.get(name)
    if (!state) throw new CloudError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`)
    return state
  }

  addCollection(name: string): void {
    if (!/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(name)) throw new CloudError('INVALID_PARAM', `invalid collection name: ${name}`)
    if (this.collections.has(name)) throw new CloudError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`)
    this.stmt.addColl.run(name)
    this.createState(name)
  }

  // ---- transactions -------------------------------------------------------------------------------------------

  beginTransaction(): void {
    if (this.undo) throw new CloudError('DATABASE_TRANSACTION_CONFLICT', 'a transaction is already open')
    this.db.exec('BEGIN IMMEDIATE')
    this.undo = []
  }
  commitTransaction(): void {
    if (!this.undo) throw new CloudError('DATABASE_TRANSACTION_FAIL', 'no open transaction')
    this.db.exec('COMMIT')
    this.undo = null
  }
  rollbackTransaction(): void {
    if (!this.undo) return
    this.db.exec('ROLLBACK')
    const log = this.undo
    this.undo = null
    for (let i = log.length - 1; i >= 0; i--) {
      const { coll, id, before } = log[i]!
      const state = this.collections.get(coll)
      if (!state) continue
      const current = state.docs.get(id)
      if (current) for (const index of state.indexes) index.remove(id, current)
      if (before) {
        state.docs.set(id, before)
        for (const index of state.indexes) index.add(id, before)
      } else {
        state.docs.delete(id)
      }
    }
  }

  /** Runs a multi-document write atomically in SQLite (inside the user transaction when one is open). */
  private atomically<T>(work: () => T): T {
    if (this.undo) return work()
    const log: { coll: string; id: string; before: Doc | undefined }[] = []
    this.undo = log
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const result = work()
      this.db.exec('COMMIT')
      this.undo = null
      return result
    } catch (err) {
      this.rollbackTransaction()
      throw err
    }
  }

  private write(coll: string, state: CollectionState, id: string, next: Doc | undefined): void {
    const before = state.docs.get(id)
    for (const index of state.indexes) {
      if (next) {
        const other = index.conflict(next, id, (otherId) => state.docs.get(otherId))
        if (other) throw new CloudError('DATABASE_DUPLICATE_WRITE', `duplicate key in ${coll}.${index.name}: ${[index.field, ...index.rest].join(', ')}`)
      }
    }
    this.undo?.push({ coll, id, before })
    if (before) for (const index of state.indexes) index.remove(id, before)
    if (next) {
      state.docs.set(id, next)
      for (const index of state.indexes) index.add(id, next)
      this.stmt.put.run(coll, id, stringifyEjson(next))
    } else {
      state.docs.delete(id)
      this.stmt.del.run(coll, id)
    }
  }

  private candidates(name: string, state: CollectionState, query: Query, order?: Record<string, 1 | -1>): Doc[] {
    const planned = planQuery(state, query)
    if (planned) {
      const docs: Doc[] = []
      for (const id of planned) {
        const doc = state.docs.get(id)
        if (doc) docs.push(doc)
      }
      return docs
    }
    const orderField = order ? Object.keys(order)[0] : undefined
    const servedByOrder = orderField !== undefined && state.indexes.some((ix) => ix.field === orderField)
    if (!servedByOrder && !state.spec.scanOk && state.docs.size > 0) this.reportUnindexed(name, query)
    return [...state.docs.values()]
  }

  private reportUnindexed(collection: string, query: Query): void {
    const fields = Object.keys(query)
    const entry = { collection, fields, at: this.options.now().toISOString() }
    if (this.unindexed.length < 1000) this.unindexed.push(entry)
    const message = `no declared index serves this query on ${collection} (fields: ${fields.join(', ') || 'none'}); declare one in config/database.json`
    if (this.options.strictIndexes) throw new CloudError('DATABASE_INDEX_MISSING', message)
    this.options.warn?.(`warning: ${message}`)
  }

  // ---- operations ---------------------------------------------------------------------------------------------

  find(name: string, query: Query, options: FindOptions = {}): Doc[] {
    const state = this.state(name)
    const walked = this.walkInOrder(state, query, options)
    if (walked) return walked
    const source = this.candidates(name, state, query, options.order)
    let cursor = mingo.find(source, query, options.projection as never)
    if (options.order && Object.keys(options.order).length) cursor = cursor.sort(options.order)
    if (options.offset) cursor = cursor.skip(options.offset)
    if (options.limit !== undefined) cursor = cursor.limit(options.limit)
    return cursor.all() as Doc[]
  }

  /**
   * A limited read sorted on the second field of a compound index whose leading field the query fixes by equality
   * (e.g. the newest topics of a community on communityId+publishedAt): the index's entries are read in order and
   * tested until the limit is reached, instead of sorting every candidate — taken only when no index narrows the
   * query to a few entries anyway. Null when it does not apply.
   */
  private walkInOrder(state: CollectionState, query: Query, options: FindOptions): Doc[] | null {
    const order = options.order ? Object.entries(options.order) : []
    if (options.limit === undefined || order.length !== 1) return null
    const [field, direction] = order[0]!
    const equalityOf = (c: unknown): { value: unknown } | null => {
      if (c === null || typeof c !== 'object' || c instanceof Date) return { value: c }
      const ops = Object.keys(c as object)
      return ops.length === 1 && ops[0] === '$eq' ? { value: (c as { $eq: unknown }).$eq } : null
    }
    const index = state.indexes.find((ix) => ix.rest[0] === field && ix.field in query && equalityOf(query[ix.field]))
    if (!index) return null
    const wanted = (options.offset ?? 0) + options.limit
    const narrow = planEstimate(state, query)
    if (narrow !== null && narrow <= Math.max(WALK_MIN_CANDIDATES, 4 * wanted)) return null
    const test = new mingo.Query(query)
    const hits: Doc[] = []
    const walked = index.walkEqual(equalityOf(query[index.field])!.value, direction === -1 ? -1 : 1, (id) => {
      const doc = state.docs.get(id)
      if (doc && test.test(doc)) hits.push(doc)
      return hits.length < wanted
    })
    if (!walked) return null
    return mingo.find(hits.slice(options.offset ?? 0), {}, options.projection as never).all() as Doc[]
  }

  count(name: string, query: Query): number {
    const state = this.state(name)
    const q = new mingo.Query(query)
    let n = 0
    for (const doc of this.candidates(name, state, query)) if (q.test(doc)) n++
    return n
  }

  insert(name: string, docs: Record<string, unknown>[]): string[] {
    const state = this.state(name)
    return this.atomically(() =>
      docs.map((input) => {
        const id = typeof input._id === 'string' && input._id ? input._id : crypto.randomBytes(16).toString('hex')
        if (state.docs.has(id)) throw new CloudError('DATABASE_DUPLICATE_WRITE', `duplicate _id ${id} in ${name}`)
        this.write(name, state, id, { ...cloneDoc(input), _id: id })
        return id
      }),
    )
  }

  /**
   * CloudBase update: operator data ($set, $inc, ...) applies to the matches; `merge: false` replaces the document
   * (doc().set); `upsert` creates it with the queried _id when nothing matches.
   */
  update(
    name: string,
    query: Query,
    data: Record<string, unknown>,
    options: { multi: boolean; merge: boolean; upsert: boolean },
  ): { updated: number; upsertId?: string; docs: Doc[] } {
    const state = this.state(name)
    const hasOperators = Object.keys(data).some((k) => k.startsWith('$'))
    if (!options.merge && hasOperators) throw new CloudError('DATABASE_INVALID_OPERRATOR', 'set() takes a document, not update operators')
    if ('_id' in data || ('$set' in data && data.$set && typeof data.$set === 'object' && '_id' in (data.$set as object))) {
      throw new CloudError('DATABASE_INVALID_OPERRATOR', 'the _id of a document cannot be updated')
    }
    const modifier = hasOperators ? data : { $set: data }
    return this.atomically(() => {
      const tester = new mingo.Query(query)
      const matches = this.candidates(name, state, query).filter((d) => tester.test(d))
      const targets = options.multi ? matches : matches.slice(0, 1)
      const changed: Doc[] = []
      for (const doc of targets) {
        let next: Doc
        if (options.merge) {
          next = cloneDoc(doc)
          try {
            mingo.update(next, modifier as never)
          } catch (err) {
            throw new CloudError('DATABASE_INVALID_OPERRATOR', (err as Error).message)
          }
        } else {
          next = { ...cloneDoc(data), _id: doc._id }
        }
        this.write(name, state, doc._id, next)
        changed.push(next)
      }
      if (targets.length === 0 && options.upsert) {
        const id = typeof query._id === 'string' ? query._id : crypto.randomBytes(16).toString('hex')
        let created: Doc = { _id: id }
        if (options.merge) mingo.update(created, modifier as never)
        else created = { ...cloneDoc(data), _id: id }
        this.write(name, state, id, created)
        return { updated: 0, upsertId: id, docs: [created] }
      }
      return { updated: changed.length, docs: changed }
    })
  }

  remove(name: string, query: Query, multi: boolean): number {
    const state = this.state(name)
    return this.atomically(() => {
      const tester = new mingo.Query(query)
      const matches = this.candidates(name, state, query).filter((d) => tester.test(d))
      const targets = multi ? matches : matches.slice(0, 1)
      for (const doc of targets) this.write(name, state, doc._id, undefined)
      return targets.length
    })
  }

  aggregate(name: string, pipeline: Record<string, unknown>[]): unknown[] {
    const state = this.state(name)
    const first = pipeline[0]
    const match = first && '$match' in first ? (first.$match as Query) : undefined
    const source = match ? this.candidates(name, state, match) : this.candidates(name, state, {})
    return mingo.aggregate(source, pipeline, {
      collectionResolver: (other: string) => [...(this.collections.get(other)?.docs.values() ?? [])],
    } as never)
  }

  /** For diagnostics and tests. */
  size(name: string): number {
    return this.collections.get(name)?.docs.size ?? 0
  }
}
