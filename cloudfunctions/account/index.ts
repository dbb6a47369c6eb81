import { createHandler, initCloud, ok, route } from '../_shared/router'
import { whoAmI } from '../../src/contracts/account'

export const main = createHandler('account', [
  route(whoAmI, async (_input, ctx) => {
    const db = initCloud().database()
    const user = ctx.openid
      ? (((await db.collection('users').where({ openid: ctx.openid }).limit(1).get()) as { data: unknown[] }).data[0] as
          | { displayName: string; role: string; communityId?: string | null }
          | undefined)
      : undefined
    return ok({
      openid: ctx.openid,
      source: ctx.source,
      user: user ? { displayName: user.displayName, role: user.role as never, communityId: user.communityId ?? null } : null,
    })
  }),
])
