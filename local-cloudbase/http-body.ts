import type { IncomingMessage } from 'node:http'

/**
 * Reads a request body up to `limit` bytes. Past the limit the request is cut off and the promise rejects with the
 * error the caller's protocol uses for it (a CloudBase error, an HTTP 413, a storage limit).
 */
export function readBody(req: IncomingMessage, limit: number, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(tooLarge())
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
