import { expectOk, type FlowCloud } from '../support/flow'
import { MESSAGE_TEMPLATES, type TemplateKey } from '../../src/contracts/messages'
import { recordSubscriptions } from '../../src/contracts/account'

/**
 * A tap's subscription request accepted, as it happens in production: WeChat records the grant on its side (here the
 * local CloudBase's grants, what POST /_local/subscriptions does for the H5 stand-in) and the client tells the
 * server what was accepted (account.recordSubscriptions).
 */
export async function accept(cloud: FlowCloud, openid: string, keys: TemplateKey[], options: { longTerm?: boolean } = {}) {
  cloud.subscriptions.grant(openid, keys.map((k) => MESSAGE_TEMPLATES[k].id), options)
  return expectOk(await cloud.call(openid, recordSubscriptions, { accepted: keys }))
}

export const deliveredTo = (cloud: FlowCloud, openid: string) => cloud.outbox().filter((m) => m.touser === openid)
export const refusedTo = (cloud: FlowCloud, openid: string) => cloud.refused().filter((m) => m.touser === openid)
