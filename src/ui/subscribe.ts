import Taro from '@tarojs/taro'
import { callAction } from '../api/call'
import type * as account from '../contracts/account'
import { MESSAGE_TEMPLATES, TEMPLATE_KEYS, templateIdsOf, type TemplateKey } from '../contracts/messages'

// Light references (see ui/actions.ts): only functionName and name are read at run time.
const recordSubscriptions = { functionName: 'account', name: 'recordSubscriptions' } as unknown as typeof account.recordSubscriptions
const whoAmI = { functionName: 'account', name: 'whoAmI' } as unknown as typeof account.whoAmI

type RequestSubscribe = (o: { tmplIds: string[] }) => Promise<Record<string, unknown>> | void

/** The template keys whose ids WeChat answered 'accept' for. */
export function acceptedKeys(answer: Record<string, unknown> | null | undefined, kinds: readonly TemplateKey[]): TemplateKey[] {
  if (!answer) return []
  return kinds.filter((k) => answer[MESSAGE_TEMPLATES[k].id] === 'accept')
}

/**
 * The local CloudBase's stand-in for wx.requestSubscribeMessage (H5 runs only against it): the user accepts, and
 * the grant is recorded where WeChat would keep it (POST /_local/subscriptions).
 */
async function localStandIn(kinds: readonly TemplateKey[]): Promise<Record<string, unknown>> {
  const me = await callAction(whoAmI, {})
  if (!me.ok || !me.data.openid) return {}
  const tmplIds = templateIdsOf(kinds)
  const res = await fetch('/_local/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: me.data.openid, templateIds: tmplIds }) })
  return res.ok ? Object.fromEntries(tmplIds.map((id) => [id, 'accept'])) : {}
}

/**
 * Asks for the subscription messages a tap will lead to (WeChat allows the request only inside a tap handler: call
 * this first, before any other await) and tells the server what was accepted, which lets it send one message of each
 * accepted template. Refusal, an unsupported base library or a failed call change nothing: the tap's action goes on.
 * Resolves with the accepted keys.
 */
export async function askSubscription(kinds: readonly TemplateKey[] = ['statusChanged']): Promise<TemplateKey[]> {
  try {
    let answer: Record<string, unknown> = {}
    if (process.env.TARO_ENV === 'weapp') {
      const api = (Taro as unknown as { requestSubscribeMessage?: RequestSubscribe }).requestSubscribeMessage
      if (typeof api !== 'function') return []
      answer = ((await api({ tmplIds: templateIdsOf(kinds) })) ?? {}) as Record<string, unknown>
    } else if (typeof fetch === 'function') {
      answer = await localStandIn(kinds)
    }
    const accepted = acceptedKeys(answer, kinds)
    if (accepted.length) await callAction(recordSubscriptions, { accepted })
    return accepted
  } catch {
    return []
  }
}

export { TEMPLATE_KEYS }
