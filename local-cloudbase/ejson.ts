/**
 * Canonical Extended JSON as wx-server-sdk sends it, decoded into plain JS values that mingo evaluates
 * (numbers, Date, RegExp), and encoded back for replies. `db.serverDate()` arrives as {$tcb_server_date:{offset}}
 * and is filled from the local clock, as CloudBase fills it from its own.
 */

export class EjsonError extends Error {}

/** An ObjectId kept as its hex string inside a tagged object, so equality queries on it match deep-equal. */
export interface ObjectIdValue {
  $oid: string
}

export function decodeEjson(value: unknown, now: () => Date): unknown {
  if (Array.isArray(value)) return value.map((v) => decodeEjson(v, now))
  if (value === null || typeof value !== 'object') return value
  const obj = value as Record<string, unknown>
  const keys = Object.keys(obj)
  if (keys.length === 1) {
    const key = keys[0]!
    const inner = obj[key]
    switch (key) {
      case '$numberInt':
      case '$numberDouble':
      case '$numberLong':
      case '$numberDecimal': {
        const n = Number(inner)
        if (typeof inner !== 'string' || (Number.isNaN(n) && inner !== 'NaN')) throw new EjsonError(`bad ${key}: ${String(inner)}`)
        return n
      }
      case '$date': {
        if (typeof inner === 'string') return new Date(inner)
        if (typeof inner === 'number') return new Date(inner)
        if (inner && typeof inner === 'object' && '$numberLong' in inner) {
          return new Date(Number((inner as { $numberLong: string }).$numberLong))
        }
        throw new EjsonError('bad $date')
      }
      case '$regularExpression': {
        const re = inner as { pattern?: unknown; options?: unknown }
        if (typeof re?.pattern !== 'string') throw new EjsonError('bad $regularExpression')
        // Mongo options imsx; JS lacks x. Unsupported flags are an error rather than a silent different match.
        const flags = String(re.options ?? '')
        if (/[^ims]/.test(flags)) throw new EjsonError(`unsupported regex options: ${flags}`)
        return new RegExp(re.pattern, flags)
      }
      case '$oid':
        if (typeof inner !== 'string') throw new EjsonError('bad $oid')
        return { $oid: inner } satisfies ObjectIdValue
      case '$tcb_server_date': {
        const offset = decodeEjson((inner as { offset?: unknown })?.offset ?? 0, now)
        return new Date(now().getTime() + (typeof offset === 'number' ? offset : 0))
      }
      case '$undefined':
        return undefined
      case '$binary':
      case '$timestamp':
      case '$symbol':
      case '$code':
        throw new EjsonError(`unsupported EJSON type ${key}`)
      default:
        break
    }
  }
  const out: Record<string, unknown> = {}
  for (const k of keys) out[k] = decodeEjson(obj[k], now)
  return out
}

export function parseEjson(text: unknown, now: () => Date): unknown {
  if (typeof text !== 'string') throw new EjsonError('expected an EJSON string')
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new EjsonError('malformed EJSON string')
  }
  return decodeEjson(raw, now)
}

/** Canonical EJSON, which the SDK's EJSON.parse turns back into the same JS values. */
export function encodeEjson(value: unknown): unknown {
  if (value instanceof Date) return { $date: { $numberLong: String(value.getTime()) } }
  if (value instanceof RegExp) return { $regularExpression: { pattern: value.source, options: value.flags.replace(/[^ims]/g, '') } }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) <= 2147483647) return { $numberInt: String(value) }
    if (Number.isInteger(value) && Number.isSafeInteger(value)) return { $numberLong: String(value) }
    return { $numberDouble: Number.isFinite(value) ? String(value) : value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN' }
  }
  if (Array.isArray(value)) return value.map(encodeEjson)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeEjson(v)
    return out
  }
  return value
}

export function stringifyEjson(value: unknown): string {
  return JSON.stringify(encodeEjson(value))
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
