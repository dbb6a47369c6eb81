/** A fresh idempotency key for one form: the server turns the same key into the same record on a retry. */
export function newRequestId(prefix = 'rq'): string {
  const random = Array.from({ length: 3 }, () => Math.floor(Math.random() * 0x100000000).toString(36)).join('')
  return `${prefix}-${Date.now().toString(36)}-${random}`.slice(0, 64)
}
