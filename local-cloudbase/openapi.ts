import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import Database from 'better-sqlite3'
import { CloudError, type AdminRequest, type CloudModule } from './types'
import { decodeOpenApiParams, encodeOpenApiResp } from './protobuf'
import { createMediaChecks, type MediaCheckRecord } from './media-checks'
import type { SubscriptionGrants } from './subscriptions'
import { appPagesOf, getUnlimited } from './wxacode'

interface ContentRules {
  risky: string[]
  review: string[]
}

export interface OutboxMessage {
  id: string
  at: string
  touser: string
  templateId: string
  page: string | null
  data: Record<string, { value: string }>
  miniprogramState: string | null
}

/** A send WeChat refused (no grant left: 43101): nothing was delivered; kept apart from the outbox. */
export interface RefusedMessage extends OutboxMessage {
  errcode: number
  errmsg: string
}

/** WeChat's limits on subscription message fields, by the key's type prefix (thing1 → thing). */
const FIELD_LIMITS: Record<string, number> = {
  thing: 20,
  phrase: 5,
  character_string: 32,
  number: 32,
  letter: 32,
  name: 10,
  car_number: 8,
  symbol: 5,
  amount: 32,
  phone_number: 17,
  time: 64,
  date: 64,
}

function wxError(errcode: number, errmsg: string) {
  return { errcode, errmsg }
}

/**
 * WeChat's system error for a 云调用 the calling function did not declare in its config.json permissions.openapi
 * (WX_FUNCTIONS_SERVER_OPENAPI_NO_PERMISSION in wx-server-sdk): it comes back as CommOpenApiResp.errorCode, and the SDK
 * throws errCode -604101, errMsg "system error: error code: -604101".
 */
export const OPENAPI_NO_PERMISSION = -604101

/** The function an openapi request comes from (its live invocation's wxCloudApiToken) and what it declared. */
export interface OpenApiCaller {
  functionName: string
  openapi: readonly string[]
}

/**
 * wx.openApi, locally: security.msgSecCheck decides by a word list (content-rules.json), security.mediaCheckAsync
 * answers a trace id and pushes its verdict later (media-checks.ts), and subscribeMessage.send validates like WeChat,
 * spends the user's grant (subscriptions.ts; none left: 43101, recorded as refused) and records the message in an
 * outbox (outbox.sqlite) that developers and tests read. Nothing here pretends a message reached WeChat.
 */
export function createOpenApiModule(options: {
  dataDir: string
  now: () => Date
  rulesFile?: string
  subscriptions?: SubscriptionGrants
  /** wxacode.getUnlimited checks its page against the app's pages (default: src/app.config.ts of this repository). */
  appConfigFile?: string
  /** security.mediaCheckAsync: the verdict's delay and how its message-push event reaches a function (media-checks.ts). */
  mediaCheck: { delayMs: number; deliver: (functionName: string, event: Record<string, unknown>) => Promise<unknown>; messagePushFile?: string }
  /** Start with security.msgSecCheck unreachable (see setContentCheckReachable). */
  contentCheckUnreachable?: boolean
  /**
   * The function whose running invocation holds this wxCloudApiToken, with its declared openapi permissions; undefined
   * when the request comes from no running function (a tool or test holding the admin key): such calls are answered.
   */
  callerOf?: (apiToken: string) => OpenApiCaller | undefined
  log?: (message: string) => void
}): CloudModule & {
  /**
   * Makes security.msgSecCheck unreachable (false) or answer again (true): while unreachable every call fails the
   * way WeChat's does when its service is down (errcode -1, "system error"), so tests can show that text is then held
   * for review rather than published.
   */
  setContentCheckReachable(reachable: boolean): void
  contentCheckReachable(): boolean
  outbox(): OutboxMessage[]
  refused(): RefusedMessage[]
  mediaChecks(): MediaCheckRecord[]
  /** Delivers the image verdicts whose time has come on the local clock. */
  deliverDueMediaChecks(): Promise<void>
} {
  const rules = JSON.parse(
    fs.readFileSync(options.rulesFile ?? path.join(__dirname, 'content-rules.json'), 'utf8'),
  ) as ContentRules
  const db = new Database(path.join(options.dataDir, 'outbox.sqlite'))
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, body TEXT NOT NULL)')
  const insert = db.prepare('INSERT INTO outbox (id, body) VALUES (?, ?)')
  const all = db.prepare('SELECT body FROM outbox ORDER BY seq')
  const media = createMediaChecks({ db, now: options.now, ...options.mediaCheck })
  media.resume()
  db.exec('CREATE TABLE IF NOT EXISTS refused (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, body TEXT NOT NULL)')
  const insertRefused = db.prepare('INSERT INTO refused (id, body) VALUES (?, ?)')
  const allRefused = db.prepare('SELECT body FROM refused ORDER BY seq')

  let contentCheckReachable = !options.contentCheckUnreachable
  const msgSecCheck = (params: Record<string, unknown>) => {
    // The check service down: WeChat answers errcode -1 and decides nothing.
    if (!contentCheckReachable) return wxError(-1, 'system error')
    const content = params.content
    if (typeof content !== 'string') return wxError(47001, 'data format error: content')
    if (content.length > 2500) return wxError(47001, 'data format error: content exceeds 2500 characters')
    if (Number(params.version) !== 2) return wxError(47001, 'data format error: only version 2 is supported locally')
    if (typeof params.openid !== 'string' || !params.openid) return wxError(40003, 'invalid openid')
    const scene = Number(params.scene)
    if (![1, 2, 3, 4].includes(scene)) return wxError(47001, 'data format error: scene must be 1-4')
    const lower = content.toLowerCase()
    const risky = rules.risky.find((w) => lower.includes(w.toLowerCase()))
    const review = risky ? undefined : rules.review.find((w) => lower.includes(w.toLowerCase()))
    const suggest = risky ? 'risky' : review ? 'review' : 'pass'
    const label = risky ? 20006 : review ? 21000 : 100
    return {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [{ strategy: 'keyword', errcode: 0, suggest, label, ...(risky || review ? { keyword: risky ?? review } : {}) }],
      trace_id: crypto.randomBytes(8).toString('hex'),
    }
  }

  const sendSubscribeMessage = (params: Record<string, unknown>) => {
    if (typeof params.touser !== 'string' || !params.touser) return wxError(40003, 'invalid openid')
    if (typeof params.template_id !== 'string' || !params.template_id) return wxError(40037, 'invalid template_id')
    const data = params.data
    if (!data || typeof data !== 'object') return wxError(47003, 'argument invalid! data is empty')
    for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
      const value = (entry as { value?: unknown })?.value
      if (typeof value !== 'string' && typeof value !== 'number') return wxError(47003, `argument invalid! data.${key}.value is empty`)
      const type = key.replace(/\d+$/, '')
      const limit = FIELD_LIMITS[type]
      if (limit === undefined) return wxError(47003, `argument invalid! data.${key} unknown field type`)
      const text = String(value)
      if ([...text].length > limit) return wxError(47003, `argument invalid! data.${key}.value exceeds ${limit} characters`)
      if (type === 'phrase' && !/^[\u4e00-\u9fa5]+$/.test(text)) return wxError(47003, `argument invalid! data.${key}.value must be Chinese characters`)
    }
    const message: OutboxMessage = {
      id: crypto.randomBytes(8).toString('hex'),
      at: options.now().toISOString(),
      touser: params.touser,
      templateId: params.template_id,
      page: typeof params.page === 'string' ? params.page : null,
      data: data as OutboxMessage['data'],
      miniprogramState: typeof params.miniprogram_state === 'string' ? params.miniprogram_state : null,
    }
    // Like WeChat: a valid send needs a grant the user gave (one acceptance = one send, long-term = no count);
    // without one it is refused with 43101, recorded apart, and delivers nothing.
    if (options.subscriptions && !options.subscriptions.spend(message.touser, message.templateId)) {
      const refused: RefusedMessage = { ...message, errcode: 43101, errmsg: 'user refuse to accept the msg' }
      insertRefused.run(refused.id, JSON.stringify(refused))
      return wxError(refused.errcode, refused.errmsg)
    }
    insert.run(message.id, JSON.stringify(message))
    return { errcode: 0, errmsg: 'ok', msgid: message.id }
  }

  let appPages: string[] | null = null
  const pages = () => (appPages ??= appPagesOf(options.appConfigFile ?? path.join(__dirname, '..', 'src', 'app.config.ts')))

  const apis: Record<string, (params: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>> = {
    'security.msgSecCheck': msgSecCheck,
    'security.mediaCheckAsync': media.mediaCheckAsync,
    'subscribeMessage.send': sendSubscribeMessage,
    // Answered as an image (image/png) when it succeeds, as WeChat does; a refusal is JSON with its errcode.
    'wxacode.getUnlimited': (params) => getUnlimited(params, pages()),
  }

  return {
    name: 'openapi',
    adminActions: {
      'wx.openApi': async (req: AdminRequest) => {
        const parts = req.parts
        if (!parts) throw new CloudError('INVALID_PARAM', 'wx.openApi expects multipart/form-data')
        const apiName = parts.apiName?.toString('utf8') ?? ''
        // Like WeChat: a function may call only the APIs its config.json lists under permissions.openapi. Anything
        // else is refused before it runs (no message sent, no check started, no grant spent).
        const caller = req.apiToken ? options.callerOf?.(req.apiToken) : undefined
        if (caller && !caller.openapi.includes(apiName)) {
          options.log?.(`function ${caller.functionName} called openapi ${apiName || '(none)'} without declaring it in its config.json permissions.openapi: refused with ${OPENAPI_NO_PERMISSION}`)
          return { __raw: encodeOpenApiResp({ respData: Buffer.alloc(0), contentType: '', errorCode: OPENAPI_NO_PERMISSION }) }
        }
        let decoded: ReturnType<typeof decodeOpenApiParams>
        try {
          decoded = decodeOpenApiParams(parts.requestData ?? Buffer.alloc(0))
        } catch (err) {
          throw new CloudError('INVALID_PARAM', `bad wx.openApi request: ${(err as Error).message}`)
        }
        const api = apis[apiName]
        const reply = api ? await api(decoded.params) : wxError(-604101, `${apiName} is not emulated by the local CloudBase`)
        const png = (reply as { png?: unknown }).png
        if (Buffer.isBuffer(png)) return { __raw: encodeOpenApiResp({ respData: png, contentType: 'image/png' }) }
        return {
          __raw: encodeOpenApiResp({ respData: Buffer.from(JSON.stringify(reply)), contentType: 'application/json' }),
        }
      },
    },
    outbox: () => (all.all() as { body: string }[]).map((r) => JSON.parse(r.body) as OutboxMessage),
    refused: () => (allRefused.all() as { body: string }[]).map((r) => JSON.parse(r.body) as RefusedMessage),
    mediaChecks: () => media.list(),
    setContentCheckReachable(reachable: boolean) {
      contentCheckReachable = reachable
    },
    contentCheckReachable: () => contentCheckReachable,
    deliverDueMediaChecks: () => media.deliverDue(),
    async close() {
      await media.close()
      if (db.open) db.close()
    },
  }
}
