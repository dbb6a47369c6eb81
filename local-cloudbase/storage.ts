import fs from 'node:fs'
import path from 'node:path'
import { readBody } from './http-body'
import crypto from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { CloudError, type CloudModule } from './types'

const BUCKET = 'local-bucket'
/** Uploaded bytes are capped like a mini-program upload; photos are compressed on the device well below this. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024
const UPLOAD_TICKET_MS = 10 * 60_000

const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp',
  '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8', '.json': 'application/json', '.pdf': 'application/pdf',
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Cloud storage on local disk. fileIDs look like CloudBase's (`cloud://<env>.<bucket>/<path>`); upload is the SDK's
 * two steps (metadata, then a PUT of the bytes to the returned URL); download URLs are signed and expire.
 */
/** Direct access for the H5 gateway and the demo seed: write a file, and sign a download link for a fileID. */
export interface StorageFiles {
  /** Writes a file; `owner` (a client's openid) becomes its `resource.openid` for the storage security rule. */
  put(env: string, cloudPath: string, bytes: Buffer, owner?: string): string
  signedUrl(fileId: string, maxAgeSeconds?: number): string | null
  /** Whether a file is stored at the cloud path, and who owns it (undefined: no client uploaded it). */
  stat(cloudPath: string): { exists: boolean; owner?: string }
}

/**
 * Files' owners (the openid of the client that uploaded each) live in `<data>/storage-owners.json`, rewritten
 * atomically on change. A file written by a cloud function or the demo seed has no owner, so no client may
 * overwrite it under an ownership rule.
 */
function createOwnerRegistry(dataDir: string) {
  const file = path.join(dataDir, 'storage-owners.json')
  const owners: Record<string, string> = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {}
  const save = () => {
    const tmp = `${file}.${crypto.randomBytes(6).toString('hex')}.part`
    fs.writeFileSync(tmp, JSON.stringify(owners))
    fs.renameSync(tmp, file)
  }
  return {
    get: (cloudPath: string): string | undefined => (Object.prototype.hasOwnProperty.call(owners, cloudPath) ? owners[cloudPath] : undefined),
    set(cloudPath: string, owner: string | undefined) {
      if (owner === undefined) {
        if (!Object.prototype.hasOwnProperty.call(owners, cloudPath)) return
        delete owners[cloudPath]
      } else owners[cloudPath] = owner
      save()
    },
  }
}

export function createStorageModule(options: { dataDir: string; baseUrl: () => string; secret: Buffer }): CloudModule & { files: StorageFiles } {
  const root = path.join(options.dataDir, 'storage')
  fs.mkdirSync(root, { recursive: true })
  const tickets = new Map<string, { cloudPath: string; expires: number }>()
  const owners = createOwnerRegistry(options.dataDir)
  const normal = (cloudPath: string) => cloudPath.replace(/^\/+/, '')

  /** A cloud path stays inside the storage root: no absolute paths, no "..", no empty segments. */
  const safePath = (cloudPath: string): string => {
    const clean = cloudPath.replace(/^\/+/, '')
    if (!clean || clean.length > 1024 || clean.split('/').some((seg) => seg === '' || seg === '.' || seg === '..') || clean.includes('\0')) {
      throw new CloudError('INVALID_PARAM', `invalid cloud path: ${cloudPath}`)
    }
    return path.join(root, clean)
  }
  const pathOfFileId = (fileId: unknown): string | undefined => {
    if (typeof fileId !== 'string') return undefined
    const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId)
    return m?.[1]
  }
  const sign = (cloudPath: string, expires: number) =>
    crypto.createHmac('sha256', options.secret).update(`${cloudPath}\n${expires}`).digest('hex').slice(0, 32)

  const files: StorageFiles = {
    put(env, cloudPath, bytes, owner) {
      if (bytes.length > MAX_UPLOAD_BYTES) throw new CloudError('STORAGE_EXCEED_LIMIT', 'file too large')
      const file = safePath(cloudPath)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      const tmp = `${file}.${crypto.randomBytes(6).toString('hex')}.part`
      fs.writeFileSync(tmp, bytes)
      fs.renameSync(tmp, file)
      owners.set(normal(cloudPath), owner)
      return `cloud://${env}.${BUCKET}/${cloudPath.replace(/^\/+/, '')}`
    },
    stat(cloudPath) {
      let exists: boolean
      try {
        exists = fs.statSync(safePath(cloudPath)).isFile()
      } catch {
        exists = false
      }
      return { exists, owner: exists ? owners.get(normal(cloudPath)) : undefined }
    },
    signedUrl(fileId, maxAgeSeconds = 7200) {
      const cloudPath = pathOfFileId(fileId)
      if (!cloudPath) return null
      try {
        if (!fs.statSync(safePath(cloudPath)).isFile()) return null
      } catch {
        return null
      }
      const expires = Date.now() + maxAgeSeconds * 1000
      return `${options.baseUrl()}/storage/files/${encodeURI(cloudPath)}?t=${expires}&sign=${sign(cloudPath, expires)}`
    },
  }

  return {
    files,
    name: 'storage',
    adminActions: {
      'storage.getUploadMetadata': (req) => {
        const cloudPath = String(req.body.path ?? '')
        safePath(cloudPath)
        const ticket = crypto.randomBytes(16).toString('hex')
        tickets.set(ticket, { cloudPath, expires: Date.now() + UPLOAD_TICKET_MS })
        return {
          data: {
            url: `${options.baseUrl()}/storage/upload/${ticket}`,
            token: ticket,
            authorization: `local ${ticket}`,
            fileId: `cloud://${req.env}.${BUCKET}/${cloudPath}`,
            cosFileId: ticket,
          },
        }
      },
      'storage.batchGetDownloadUrl': (req) => {
        const list = Array.isArray(req.body.file_list) ? req.body.file_list : []
        return {
          data: {
            download_list: list.map((item: { fileid?: unknown; max_age?: unknown }) => {
              const cloudPath = pathOfFileId(item?.fileid)
              let exists: boolean
              try {
                exists = cloudPath !== undefined && fs.statSync(safePath(cloudPath)).isFile()
              } catch {
                exists = false
              }
              if (!cloudPath || !exists) return { fileID: item?.fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' }
              const maxAge = Number(item.max_age) > 0 ? Number(item.max_age) : 7200
              const expires = Date.now() + maxAge * 1000
              // Unencoded: the SDK applies encodeURI itself before fetching.
              const url = `${options.baseUrl()}/storage/files/${cloudPath}?t=${expires}&sign=${sign(cloudPath, expires)}`
              return { fileID: item.fileid, tempFileURL: url, code: 'SUCCESS' }
            }),
          },
        }
      },
      'storage.batchDeleteFile': (req) => {
        const list = Array.isArray(req.body.fileid_list) ? req.body.fileid_list : []
        return {
          data: {
            delete_list: list.map((fileId: unknown) => {
              const cloudPath = pathOfFileId(fileId)
              try {
                if (!cloudPath) throw new Error('bad fileID')
                fs.unlinkSync(safePath(cloudPath))
                owners.set(normal(cloudPath), undefined)
                return { fileID: fileId, code: 'SUCCESS' }
              } catch {
                return { fileID: fileId, code: 'STORAGE_FILE_NONEXIST' }
              }
            }),
          },
        }
      },
    },
    async handleHttp(req: IncomingMessage, res: ServerResponse, url: URL) {
      if (req.method === 'PUT' && url.pathname.startsWith('/storage/upload/')) {
        const ticket = url.pathname.slice('/storage/upload/'.length)
        const entry = tickets.get(ticket)
        if (!entry || entry.expires < Date.now()) {
          res.writeHead(403, { 'content-type': 'application/xml' })
          res.end('<?xml version="1.0" encoding="utf-8"?><Error><Code>AccessDenied</Code><Message>upload ticket invalid or expired</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>')
          return true
        }
        tickets.delete(ticket)
        let body: Buffer
        try {
          body = await readBody(req, MAX_UPLOAD_BYTES, () => new CloudError('STORAGE_EXCEED_LIMIT', 'file too large'))
        } catch {
          // Answered at once, as COS answers an over-size PUT; the rest of the body is not read.
          res.writeHead(413, { 'content-type': 'application/xml', connection: 'close' })
          res.end('<?xml version="1.0" encoding="utf-8"?><Error><Code>EntityTooLarge</Code><Message>file too large</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>')
          return true
        }
        const file = safePath(entry.cloudPath)
        fs.mkdirSync(path.dirname(file), { recursive: true })
        const tmp = `${file}.${ticket}.part`
        fs.writeFileSync(tmp, body)
        fs.renameSync(tmp, file) // a reader never sees half a file
        owners.set(normal(entry.cloudPath), undefined) // written by a function (admin): no client owns it
        res.writeHead(200)
        res.end('')
        return true
      }
      if ((req.method === 'GET' || req.method === 'HEAD') && url.pathname.startsWith('/storage/files/')) {
        let cloudPath: string
        try {
          cloudPath = decodeURIComponent(url.pathname.slice('/storage/files/'.length))
        } catch {
          res.writeHead(400).end()
          return true
        }
        const expires = Number(url.searchParams.get('t'))
        const signature = url.searchParams.get('sign') ?? ''
        if (!(expires > Date.now()) || signature !== sign(cloudPath, expires)) {
          res.writeHead(403).end('link expired or invalid')
          return true
        }
        let file: string
        try {
          file = safePath(cloudPath)
        } catch {
          res.writeHead(400).end()
          return true
        }
        if (!fs.existsSync(file)) {
          res.writeHead(404).end()
          return true
        }
        const data = fs.readFileSync(file)
        res.writeHead(200, { 'content-type': contentTypeOf(file), 'content-length': data.length })
        res.end(req.method === 'HEAD' ? undefined : data)
        return true
      }
      return false
    },
  }
}
