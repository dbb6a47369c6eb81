import { ok, type Handler } from '../../_shared/router'
import { loadUser } from '../../_shared/caller'
import type * as contracts from '../../../src/contracts/account'
import { signedIn } from '../lib'

export const whoAmI: Handler<typeof contracts.whoAmI> = async (_input, ctx) => {
  const user = await loadUser(ctx.openid)
  return ok({ openid: ctx.openid, source: ctx.source, user: await signedIn(user) })
}
