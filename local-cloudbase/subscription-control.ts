import type { IncomingMessage } from 'node:http'
import { readBody } from './http-body'
import type { SubscriptionGrants } from './subscriptions'

/**
 * The local stand-in for what wx.requestSubscribeMessage does with WeChat (local only, not part of CloudBase):
 * `POST /_local/subscriptions {openid, templateIds, longTerm?}` records that the user accepted those templates (one
 * send each, or long-term); `GET /_local/subscriptions?openid=` shows what is left.
 */
export async function handleSubscriptionControl(grants: SubscriptionGrants, req: IncomingMessage, url: URL): Promise<[number, unknown]> {
  if (req.method === 'GET') {
    const openid = url.searchParams.get('openid')
    if (!openid) return [400, { error: 'give ?openid=' }]
    return [200, { openid, grants: grants.of(openid) }]
  }
  const raw = await readBody(req, 16384, () => new Error('body too large'))
  let body: { openid?: unknown; templateIds?: unknown; longTerm?: unknown }
  try {
    body = JSON.parse(raw.toString('utf8') || '{}')
  } catch {
    return [400, { error: 'body is not JSON' }]
  }
  const ids = body.templateIds
  if (typeof body.openid !== 'string' || !body.openid || !Array.isArray(ids) || !ids.every((t) => typeof t === 'string' && t) || ids.length > 10) {
    return [400, { error: 'give {"openid": "...", "templateIds": ["..."], "longTerm"?: true}' }]
  }
  grants.grant(body.openid, ids as string[], { longTerm: body.longTerm === true })
  return [200, { openid: body.openid, grants: grants.of(body.openid) }]
}
