import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CloudModule } from './types'
import type { FunctionsModule } from './functions/host'
import type { Store } from './database/store'
import type { StorageFiles } from './storage'
import { readBody, wasCutOff } from './http-body'
import { jsonTooDeep } from './json-limits'
import { evaluateStorageRule, type SecurityRulesFile } from './security-rules'
import { ClientAccessError, runClientDatabase, type ClientDbRequest } from './client-access'
import type { DatabaseModule } from './database/module'

/** A dev session lasts a working day. */
const SESSION_TTL_MS = 12 * 3600_000
const MAX_CALL_BODY = 1024 * 1024

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.ico': 'image/x-icon',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.map': 'application/json',
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' }
  // A body cut off at its limit was not read to its end: close the connection after answering.
  if (wasCutOff(res.req)) headers.connection = 'close'
  res.writeHead(status, headers)
  res.end(text)
}

/** Photos are compressed on the device to about 300 KB; the gateway takes up to 2 MB, as an upload would. */
const UPLOAD_LIMIT = 2 * 1024 * 1024

const tooLarge = (limit: number) => () => Object.assign(new Error(`request body exceeds ${limit} bytes`), { status: 413, code: 'BODY_TOO_LARGE' })

function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  return readBody(req, limit, tooLarge(limit))
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const text = (await readBody(req, limit, tooLarge(limit))).toString('utf8')
  if (!text) return {}
  // Refused before parsing: deeper nesting would overflow whatever walks it next (the clone into a worker).
  if (jsonTooDeep(text)) throw Object.assign(new Error('request body nests too deep'), { status: 400, code: 'BODY_TOO_DEEP' })
  try {
    return JSON.parse(text)
  } catch {
    throw Object.assign(new Error('request body is not valid JSON'), { status: 400 })
  }
}

/** Signed session: base64url(openid).expiry.hmac — the browser holds it, never an openid it could change. */
export function signSession(secret: Buffer, openid: string, expires: number): string {
  const payload = `${Buffer.from(openid).toString('base64url')}.${expires}`
  const mac = crypto.createHmac('sha256', secret).update(payload).digest('base64url')
  return `${payload}.${mac}`
}

export function verifySession(secret: Buffer, token: string, now: number): string | null {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  const [who, exp, mac] = parts as [string, string, string]
  const expected = crypto.createHmac('sha256', secret).update(`${who}.${exp}`).digest('base64url')
  const a = Buffer.from(mac)
  const b = Buffer.from(expected)
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return null
  if (!(Number(exp) > now)) return null
  return Buffer.from(who, 'base64url').toString('utf8')
}

/**
 * The H5 build's door to the cloud functions, answering like wx.cloud.callFunction: `{ result }` or
 * `{ errCode, errMsg }`. Identity comes only from a dev-login session signed by this server; the dev login itself
 * exists only in this local emulation. Also serves the built H5 app.
 */
export function createGatewayModule(options: {
  functions: FunctionsModule
  store: Store
  secret: Buffer
  files?: StorageFiles
  env?: string
  h5Dir?: string
  /** Client-side security rules: what a client may do to the database and storage directly. */
  rules?: SecurityRulesFile
  /** Client database requests wait for open transactions, like every other request. */
  database?: DatabaseModule
}): CloudModule {
  /** The caller of a request: '' without a session, null for a bad or expired one. */
  const callerOf = (req: IncomingMessage): string | null => {
    const auth = String(req.headers.authorization ?? '')
    if (!auth) return ''
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : ''
    return token ? verifySession(options.secret, token, Date.now()) : null
  }

  const serveStatic = (res: ServerResponse, url: URL): boolean => {
    if (!options.h5Dir) return false
    let rel: string
    try {
      rel = decodeURIComponent(url.pathname)
    } catch {
      return false
    }
    const root = options.h5Dir
    let file = path.normalize(path.join(root, rel))
    if (!file.startsWith(root)) return false // no way out of the build folder
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html')
    if (!fs.existsSync(file)) return false
    const data = fs.readFileSync(file)
    res.writeHead(200, {
      'content-type': STATIC_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': data.length,
      'cache-control': path.basename(file) === 'index.html' ? 'no-cache' : 'public, max-age=3600',
    })
    res.end(data)
    return true
  }

  return {
    name: 'gateway',
    async handleHttp(req, res, url) {
      try {
        if (req.method === 'GET' && url.pathname === '/api/dev/users') {
          if (!options.store.hasCollection('users')) return send(res, 200, { users: [] }), true
          const users = options.store
            .find('users', { devLogin: true }, { order: { devLoginOrder: 1 }, limit: 100 })
            .map((u) => ({ openid: u.openid, name: u.displayName, role: u.role, note: u.devLoginNote ?? null }))
          send(res, 200, { users })
          return true
        }
        if (req.method === 'POST' && url.pathname === '/api/dev/login') {
          const body = (await readJson(req, 4096)) as { openid?: unknown }
          const openid = typeof body.openid === 'string' ? body.openid : ''
          const known =
            openid && options.store.hasCollection('users') && options.store.find('users', { openid, devLogin: true }, { limit: 1 }).length > 0
          if (!known) return send(res, 404, { errCode: 'UNKNOWN_USER', errMsg: '没有这个演示用户' }), true
          const expires = Date.now() + SESSION_TTL_MS
          send(res, 200, { token: signSession(options.secret, openid, expires), expiresAt: new Date(expires).toISOString() })
          return true
        }
        // H5 stand-in for wx.cloud.uploadFile: a signed-in user puts the bytes of one file under uploads/.
        if (req.method === 'POST' && url.pathname === '/api/storage/upload' && options.files) {
          const openid = callerOf(req)
          if (!openid) return send(res, 401, { errCode: 'SESSION_INVALID', errMsg: '请先登录再上传' }), true
          const cloudPath = url.searchParams.get('cloudPath') ?? ''
          if (!/^uploads\/[A-Za-z0-9_\-/]{1,200}\.(jpg|jpeg|png|webp)$/.test(cloudPath) || cloudPath.includes('..')) {
            return send(res, 400, { errCode: 'INVALID_PATH', errMsg: '上传路径须为 uploads/…（jpg/png/webp）' }), true
          }
          // The storage security rule decides, with resource.openid the file's owner: the uploader for a new file,
          // the original uploader for an existing one, so nobody overwrites another person's file.
          const existing = options.files.stat(cloudPath)
          const owner = existing.exists ? existing.owner : openid
          if (!options.rules || !evaluateStorageRule(options.rules, 'write', { auth: { openid }, resource: { openid: owner ?? null, path: cloudPath } })) {
            return send(res, 403, { errCode: -503002, code: 'STORAGE_EXCEED_AUTHORITY', errMsg: '没有权限写入这个文件（只能上传到自己的 uploads/<openid>/ 目录，只能覆盖自己上传的文件）' }), true
          }
          const bytes = await readBytes(req, UPLOAD_LIMIT)
          const fileID = options.files.put(options.env ?? 'local-env', cloudPath, bytes, openid)
          send(res, 200, { fileID })
          return true
        }
        // H5 stand-in for <image src="cloud://…">: a fileID redirects to a short-lived signed download link.
        if (req.method === 'GET' && url.pathname === '/api/storage/file' && options.files) {
          const target = options.files.signedUrl(url.searchParams.get('fileID') ?? '')
          if (!target) return send(res, 404, { errCode: 'STORAGE_FILE_NONEXIST', errMsg: '文件不存在' }), true
          res.writeHead(302, { location: target, 'cache-control': 'private, max-age=600' })
          res.end()
          return true
        }
        // H5 stand-in for the mini-program's wx.cloud.database(): judged by the security rules, as the client is.
        if (req.method === 'POST' && url.pathname === '/api/database' && options.rules && options.database) {
          const openid = callerOf(req)
          if (openid === null) return send(res, 401, { errCode: 'SESSION_INVALID', errMsg: '登录已失效，请重新登录' }), true
          const body = (await readJson(req, MAX_CALL_BODY)) as ClientDbRequest
          const rules = options.rules
          try {
            const result = await options.database.outsideTransactions(() => runClientDatabase(options.store, rules, openid ? { openid } : null, body))
            send(res, 200, result)
          } catch (err) {
            if (!(err instanceof ClientAccessError)) throw err
            send(res, err.status, { errCode: err.errCode, code: err.code, errMsg: err.message })
          }
          return true
        }
        const m = /^\/api\/functions\/([A-Za-z][A-Za-z0-9_-]{0,59})$/.exec(url.pathname)
        if (m && req.method === 'POST') {
          const openid = callerOf(req)
          if (openid === null) return send(res, 401, { errCode: 'SESSION_INVALID', errMsg: '登录已失效，请重新登录' }), true
          const data = await readJson(req, MAX_CALL_BODY)
          const r = await options.functions.invoke(m[1]!, data, {
            openid,
            source: 'wx_client',
            clientIp: req.socket.remoteAddress ?? '',
          })
          if (r.ok) send(res, 200, { result: r.result })
          else send(res, 200, { errCode: r.errCode, errMsg: r.errMsg })
          return true
        }
        if (url.pathname.startsWith('/api/')) return send(res, 404, { errCode: 'NOT_FOUND', errMsg: `no such endpoint ${url.pathname}` }), true
        if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(res, url)
        return false
      } catch (err) {
        const { status = 500, code } = err as { status?: number; code?: string }
        send(res, status, { errCode: status === 500 ? 'GATEWAY_ERROR' : (code ?? 'BAD_REQUEST'), errMsg: (err as Error).message })
        return true
      }
    },
  }
}
