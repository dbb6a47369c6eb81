import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

/**
 * Who may drive `/admin`: the bearer of the data directory's SecretId/SecretKey, proven by the signature the real
 * wx-server-sdk puts on every request. wx-server-sdk 4.0.2 sends its requests through @cloudbase/node-sdk 3.17.2,
 * which signs them with @cloudbase/signature-nodejs 2.2.0 ("TC3-HMAC-SHA256", service "tcb", with SignedParams):
 *
 *   Authorization: TC3-HMAC-SHA256 Credential=<SecretId>/<yyyy-mm-dd>/tcb/tc3_request, SignedParams=<k;k…>,
 *                  SignedHeaders=content-type;host;user-agent;x-client-timestamp;x-sdk-version;x-tcb-source,
 *                  Signature=<hex>
 *   X-Timestamp: <unix seconds>      X-Signature-Expires: 600
 *
 * The canonical request is `<method>\n//<host><path>\n<query>\n<header:value\n…>\n<signed headers>\n<params hash>`,
 * with the method as the SDK writes it ("post"), header values trimmed and lower-cased (a multipart content type
 * reduced to "multipart/form-data"), and the params hash a SHA-256 over `&<key>=<value>\r\n` for every non-empty
 * body field in key order (keys lower-cased; non-string values JSON-stringified; multipart parts as their bytes).
 * The signing key is derived as TC3 does: HMAC("TC3"+SecretKey, date) → HMAC(·, "tcb") → HMAC(·, "tc3_request").
 *
 * The parameter list is recomputed from the body, so a request cannot leave a field out of the signature.
 */

export interface AdminKey {
  secretId: string
  secretKey: string
}

export const ADMIN_KEY_FILE = 'admin-key.json'
/** The SDK declares X-Signature-Expires: 600. */
const SIGNATURE_TTL_S = 600

/** The data directory's admin key, made on first start (`<data>/admin-key.json`, mode 600). */
export function adminKeyFor(dataDir: string): AdminKey {
  const file = path.join(dataDir, ADMIN_KEY_FILE)
  if (!fs.existsSync(file)) {
    const key: AdminKey = {
      secretId: `AKIDlocal${crypto.randomBytes(12).toString('hex')}`,
      secretKey: crypto.randomBytes(24).toString('base64url'),
    }
    fs.writeFileSync(file, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 })
  }
  const key = JSON.parse(fs.readFileSync(file, 'utf8')) as AdminKey
  if (typeof key.secretId !== 'string' || typeof key.secretKey !== 'string' || !key.secretId || !key.secretKey) {
    throw new Error(`${file} must hold {"secretId": "…", "secretKey": "…"}`)
  }
  return key
}

const hmac = (key: string | Buffer, text: string) => crypto.createHmac('sha256', key).update(text).digest()

/** encodeURIComponent plus the characters COS/TC3 also escape, as the signer does for keys. */
const camSafe = (s: string) =>
  encodeURIComponent(s).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A')

/** The fields the signer hashes, in its order: lower-cased keys, sorted; empty values left out as it does. */
function signedFields(body: Record<string, unknown>, multipart: boolean): [string, string | Buffer][] {
  const kv = new Map<string, string | Buffer>()
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue
    const k = camSafe(key.toLowerCase().trim())
    if (Buffer.isBuffer(value)) {
      if (value.length === 0) continue // sent as an empty string field, which the signer skips
      kv.set(k, multipart ? value : JSON.stringify(value).trim())
    } else {
      const text = (typeof value === 'string' ? value : JSON.stringify(value)).trim()
      if (!text) continue
      kv.set(k, text)
    }
  }
  return [...kv.entries()].sort(([a], [b]) => a.localeCompare(b))
}

export interface SignedRequest {
  method: string
  /** Path and query as received, e.g. /admin?env=local-env&seqId=… */
  url: string
  headers: IncomingHttpHeaders
  /** The request's fields: the JSON body, or the multipart parts as bytes. */
  fields: Record<string, unknown>
}

/**
 * Checks the request's TC3 signature against `key`. Returns null when it is valid, else why not (for the error
 * message). `nowSeconds` lists the acceptable "now"s: machine time, and the local clock (functions sign with the
 * shifted clock they see).
 */
export function verifyAdminSignature(req: SignedRequest, key: AdminKey, nowSeconds: number[]): string | null {
  const auth = String(req.headers.authorization ?? '')
  if (!auth) return 'the request is not signed (no Authorization header)'
  const m = /^TC3-HMAC-SHA256 Credential=([^/]*)\/(\d{4}-\d{2}-\d{2})\/tcb\/tc3_request,(?: SignedParams=([^,]*),)? SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth)
  if (!m) return 'the Authorization header is not a TC3-HMAC-SHA256 signature'
  const [, secretId, date, , signedHeaderList, signature] = m as unknown as [string, string, string, string | undefined, string, string]
  if (secretId !== key.secretId) return `unknown SecretId ${secretId || '(empty)'}: use the key in the data directory's ${ADMIN_KEY_FILE}`
  const timestamp = Number(req.headers['x-timestamp'])
  if (!Number.isInteger(timestamp)) return 'X-Timestamp is missing'
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return 'the credential date does not match X-Timestamp'
  if (!nowSeconds.some((now) => Math.abs(now - timestamp) <= SIGNATURE_TTL_S)) return 'the signature has expired'

  const headerNames = signedHeaderList.split(';')
  if (!headerNames.includes('host') || !headerNames.includes('content-type')) return 'host and content-type must be signed'
  const headerLines = headerNames.map((name) => {
    let value = String(req.headers[name] ?? '').trim().toLowerCase()
    if (name === 'content-type' && value.startsWith('multipart/form-data')) value = 'multipart/form-data'
    return `${name}:${value}`
  })
  const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')
  const fields = signedFields(req.fields, multipart)
  const hash = crypto.createHash('sha256')
  for (const [k, v] of fields) {
    hash.update(`&${k}=`)
    hash.update(v)
    hash.update('\r\n')
  }
  const [pathname, query = ''] = req.url.split(/\?(.*)/s) as [string, string?]
  const canonical = [
    req.method.toLowerCase(),
    `//${String(req.headers.host ?? '')}${pathname}`,
    query,
    `${headerLines.join('\n')}\n`,
    headerNames.join(';'),
    hash.digest('hex'),
  ].join('\n')
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/tcb/tc3_request\n${crypto.createHash('sha256').update(canonical).digest('hex')}`
  const signingKey = hmac(hmac(hmac(`TC3${key.secretKey}`, date), 'tcb'), 'tc3_request')
  const expected = crypto.createHmac('sha256', signingKey).update(stringToSign).digest('hex')
  const a = Buffer.from(signature)
  const b = Buffer.from(expected)
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return 'the signature does not match the request'
  return null
}
