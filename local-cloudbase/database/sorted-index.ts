/**
 * One declared index, served by its leading field: a sorted array of (key, id) giving equality, $in and range
 * lookups by binary search. Later fields of a compound index only narrow through mingo after the lookup, as a
 * compound index is usable only through its prefix — except for order: entries with one leading value are kept in the
 * order of the index's second field (in its declared direction), so an equality on the leading field sorted by the
 * second field reads the entries in order and stops at the limit (`walkEqual`). A unique index, single or compound, refuses a document whose
 * values on every indexed field equal another document's.
 */

type Key = [rank: number, value: number | string | boolean | null]

// Mongo's cross-type order: null < numbers < strings < objects < arrays < booleans < dates.
function toKey(value: unknown): Key | undefined {
  if (value === null || value === undefined) return [0, null]
  if (typeof value === 'number') return [1, value]
  if (typeof value === 'string') return [2, value]
  if (typeof value === 'boolean') return [5, value]
  if (value instanceof Date) return [6, value.getTime()]
  if (typeof value === 'object' && value && '$oid' in value) return [3, String((value as { $oid: string }).$oid)]
  return undefined // objects, arrays, regexps: not indexable keys here
}

function compareKeys(a: Key, b: Key): number {
  if (a[0] !== b[0]) return a[0] - b[0]
  const x = a[1]
  const y = b[1]
  if (x === y) return 0
  if (x === null) return -1
  if (y === null) return 1
  return x < y ? -1 : 1
}

/** Values a document holds at a dotted path; an array contributes each element (multikey). Missing → [null]. */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  let current: unknown[] = [doc]
  for (const part of path.split('.')) {
    const next: unknown[] = []
    for (const c of current) {
      if (Array.isArray(c)) {
        for (const el of c) if (el && typeof el === 'object') next.push((el as Record<string, unknown>)[part])
      } else if (c && typeof c === 'object') {
        next.push((c as Record<string, unknown>)[part])
      }
    }
    current = next
  }
  const out: unknown[] = []
  for (const v of current) {
    if (Array.isArray(v)) out.push(...v)
    else out.push(v)
  }
  return out.length ? out : [null]
}

export interface RangeBound {
  value: unknown
  inclusive: boolean
}

/** Sorts after every key a document can hold at the second field (objects, arrays: not orderable here). */
const UNORDERED: Key = [9, null]

interface Entry {
  key: Key
  /** The second field's key (compound indexes), else null. */
  sub: Key | null
  id: string
}

export class SortedIndex {
  private entries: Entry[] = []

  constructor(
    readonly name: string,
    readonly field: string,
    readonly unique: boolean,
    /** The later fields of a compound index (checked for uniqueness only; lookups use the leading field). */
    readonly rest: readonly string[] = [],
    /** The declared direction of the second field (rest[0]). */
    readonly restDirection: 1 | -1 = 1,
  ) {}

  /** Some document holds several values at the second field (an array): lookups on it are then not served. */
  private subMultikey = false

  private subOf(doc: unknown): Key | null {
    if (!this.rest.length) return null
    const values = valuesAtPath(doc, this.rest[0]!)
    if (values.length > 1) this.subMultikey = true
    return toKey(values[0]) ?? UNORDERED
  }

  private compareEntries(a: { key: Key; sub: Key | null }, b: { key: Key; sub: Key | null }): number {
    const c = compareKeys(a.key, b.key)
    if (c !== 0 || !a.sub || !b.sub) return c
    return this.restDirection * compareKeys(a.sub, b.sub)
  }

  /** First position whose (key, sub) is after the given one. */
  private boundAfter(entry: { key: Key; sub: Key | null }): number {
    let lo = 0
    let hi = this.entries.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.compareEntries(this.entries[mid]!, entry) <= 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  private keysOf(doc: unknown, field = this.field): Key[] {
    const keys: Key[] = []
    for (const v of valuesAtPath(doc, field)) {
      const k = toKey(v)
      if (k && !keys.some((e) => compareKeys(e, k) === 0)) keys.push(k)
    }
    return keys
  }

  /** First position whose key is >= key (or > key when `after`). */
  private bound(key: Key, after: boolean): number {
    let lo = 0
    let hi = this.entries.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const c = compareKeys(this.entries[mid]!.key, key)
      if (c < 0 || (after && c === 0)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** True when both documents hold a same present (non-missing) value at the field. */
  private shareKey(a: unknown, b: unknown, field: string): boolean {
    const bKeys = this.keysOf(b, field)
    return this.keysOf(a, field).some((k) => k[0] !== 0 && bKeys.some((o) => compareKeys(k, o) === 0))
  }

  /**
   * The id of another document holding the same values on every field of a unique index, or undefined. Like a sparse
   * unique index, a document missing one of the fields collides with nothing. `docOf` gives the stored documents.
   */
  conflict(doc: unknown, id: string, docOf: (id: string) => unknown): string | undefined {
    if (!this.unique) return undefined
    for (const key of this.keysOf(doc)) {
      if (key[0] === 0) continue
      for (let i = this.bound(key, false); i < this.entries.length && compareKeys(this.entries[i]!.key, key) === 0; i++) {
        const other = this.entries[i]!.id
        if (other === id) continue
        if (this.rest.every((field) => this.shareKey(doc, docOf(other), field))) return other
      }
    }
    return undefined
  }

  add(id: string, doc: unknown): void {
    const sub = this.subOf(doc)
    for (const key of this.keysOf(doc)) {
      const entry = { key, sub, id }
      this.entries.splice(this.boundAfter(entry), 0, entry)
    }
  }

  /** Bulk load: append then sort once (start-up with many documents). */
  addUnsorted(id: string, doc: unknown): void {
    const sub = this.subOf(doc)
    for (const key of this.keysOf(doc)) this.entries.push({ key, sub, id })
  }
  sort(): void {
    this.entries.sort((a, b) => this.compareEntries(a, b))
  }

  remove(id: string, doc: unknown): void {
    for (const key of this.keysOf(doc)) {
      for (let i = this.bound(key, false); i < this.entries.length && compareKeys(this.entries[i]!.key, key) === 0; i++) {
        if (this.entries[i]!.id === id) {
          this.entries.splice(i, 1)
          break
        }
      }
    }
  }

  equal(value: unknown, into: Set<string>): boolean {
    const key = toKey(value)
    if (!key) return false
    for (let i = this.bound(key, false); i < this.entries.length && compareKeys(this.entries[i]!.key, key) === 0; i++) {
      into.add(this.entries[i]!.id)
    }
    return true
  }

  /**
   * Range lookup. Mongo compares only within a type ("bracketing"), so a bound restricts the scan to its own type.
   */
  range(lower: RangeBound | undefined, upper: RangeBound | undefined, into: Set<string>): boolean {
    const lo = lower ? toKey(lower.value) : undefined
    const hi = upper ? toKey(upper.value) : undefined
    if ((lower && !lo) || (upper && !hi)) return false
    const rank = (lo ?? hi)![0]
    const start = lo ? this.bound(lo, !lower!.inclusive) : this.bound([rank, null], false)
    for (let i = start; i < this.entries.length; i++) {
      const e = this.entries[i]!
      if (e.key[0] !== rank) break
      if (hi) {
        const c = compareKeys(e.key, hi)
        if (c > 0 || (c === 0 && !upper!.inclusive)) break
      }
      if (rank === 0 && e.key[1] === null && lo) continue
      into.add(e.id)
    }
    return true
  }

  /**
   * Equality on the leading field and a range on the second (a compound index's prefix, as a database serves it):
   * the ids of that run whose second-field key is within the bounds. False when not served here (no second field,
   * arrays at it, bounds of null or of no orderable type).
   */
  equalThenRange(value: unknown, lower: RangeBound | undefined, upper: RangeBound | undefined, into: Set<string>): boolean {
    const key = toKey(value)
    const lo = lower ? toKey(lower.value) : undefined
    const hi = upper ? toKey(upper.value) : undefined
    if (!key || !this.rest.length || this.subMultikey || (!lower && !upper) || (lower && !lo) || (upper && !hi)) return false
    const rank = (lo ?? hi)![0]
    if (rank === 0 || (lo && hi && lo[0] !== hi[0])) return false
    for (let i = this.bound(key, false), end = this.bound(key, true); i < end; i++) {
      const e = this.entries[i]!
      const sub = e.sub!
      // Mongo compares only within a type: a bound of one type matches values of that type only.
      if (sub[0] !== rank) continue
      if (lo) {
        const c = compareKeys(sub, lo)
        if (c < 0 || (c === 0 && !lower!.inclusive)) continue
      }
      if (hi) {
        const c = compareKeys(sub, hi)
        if (c > 0 || (c === 0 && !upper!.inclusive)) continue
      }
      into.add(e.id)
    }
    return true
  }

  /** How many entries an equality lookup yields (no set is built), or null when the value is not a key. */
  countEqual(value: unknown): number | null {
    const key = toKey(value)
    return key ? this.bound(key, true) - this.bound(key, false) : null
  }

  /** How many entries a range lookup scans at most (an estimate for planning; `range` is exact), or null. */
  countRange(lower: RangeBound | undefined, upper: RangeBound | undefined): number | null {
    const lo = lower ? toKey(lower.value) : undefined
    const hi = upper ? toKey(upper.value) : undefined
    if ((lower && !lo) || (upper && !hi)) return null
    const rank = (lo ?? hi)![0]
    const start = lo ? this.bound(lo, !lower!.inclusive) : this.bound([rank, null], false)
    const end = hi ? this.bound(hi, upper!.inclusive) : this.bound([rank + 1, null], false)
    return Math.max(0, end - start)
  }

  /**
   * The ids of the entries whose leading field equals `value`, in the order of the second field (`direction` 1 =
   * ascending, as Mongo sorts: null first), until `visit` answers false. False when the value is not a key.
   */
  walkEqual(value: unknown, direction: 1 | -1, visit: (id: string) => boolean): boolean {
    const key = toKey(value)
    if (!key || !this.rest.length) return false
    const lo = this.bound(key, false)
    const hi = this.bound(key, true)
    if (direction === this.restDirection) {
      for (let i = lo; i < hi; i++) if (!visit(this.entries[i]!.id)) break
    } else {
      // Backwards by the second field, but entries tied on it stay in stored order (as a stable sort leaves them).
      const sameSub = (a: number, b: number) => compareKeys(this.entries[a]!.sub!, this.entries[b]!.sub!) === 0
      for (let i = hi - 1; i >= lo; ) {
        let j = i
        while (j - 1 >= lo && sameSub(j - 1, i)) j--
        for (let k = j; k <= i; k++) if (!visit(this.entries[k]!.id)) return true
        i = j - 1
      }
    }
    return true
  }

  get size(): number {
    return this.entries.length
  }
}
