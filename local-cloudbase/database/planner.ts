import type { RangeBound, SortedIndex } from './sorted-index'

type Query = Record<string, unknown>

/** What the planner reads of a collection: which ids exist and its declared indexes. */
export interface PlannedCollection {
  docs: { has(id: string): boolean }
  indexes: readonly SortedIndex[]
}

/**
 * Candidate ids for a query from the declared indexes, or null when no index serves it. An index serves a query
 * when its leading field has an equality, $in or range condition in the query's AND; an $or is served when every
 * branch is.
 */
export function planQuery(state: PlannedCollection, query: Query): Set<string> | null {
  let best: Set<string> | null = null
  const consider = (candidate: Set<string> | null) => {
    if (candidate && (!best || candidate.size < best.size)) best = candidate
  }
  // Of the top-level fields an index serves, only the one yielding the fewest entries is read (counted by binary
  // search first): an equality matching most of a collection costs nothing beside a narrow range.
  const served = Object.entries(query).flatMap(([field, condition]) =>
    field.startsWith('$') || field === '_id' ? [] : state.indexes.filter((ix) => ix.field === field).map((index) => ({ index, condition, n: estimate(index, condition) })),
  )
  // A compound index whose leading field the query fixes and whose second field it bounds serves both at once.
  for (const index of state.indexes) {
    const second = index.rest[0]
    if (second === undefined || !(index.field in query) || !(second in query)) continue
    const value = plainEquality(query[index.field])
    const bounds = rangeOf(query[second])
    if (!value || !bounds) continue
    const out = new Set<string>()
    if (index.equalThenRange(value.value, bounds.lower, bounds.upper, out)) consider(out)
  }
  const narrowest = served.filter((x) => x.n !== null && (!best || x.n < (best as Set<string>).size)).sort((a, b) => a.n! - b.n!)[0]
  if (narrowest) consider(indexCandidates(narrowest.index, narrowest.condition))
  for (const [field, condition] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const branch of condition) consider(planQuery(state, branch as Query))
    } else if (field === '$or' && Array.isArray(condition)) {
      const union = new Set<string>()
      let all = condition.length > 0
      for (const branch of condition) {
        const part = planQuery(state, branch as Query)
        if (!part) {
          all = false
          break
        }
        for (const id of part) union.add(id)
      }
      if (all) consider(union)
    } else if (field === '_id') {
      const ids = idCandidates(state, condition)
      if (ids) consider(ids)
    }
  }
  return best
}

function idCandidates(state: PlannedCollection, condition: unknown): Set<string> | null {
  if (typeof condition === 'string') return new Set(state.docs.has(condition) ? [condition] : [])
  if (condition && typeof condition === 'object' && !(condition instanceof RegExp)) {
    const c = condition as Record<string, unknown>
    if (typeof c.$eq === 'string') return new Set(state.docs.has(c.$eq) ? [c.$eq] : [])
    if (Array.isArray(c.$in)) return new Set(c.$in.filter((v): v is string => typeof v === 'string' && state.docs.has(v)))
  }
  return null
}

function plainEquality(condition: unknown): { value: unknown } | null {
  if (condition instanceof RegExp) return null
  if (condition === null || typeof condition !== 'object' || condition instanceof Date) return { value: condition }
  const ops = Object.keys(condition as object)
  return ops.length === 1 && ops[0] === '$eq' ? { value: (condition as { $eq: unknown }).$eq } : null
}

/** The bounds of a condition made only of $gt/$gte/$lt/$lte, else null. */
function rangeOf(condition: unknown): { lower?: RangeBound; upper?: RangeBound } | null {
  if (!condition || typeof condition !== 'object' || condition instanceof Date || condition instanceof RegExp) return null
  const c = condition as Record<string, unknown>
  const ops = Object.keys(c)
  if (!ops.length || !ops.every((op) => ['$gt', '$gte', '$lt', '$lte'].includes(op))) return null
  const lower: RangeBound | undefined = '$gt' in c ? { value: c.$gt, inclusive: false } : '$gte' in c ? { value: c.$gte, inclusive: true } : undefined
  const upper: RangeBound | undefined = '$lt' in c ? { value: c.$lt, inclusive: false } : '$lte' in c ? { value: c.$lte, inclusive: true } : undefined
  return { lower, upper }
}

/** The most entries the narrowest index lookup of a query yields, or null when no index serves its top level. */
export function planEstimate(state: PlannedCollection, query: Query): number | null {
  let best: number | null = null
  for (const [field, condition] of Object.entries(query)) {
    if (field.startsWith('$')) continue
    if (field === '_id') {
      const ids = idCandidates(state, condition)
      if (ids && (best === null || ids.size < best)) best = ids.size
      continue
    }
    for (const index of state.indexes) {
      if (index.field !== field) continue
      const n = estimate(index, condition)
      if (n !== null && (best === null || n < best)) best = n
    }
  }
  return best
}

function estimate(index: SortedIndex, condition: unknown): number | null {
  if (condition instanceof RegExp) return null
  if (condition === null || typeof condition !== 'object' || condition instanceof Date || '$oid' in (condition as object)) return index.countEqual(condition)
  const c = condition as Record<string, unknown>
  const ops = Object.keys(c)
  if (!ops.every((op) => op.startsWith('$'))) return index.countEqual(condition)
  if ('$eq' in c) return index.countEqual(c.$eq)
  if (Array.isArray(c.$in)) {
    let n = 0
    for (const v of c.$in) {
      const k = index.countEqual(v)
      if (k === null) return null
      n += k
    }
    return n
  }
  const lower: RangeBound | undefined = '$gt' in c ? { value: c.$gt, inclusive: false } : '$gte' in c ? { value: c.$gte, inclusive: true } : undefined
  const upper: RangeBound | undefined = '$lt' in c ? { value: c.$lt, inclusive: false } : '$lte' in c ? { value: c.$lte, inclusive: true } : undefined
  if (lower || upper) return index.countRange(lower, upper)
  return null
}

function indexCandidates(index: SortedIndex, condition: unknown): Set<string> | null {
  const out = new Set<string>()
  if (condition instanceof RegExp) return null
  if (condition === null || typeof condition !== 'object' || condition instanceof Date || '$oid' in (condition as object)) {
    return index.equal(condition, out) ? out : null
  }
  const c = condition as Record<string, unknown>
  const ops = Object.keys(c)
  if (!ops.every((op) => op.startsWith('$'))) return index.equal(condition, out) ? out : null
  if ('$eq' in c) return index.equal(c.$eq, out) ? out : null
  if (Array.isArray(c.$in)) {
    for (const v of c.$in) if (!index.equal(v, out)) return null
    return out
  }
  const lower: RangeBound | undefined = '$gt' in c ? { value: c.$gt, inclusive: false } : '$gte' in c ? { value: c.$gte, inclusive: true } : undefined
  const upper: RangeBound | undefined = '$lt' in c ? { value: c.$lt, inclusive: false } : '$lte' in c ? { value: c.$lte, inclusive: true } : undefined
  if (lower || upper) return index.range(lower, upper, out) ? out : null
  return null
}
