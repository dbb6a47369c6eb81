import { ok, type Handler } from '../../_shared/router'
import { loadUser } from '../../_shared/caller'
import type * as contracts from '../../../src/contracts/account'
import { signedIn } from '../lib'
import { unreadOf } from './list-notifications'

export const whoAmI: Handler<typeof contracts.whoAmI> = async (_input, ctx) => {
  const user = await loadUser(ctx.openid)
  // The unread count rides along (issue 11): every tab page that asks who is signed in refreshes the 消息 badge.
  const unread = ctx.openid ? await unreadOf(ctx.openid) : undefined
  return ok({ openid: ctx.openid, source: ctx.source, user: await signedIn(user), ...(unread === undefined ? {} : { unread }) })
}
