import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CloudError, type AdminRequest, type Clock, type CloudModule } from './types'
import { createClock } from './clock'
import { loadDatabaseSpec, Store } from './database/store'
import { createDatabaseModule } from './database/module'
import { createStorageModule, type StorageFiles } from './storage'
import { readBody, wasCutOff } from './http-body'
import { jsonTooDeep } from './json-limits'
import { adminKeyFor, verifyAdminSignature, ADMIN_KEY_FILE, type AdminKey } from './admin-auth'
import { loadSecurityRules } from './client-access'
import { parseMultipart } from './protobuf'
import { createOpenApiModule, type OutboxMessage, type RefusedMessage } from './openapi'
import { createSubscriptionGrants, type SubscriptionGrants } from './subscriptions'
import { handleSubscriptionControl } from './subscription-control'
import { MESSAGE_PUSH_SOURCE, type MediaCheckRecord } from './media-checks'
import { createFunctionsModule, type FunctionsModule } from './functions/host'
import { createGatewayModule } from './gateway'

const REPO_ROOT = path.resolve(__dirname, '..')
/** Request bodies above this are refused before parsing (CloudBase's own limits are lower for most calls). */
const MAX_ADMIN_BODY = 10 * 1024 * 1024

export interface LocalCloudbaseOptions {
  port: number
  dataDir: string
  /** Environment id the SDK sends as ?env= (cloud.DYNAMIC_CURRENT_ENV resolves to SCF_NAMESPACE). */
  env?: string
  /** Fail, instead of warn about, queries that no declared index serves (tests). */
  strictIndexes?: boolean
  quiet?: boolean
  /** Built functions, each a folder with index.js (default dist/cloudfunctions). */
  functionsDir?: string
  /** The built H5 app, served at / (optional). */
  h5Dir?: string
  /** Collections and indexes (default config/database.json). */
  databaseSpecFile?: string
  /** Fire timer triggers on schedule (default true). */
  timers?: boolean
  /** Client-side security rules (default config/security-rules.json, the file the deploy kit ships). */
  securityRulesFile?: string
  /** security.mediaCheckAsync: milliseconds (local clock) before the verdict event is pushed (default 3000). */
  mediaCheckDelayMs?: number
  /** Start with security.msgSecCheck unreachable (errcode -1 on every call); switch with setContentCheckReachable. */
  contentCheckUnreachable?: boolean
}

export interface LocalCloudbase {
  /** The admin URL the SDK is pointed at: http://127.0.0.1:<port>/admin */
  url: string
  origin: string
  port: number
  env: string
  clock: Clock
  store: Store
  functions: FunctionsModule
  /** Storage files written and signed directly (the H5 gateway and the demo seed). */
  files: StorageFiles
  outbox(): OutboxMessage[]
  /** The data directory's admin key (`<data>/admin-key.json`): what the SDK must sign `/admin` requests with. */
  adminKey: AdminKey
  /** Every security.mediaCheckAsync call, its verdict and its delivery (local-cloudbase/media-checks.ts). */
  mediaChecks(): MediaCheckRecord[]
  /** Pushes the image verdicts that are due on the local clock (moving the clock through /_local/clock does this). */
  deliverMediaChecks(): Promise<void>
  /** security.msgSecCheck reachable (true) or failing with errcode -1 as when WeChat's service is down (false); also POST /_local/content-check. */
  setContentCheckReachable(reachable: boolean): void
  /** Subscription sends WeChat would refuse (43101: no grant), kept apart from the outbox. */
  refused(): RefusedMessage[]
  /** The grants WeChat holds (requestSubscribeMessage acceptances). */
  subscriptions: SubscriptionGrants
  /** Environment variables that point the real wx-server-sdk at this server, with the admin key. */
  sdkEnv(): Record<string, string>
  close(): Promise<void>
}

function secretFor(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret.key')
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 })
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex')
}

function readAdminBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return readBody(req, limit, () => new CloudError('INVALID_PARAM', `request body exceeds ${limit} bytes`))
}

/** A developer control's JSON body: small, flat, an object. */
async function readControlBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readAdminBody(req, 4096)).toString('utf8') || '{}'
  if (jsonTooDeep(text, 4)) throw new Error('request body nests too deep')
  const body = JSON.parse(text) as unknown
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('request body must be a JSON object')
  return body as Record<string, unknown>
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }
  // A body cut off at its limit was not read to its end: close the connection after answering.
  if (wasCutOff(res.req)) headers.connection = 'close'
  res.writeHead(status, headers)
  res.end(text)
}

/** An admin request refused before it reached any module, with the HTTP status it is answered with. */
class RefusedRequest extends CloudError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message)
  }
}

/**
 * `/admin` and `/_local` answer only requests addressed to this server by its local name, from no web page but its
 * own: a Host other than 127.0.0.1:<port> / localhost:<port> (DNS rebinding) or an Origin other than this server's
 * (a page open in the developer's browser) is refused. Tools (the SDK, curl, the CLI) send no Origin.
 */
export function localRequestProblem(headers: IncomingMessage['headers'], port: number): string | null {
  const local = [`127.0.0.1:${port}`, `localhost:${port}`]
  const host = String(headers.host ?? '').toLowerCase()
  if (!local.includes(host)) return `Host ${host || '(none)'} is not this local server (${local.join(' or ')})`
  const origin = headers.origin
  if (origin !== undefined && !local.map((h) => `http://${h}`).includes(String(origin).toLowerCase())) {
    return `Origin ${String(origin)} may not drive the local CloudBase`
  }
  return null
}

export async function startLocalCloudbase(options: LocalCloudbaseOptions): Promise<LocalCloudbase> {
  const env = options.env ?? 'local-env'
  const dataDir = path.resolve(options.dataDir)
  fs.mkdirSync(dataDir, { recursive: true })
  const log = (message: string) => {
    if (!options.quiet) console.error(message)
  }
  const clock = createClock(dataDir)
  const now = () => clock.now()
  const secret = secretFor(dataDir)
  const adminKey = adminKeyFor(dataDir)
  const rules = loadSecurityRules(options.securityRulesFile ?? path.join(REPO_ROOT, 'config', 'security-rules.json'))
  const store = new Store({
    dataDir,
    spec: loadDatabaseSpec(options.databaseSpecFile ?? path.join(REPO_ROOT, 'config', 'database.json')),
    now,
    strictIndexes: options.strictIndexes,
    warn: log,
  })
  let origin = ''
  const storage = createStorageModule({ dataDir, baseUrl: () => origin, secret })
  // Image verdicts are pushed to the function 消息推送 names (config/message-push.json), as the platform invokes it.
  const mediaCheck = { delayMs: options.mediaCheckDelayMs ?? 3000, deliver: (name: string, event: unknown) => functions.invoke(name, event, { openid: '', source: MESSAGE_PUSH_SOURCE }) }
  const subscriptions = createSubscriptionGrants(dataDir)
  const openapi = createOpenApiModule({
    dataDir,
    now,
    mediaCheck,
    subscriptions,
    contentCheckUnreachable: options.contentCheckUnreachable,
    // 云调用 permissions: the function a request comes from, by its invocation's token (see functions/pool.ts).
    callerOf: (apiToken) => functions.invocationOf(apiToken),
    log,
  })
  const functions = createFunctionsModule({
    adminKey,
    functionsDir: path.resolve(options.functionsDir ?? path.join(REPO_ROOT, 'dist', 'cloudfunctions')),
    adminUrl: () => `${origin}/admin`,
    env,
    clock,
    log,
    timers: options.timers ?? true,
  })
  const database = createDatabaseModule(store, now, { isInvocation: (apiToken) => functions.callerOf(apiToken) !== undefined })
  functions.onInvocationEnd((apiToken) => database.invocationEnded(apiToken))
  const gateway = createGatewayModule({ rules, database, functions, store, secret, files: storage.files, env, h5Dir: options.h5Dir ? path.resolve(options.h5Dir) : undefined })
  const modules: CloudModule[] = [database, storage, openapi, functions, gateway]

  const actions = new Map<string, (req: AdminRequest) => unknown>()
  for (const m of modules) for (const [name, handler] of Object.entries(m.adminActions ?? {})) actions.set(name, handler)

  const handleAdmin = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const requestId = crypto.randomBytes(8).toString('hex')
    try {
      const raw = await readBody(req, MAX_ADMIN_BODY, () => new RefusedRequest(413, 'INVALID_PARAM', `request body exceeds ${MAX_ADMIN_BODY} bytes`))
      const contentType = String(req.headers['content-type'] ?? '')
      let body: AdminRequest['body']
      let parts: Record<string, Buffer> | undefined
      if (contentType.startsWith('multipart/form-data')) {
        try {
          parts = await parseMultipart(raw, contentType)
        } catch (err) {
          throw new CloudError('INVALID_PARAM', `bad multipart body: ${(err as Error).message}`)
        }
        body = { action: parts.action?.toString('utf8') }
      } else {
        const text = raw.toString('utf8')
        if (jsonTooDeep(text)) throw new RefusedRequest(400, 'INVALID_PARAM', 'request body nests deeper than the local CloudBase accepts')
        try {
          body = JSON.parse(text)
        } catch {
          throw new CloudError('INVALID_PARAM', 'request body is not valid JSON')
        }
        if (!body || typeof body !== 'object') throw new CloudError('INVALID_PARAM', 'request body must be an object')
      }
      // Only the holder of the data directory's key may drive /admin: the signature covers the body's fields.
      const now = Math.floor(Date.now() / 1000)
      const badSignature = verifyAdminSignature(
        { method: req.method ?? 'POST', url: req.url ?? '/admin', headers: req.headers, fields: parts ?? body },
        adminKey,
        [now, Math.floor(clock.now().getTime() / 1000)],
      )
      if (badSignature) throw new CloudError('SIGN_PARAM_INVALID', `${badSignature} (the key is in ${path.join(dataDir, ADMIN_KEY_FILE)})`)
      const action = String(body.action ?? '')
      const handler = actions.get(action)
      if (!handler) throw new CloudError('INVALID_ACTION', `action ${action || '(none)'} is not supported by the local CloudBase`)
      const reply = (await handler({
        action,
        body,
        env: url.searchParams.get('env') ?? env,
        // The SDK sends the token as a JSON field, or as a multipart field for wx.openApi.
        apiToken: parts ? (parts.wxCloudApiToken?.toString('utf8') ?? '') : String(body.wxCloudApiToken ?? ''),
        parts,
      })) as Record<string, unknown>
      if (reply && Buffer.isBuffer(reply.__raw)) {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': reply.__raw.length })
        res.end(reply.__raw)
        return
      }
      sendJson(res, 200, { ...reply, requestId })
    } catch (err) {
      if (err instanceof RefusedRequest) {
        sendJson(res, err.status, { code: err.code, message: err.message, requestId })
      } else if (err instanceof CloudError) {
        sendJson(res, 200, { code: err.code, message: err.message, requestId })
      } else {
        log(`local cloudbase: internal error: ${(err as Error).stack ?? err}`)
        sendJson(res, 200, { code: 'SYS_ERR', message: (err as Error).message, requestId })
      }
    }
  }

  /** Developer controls: not part of CloudBase, only of this local emulation. */
  const handleLocal = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const route = `${req.method} ${url.pathname}`
    try {
      switch (route) {
        case 'GET /_local/health':
          return sendJson(res, 200, { ok: true, env, now: clock.now().toISOString(), offsetMs: clock.offsetMs() })
        case 'GET /_local/outbox':
          return sendJson(res, 200, { messages: openapi.outbox(), refused: openapi.refused() })
        case 'GET /_local/subscriptions':
        case 'POST /_local/subscriptions':
          return sendJson(res, ...(await handleSubscriptionControl(subscriptions, req, url)))
        case 'GET /_local/media-checks':
          return sendJson(res, 200, { checks: openapi.mediaChecks() })
        case 'GET /_local/content-check':
          return sendJson(res, 200, { reachable: openapi.contentCheckReachable() })
        case 'POST /_local/content-check': {
          // Switches the emulated msgSecCheck between answering and being unreachable (errcode -1).
          const body = (await readControlBody(req)) as { reachable?: unknown }
          if (typeof body.reachable !== 'boolean') return sendJson(res, 400, { error: 'give {"reachable": true|false}' })
          openapi.setContentCheckReachable(body.reachable)
          return sendJson(res, 200, { reachable: openapi.contentCheckReachable() })
        }
        case 'GET /_local/diagnostics':
          return sendJson(res, 200, { unindexedQueries: store.unindexed })
        case 'GET /_local/clock':
          return sendJson(res, 200, { now: clock.now().toISOString(), offsetMs: clock.offsetMs() })
        case 'POST /_local/clock': {
          const body = (await readControlBody(req)) as { advanceMs?: unknown; offsetMs?: unknown }
          if (typeof body.advanceMs === 'number') clock.advance(body.advanceMs)
          else if (typeof body.offsetMs === 'number') clock.set(body.offsetMs)
          else return sendJson(res, 400, { error: 'give advanceMs or offsetMs (milliseconds)' })
          // Timers that fell due in the skipped time fire now (once each), as they would have — unless timers are off.
          if (options.timers ?? true) await functions.runDueTimers()
          await openapi.deliverDueMediaChecks()
          return sendJson(res, 200, { now: clock.now().toISOString(), offsetMs: clock.offsetMs() })
        }
        case 'POST /_local/trigger': {
          const body = (await readControlBody(req)) as { function?: unknown }
          if (typeof body.function !== 'string') return sendJson(res, 400, { error: 'give {"function": "<name>"}' })
          const result = await functions.fireTimer(body.function)
          return sendJson(res, 200, result)
        }
        default:
          return sendJson(res, 404, { error: `no such local control: ${route}` })
      }
    } catch (err) {
      return sendJson(res, 400, { error: (err as Error).message })
    }
  }

  let port = 0
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const run = async () => {
      if (url.pathname === '/admin' || url.pathname.startsWith('/_local/')) {
        const problem = localRequestProblem(req.headers, port)
        if (problem) return sendJson(res, 403, { code: 'FORBIDDEN_ORIGIN', message: problem })
      }
      if (url.pathname === '/admin' && req.method === 'POST') return handleAdmin(req, res, url)
      if (url.pathname.startsWith('/_local/')) return handleLocal(req, res, url)
      for (const m of modules) if (m.handleHttp && (await m.handleHttp(req, res, url))) return
      sendJson(res, 404, { error: 'not found' })
    }
    run().catch((err) => {
      log(`local cloudbase: ${(err as Error).stack ?? err}`)
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
      else res.destroy()
    })
  })
  // Idle keep-alive sockets outlive the SDK's own (its agent frees a socket after 4.8 s): with the server closing
  // first, a function busy for a moment could send on a socket the server had just closed (ECONNRESET).
  server.keepAliveTimeout = 30_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  origin = `http://127.0.0.1:${port}`
  functions.start()

  let closed = false
  return {
    url: `${origin}/admin`,
    origin,
    port,
    env,
    clock,
    store,
    functions,
    files: storage.files,
    adminKey,
    outbox: () => openapi.outbox(),
    mediaChecks: () => openapi.mediaChecks(),
    deliverMediaChecks: () => openapi.deliverDueMediaChecks(),
    setContentCheckReachable: (reachable: boolean) => openapi.setContentCheckReachable(reachable),
    refused: () => openapi.refused(),
    subscriptions,
    sdkEnv: () => ({
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${origin}/admin` }),
      TENCENTCLOUD_SECRETID: adminKey.secretId,
      TENCENTCLOUD_SECRETKEY: adminKey.secretKey,
      TENCENTCLOUD: 'true',
      SCF_NAMESPACE: env,
    }),
    async close() {
      if (closed) return
      closed = true
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      for (const m of [...modules].reverse()) await m.close?.()
      subscriptions.close()
      store.close()
    },
  }
}
