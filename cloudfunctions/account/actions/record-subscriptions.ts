import { fail, ok, type Handler } from '../../_shared/router'
import { addGrants, grantsOf } from '../../_shared/notify'
import type * as contracts from '../../../src/contracts/account'

/**
 * The client reports the templates its user accepted in requestSubscribeMessage (by key, mapped to ids in
 * src/contracts/messages.ts): each acceptance lets the server send one message of that template to that user.
 */
export const recordSubscriptions: Handler<typeof contracts.recordSubscriptions> = async (input, ctx) => {
  if (!ctx.openid) return fail('UNAUTHENTICATED', '请先登录')
  await addGrants(ctx.openid, input.accepted, ctx.now)
  return ok({ grants: await grantsOf(ctx.openid) })
}
