import { installFakeGateway, fakeFunction, type ActionHandler } from '../pages/fake-gateway'

/**
 * The fake gateway the 消息 and 工作台 page tests share (issue 11's notifications and subscription grants): the
 * account function answers whoAmI with `me`, listNotifications with the listed items and the grants left now,
 * markNotificationsRead with what stays unread, and recordSubscriptions by calling `onRecord` (the test moves its
 * grants there) and answering the grants as they are then. Other functions a page calls come in `functions`.
 */
export interface NotificationsGatewayOptions {
  /** account.whoAmI's answer (its data). */
  me: unknown
  /** Grants left per template, read on every listNotifications and recordSubscriptions. */
  grants: () => Record<string, number | 'long-term'>
  /** account.listNotifications' items and unread count (none by default). */
  notifications?: { items: unknown[]; unread: number }
  /** Called when recordSubscriptions arrives, before its answer is built. */
  onRecord?: () => void
  /** account.markNotificationsRead's answer: how many stay unread (0 by default). */
  unreadAfterMark?: number
  /** The page's other functions, by name, as fakeFunction(...) handlers. */
  functions?: Record<string, ReturnType<typeof fakeFunction>>
}

export function installNotificationsGateway({ me, grants, notifications = { items: [], unread: 0 }, onRecord = () => undefined, unreadAfterMark = 0, functions = {} }: NotificationsGatewayOptions) {
  const account: Record<string, ActionHandler> = {
    whoAmI: () => ({ ok: true, data: me }),
    listNotifications: () => ({ ok: true, data: { ...notifications, grants: grants() } }),
    markNotificationsRead: () => ({ ok: true, data: { unread: unreadAfterMark } }),
    recordSubscriptions: () => {
      onRecord()
      return { ok: true, data: { grants: grants() } }
    },
  }
  return installFakeGateway([], { ...functions, account: fakeFunction(account) })
}

/**
 * The H5 stand-in for requestSubscribeMessage records grants where WeChat would (POST /_local/subscriptions on the
 * local CloudBase): those requests are captured here and answered, the rest go on to the gateway installed before.
 */
export function captureLocalGrants(): unknown[] {
  const upstream = globalThis.fetch as unknown as (url: string, init?: { method?: string; body?: string }) => Promise<unknown>
  const granted: unknown[] = []
  ;(globalThis as { fetch?: unknown }).fetch = async (url: string, init?: { method?: string; body?: string }) => {
    if (url === '/_local/subscriptions') {
      granted.push(JSON.parse(init!.body!))
      return { ok: true, status: 200, json: async () => ({}) }
    }
    return upstream(url, init)
  }
  return granted
}
