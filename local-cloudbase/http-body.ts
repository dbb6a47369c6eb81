import type { IncomingMessage } from 'node:http'

/** Set by readBody on a request whose body was cut off: its answer must close the connection. */
export const BODY_CUT_OFF = Symbol('bodyCutOff')

/**
 * Reads a request body up to `limit` bytes. Past the limit (or when Content-Length already announces more) the
 * promise rejects at once with the error the caller's protocol uses for it (a CloudBase error, an HTTP 413, a
 * storage limit); the rest of the body is discarded unread so that the caller's coded answer still reaches the
 * client, and the request is marked so the answer closes the connection.
 */
export function readBody(req: IncomingMessage, limit: number, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const cutOff = () => {
      ;(req as unknown as Record<symbol, boolean>)[BODY_CUT_OFF] = true
      req.removeAllListeners('data')
      req.removeAllListeners('end')
      req.resume()
      reject(tooLarge())
    }
    if (Number(req.headers['content-length']) > limit) return cutOff()
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) cutOff()
      else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Whether readBody cut this request's body off (its answer should carry `connection: close`). */
export function wasCutOff(req: IncomingMessage): boolean {
  return Boolean((req as unknown as Record<symbol, boolean>)[BODY_CUT_OFF])
}
