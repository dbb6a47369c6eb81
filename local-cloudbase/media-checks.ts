import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import type Database from 'better-sqlite3'

/**
 * security.mediaCheckAsync, locally. WeChat accepts the call at once (the answer carries only a trace id), downloads
 * the image from its mediaUrl, and up to 30 minutes later pushes the verdict as a message-push event
 * `{ MsgType: 'event', Event: 'wxa_media_check', trace_id, result: { suggest, label }, detail }` to the cloud function
 * that 消息推送 routes it to. Here the image is downloaded during the call (as WeChat would, through the temp URL), the
 * verdict is decided by a marker tests and developers can set (the file's bytes or its path contain "risky" or
 * "review"; anything else passes), and the event is delivered after a delay measured on the local clock: when the
 * delay passes in real time, or when the clock is moved past it. Every check and its delivery is kept in
 * outbox.sqlite (table media_checks) for tests and developers to read.
 */

export type MediaSuggest = 'pass' | 'risky' | 'review'

export interface MediaCheckRecord {
  traceId: string
  at: string
  /** When the verdict event is due, on the local clock. */
  dueAt: string
  mediaUrl: string
  openid: string
  scene: number
  suggest: MediaSuggest
  /** The function the event went to ('' while undelivered), when, and what it answered. */
  deliveredTo: string
  deliveredAt: string | null
  response: unknown
}

/** Where each message-push event goes: config/message-push.json, the one place 消息推送 routing is configured. */
export interface MessagePushConfig {
  routes: { msgType: string; event: string; function: string }[]
}

/**
 * TCB_SOURCE of a message-push invocation here. CloudBase does not document the value production sets; what the media
 * function relies on is only that it is not a client source (wx_client, wx_devtools, wx_http…).
 */
export const MESSAGE_PUSH_SOURCE = 'wx_msgpush'
export const DEFAULT_MESSAGE_PUSH_FILE = path.resolve(__dirname, '..', 'config', 'message-push.json')
/** The label WeChat gives each suggestion (100 = normal, 20002 = pornography; review uses the same label as risky). */
const LABELS: Record<MediaSuggest, number> = { pass: 100, risky: 20002, review: 20002 }

export function routeFor(config: MessagePushConfig, msgType: string, event: string): string | null {
  return config.routes.find((r) => r.msgType === msgType && r.event === event)?.function ?? null
}

/** The local rule: a marker in the image's bytes or path decides the verdict. */
export function localVerdict(bytes: Buffer, mediaUrl: string): MediaSuggest {
  const text = `${decodeURI(new URL(mediaUrl).pathname)}\n${bytes.toString('latin1')}`.toLowerCase()
  return text.includes('risky') ? 'risky' : text.includes('review') ? 'review' : 'pass'
}

export function createMediaChecks(options: {
  db: Database.Database
  now: () => Date
  /** Delay before the verdict event, in milliseconds of the local clock. */
  delayMs: number
  /** Invokes a function with a message-push event, as the platform does. */
  deliver: (functionName: string, event: Record<string, unknown>) => Promise<unknown>
  messagePushFile?: string
}) {
  const config = JSON.parse(fs.readFileSync(options.messagePushFile ?? DEFAULT_MESSAGE_PUSH_FILE, 'utf8')) as MessagePushConfig
  const { db } = options
  db.exec(
    'CREATE TABLE IF NOT EXISTS media_checks (seq INTEGER PRIMARY KEY AUTOINCREMENT, trace_id TEXT NOT NULL UNIQUE, due_ms INTEGER NOT NULL, delivered INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL)',
  )
  const insert = db.prepare('INSERT INTO media_checks (trace_id, due_ms, body) VALUES (?, ?, ?)')
  const due = db.prepare('SELECT body FROM media_checks WHERE delivered = 0 AND due_ms <= ? ORDER BY seq')
  const markDelivered = db.prepare('UPDATE media_checks SET delivered = 1, body = ? WHERE trace_id = ?')
  const all = db.prepare('SELECT body FROM media_checks ORDER BY seq')
  const pending = db.prepare('SELECT due_ms FROM media_checks WHERE delivered = 0')
  const timers = new Set<NodeJS.Timeout>()
  let delivering: Promise<void> = Promise.resolve()
  let closed = false

  const eventOf = (r: MediaCheckRecord, appid: string) => ({
    ToUserName: appid,
    FromUserName: 'local-platform',
    CreateTime: Math.floor(options.now().getTime() / 1000),
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid,
    trace_id: r.traceId,
    version: 2,
    detail: [{ strategy: 'content_model', errcode: 0, suggest: r.suggest, label: LABELS[r.suggest], prob: 90 }],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: r.suggest, label: LABELS[r.suggest] },
  })

  /** Delivers every verdict whose time has come, once each (one delivery round at a time). */
  const deliverDue = (): Promise<void> => {
    delivering = delivering.then(async () => {
      if (closed) return
      const ready = (due.all(options.now().getTime()) as { body: string }[]).map((row) => JSON.parse(row.body) as MediaCheckRecord)
      for (const r of ready) {
        const target = routeFor(config, 'event', 'wxa_media_check')
        let response: unknown = 'no 消息推送 route for event wxa_media_check'
        if (target) {
          try {
            response = await options.deliver(target, eventOf(r, 'wxlocalapp'))
          } catch (err) {
            response = { error: (err as Error).message }
          }
        }
        if (closed) return
        const done: MediaCheckRecord = { ...r, deliveredTo: target ?? '', deliveredAt: options.now().toISOString(), response }
        markDelivered.run(JSON.stringify(done), r.traceId)
      }
    })
    return delivering
  }

  const schedule = (ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      void deliverDue()
    }, Math.max(0, ms))
    timer.unref()
    timers.add(timer)
  }

  /** The 云调用 itself: validates like WeChat, downloads the image, answers with the trace id. */
  const mediaCheckAsync = async (params: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const mediaUrl = params.media_url
    if (typeof mediaUrl !== 'string' || !/^https?:\/\//.test(mediaUrl)) return { errcode: 47001, errmsg: 'data format error: media_url must be an http(s) URL (a temp file URL, not a fileID)' }
    if (Number(params.media_type) !== 2) return { errcode: 47001, errmsg: 'data format error: only media_type 2 (image) is emulated locally' }
    if (Number(params.version) !== 2) return { errcode: 47001, errmsg: 'data format error: only version 2 is supported locally' }
    if (typeof params.openid !== 'string' || !params.openid) return { errcode: 40003, errmsg: 'invalid openid' }
    const scene = Number(params.scene)
    if (![1, 2, 3, 4].includes(scene)) return { errcode: 47001, errmsg: 'data format error: scene must be 1-4' }
    let bytes: Buffer
    try {
      const res = await fetch(encodeURI(mediaUrl))
      if (!res.ok) return { errcode: 47001, errmsg: `media_url cannot be downloaded: HTTP ${res.status}` }
      bytes = Buffer.from(await res.arrayBuffer())
    } catch (err) {
      return { errcode: 47001, errmsg: `media_url cannot be downloaded: ${(err as Error).message}` }
    }
    const at = options.now()
    const record: MediaCheckRecord = {
      traceId: crypto.randomBytes(12).toString('hex'),
      at: at.toISOString(),
      dueAt: new Date(at.getTime() + options.delayMs).toISOString(),
      mediaUrl,
      openid: params.openid,
      scene,
      suggest: localVerdict(bytes, mediaUrl),
      deliveredTo: '',
      deliveredAt: null,
      response: null,
    }
    insert.run(record.traceId, at.getTime() + options.delayMs, JSON.stringify(record))
    schedule(options.delayMs)
    // The HTTPS API names it trace_id; the SDK's 云调用 hands it to the function as traceId.
    return { errcode: 0, errmsg: 'ok', trace_id: record.traceId }
  }

  return {
    mediaCheckAsync,
    deliverDue,
    list: () => (all.all() as { body: string }[]).map((r) => JSON.parse(r.body) as MediaCheckRecord),
    /**
     * Checks still waiting for their verdict (after a restart) are delivered when due, and not before the server has
     * had a second to start listening.
     */
    resume() {
      for (const row of pending.all() as { due_ms: number }[]) schedule(Math.max(1000, row.due_ms - options.now().getTime()))
    },
    async close() {
      closed = true
      for (const t of timers) clearTimeout(t)
      timers.clear()
      await delivering.catch(() => undefined)
    },
  }
}
