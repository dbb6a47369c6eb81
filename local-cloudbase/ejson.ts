/**
 * Canonical Extended JSON as wx-server-sdk sends it, through the `bson` package the SDK itself uses: decoded into
 * plain JS values that mingo evaluates (numbers, Date, RegExp), and encoded back for replies. Two local passes sit on
 * top of bson: `db.serverDate()` arrives as {$tcb_server_date:{offset}} (a CloudBase extension, not EJSON) and is
 * filled from the local clock, as CloudBase fills it from its own; and BSON types the database does not store
 * (binary, timestamps, code…) are refused rather than kept as opaque objects.
 */
import { EJSON, ObjectId, BSONRegExp, Long, Decimal128, Int32, Double } from 'bson'

export class EjsonError extends Error {}

/** An ObjectId kept as its hex string inside a tagged object, so equality queries on it match deep-equal. */
export interface ObjectIdValue {
  $oid: string
}

/** bson's values → the plain values the store keeps; fills $tcb_server_date. */
function toPlain(value: unknown, now: () => Date): unknown {
  if (Array.isArray(value)) return value.map((v) => toPlain(v, now))
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new EjsonError('bad $date')
    return value
  }
  if (value instanceof ObjectId) return { $oid: value.toHexString() } satisfies ObjectIdValue
  if (value instanceof Int32 || value instanceof Double) return value.valueOf()
  if (value instanceof Long || value instanceof Decimal128) return Number(value.toString())
  if (value instanceof BSONRegExp) {
    // Mongo options imsx; JS lacks x. Unsupported flags are an error rather than a silent different match.
    if (/[^ims]/.test(value.options)) throw new EjsonError(`unsupported regex options: ${value.options}`)
    return new RegExp(value.pattern, value.options)
  }
  const bsontype = (value as { _bsontype?: unknown })._bsontype
  if (bsontype !== undefined) throw new EjsonError(`unsupported EJSON type ${String(bsontype)}`)
  const obj = value as Record<string, unknown>
  const keys = Object.keys(obj)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = toPlain((obj.$tcb_server_date as { offset?: unknown } | null)?.offset ?? 0, now)
    return new Date(now().getTime() + (typeof offset === 'number' ? offset : 0))
  }
  const out: Record<string, unknown> = {}
  for (const k of keys) out[k] = toPlain(obj[k], now)
  return out
}

const NUMBER_WRAPPERS = new Set(['$numberInt', '$numberLong', '$numberDouble', '$numberDecimal'])

/** bson reads a number wrapper holding a non-number as 0 or NaN; a wrapper must hold a number's text (or "NaN"). */
function checkNumbers(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(checkNumbers)
  if (value === null || typeof value !== 'object') return
  const obj = value as Record<string, unknown>
  const keys = Object.keys(obj)
  if (keys.length === 1 && NUMBER_WRAPPERS.has(keys[0]!)) {
    const inner = obj[keys[0]!]
    if (typeof inner !== 'string' || inner.trim() === '' || (Number.isNaN(Number(inner)) && inner !== 'NaN')) {
      throw new EjsonError(`bad ${keys[0]}: ${String(inner)}`)
    }
    return
  }
  for (const k of keys) checkNumbers(obj[k])
}

export function parseEjson(text: unknown, now: () => Date): unknown {
  if (typeof text !== 'string') throw new EjsonError('expected an EJSON string')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new EjsonError('malformed EJSON string')
  }
  checkNumbers(json)
  let raw: unknown
  try {
    raw = EJSON.deserialize(json as Parameters<typeof EJSON.deserialize>[0], { relaxed: true })
  } catch (err) {
    throw new EjsonError((err as Error).message)
  }
  return toPlain(raw, now)
}

/** Fields set to undefined are left out (as JSON does); a RegExp keeps only the flags BSON has. */
function forBson(value: unknown): unknown {
  if (value instanceof RegExp) return new RegExp(value.source, value.flags.replace(/[^ims]/g, ''))
  if (Array.isArray(value)) return value.map(forBson)
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = forBson(v)
    return out
  }
  return value
}

/** Canonical EJSON, which the SDK's EJSON.parse turns back into the same JS values. */
export function stringifyEjson(value: unknown): string {
  return EJSON.stringify(forBson(value) as Parameters<typeof EJSON.stringify>[0], { relaxed: false })
}

/** Deep copy of a decoded document (Dates and RegExps kept as such). */
export function cloneDoc<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T
  if (value instanceof RegExp) return new RegExp(value.source, value.flags) as T
  if (Array.isArray(value)) return value.map(cloneDoc) as T
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = cloneDoc(v)
    return out as T
  }
  return value
}
