import { fail, ok, type Handler } from '../../_shared/router'
import { database } from '../../_shared/db'
import { loadUser } from '../../_shared/caller'
import type * as contracts from '../../../src/contracts/account'
import { Invitation, signedIn } from '../lib'
import { checkDisplayName } from '../../../src/domain/privacy'
import { RESIDENTS } from '../../../src/domain/policy'
import { takeRateLimit } from '../../_shared/rate-limit'

// One invitation binds one person: the conditional update on usedBy: null lets exactly one redemption win.
export const redeemInvitation: Handler<typeof contracts.redeemInvitation> = async (input, ctx) => {
  if (!ctx.openid) return fail('UNAUTHENTICATED', '请先登录')
  // Every attempt counts, right code or not: 10 an hour per openid makes guessing codes hopeless.
  const limited = await takeRateLimit('redeemInvitation', ctx.openid, null, ctx.now)
  if (limited) return limited
  const res = await database().collection('invitations').where({ code: input.code }).limit(1).get()
  const invitation = res.data[0] as Invitation | undefined
  if (!invitation) return fail('INVITATION_INVALID', '邀请码不存在')
  if (invitation.usedBy) return fail('INVITATION_USED', '邀请码已被使用')
  if (ctx.now.getTime() > new Date(invitation.expiresAt).getTime()) return fail('INVITATION_EXPIRED', '邀请码已过期')
  // The name is checked before the invitation is used up; staff titles only for the staff roles.
  const named = checkDisplayName(input.displayName, !(RESIDENTS as readonly string[]).includes(invitation.role))
  if (!named.ok) return fail(named.code, named.reason)
  const claimed = await database()
    .collection('invitations')
    .where({ _id: invitation._id, usedBy: null })
    .update({ data: { usedBy: ctx.openid, usedAt: ctx.now } })
  if (claimed.stats.updated !== 1) return fail('INVITATION_USED', '邀请码已被使用')
  const fields = {
    displayName: named.name,
    role: invitation.role,
    communityId: invitation.communityId,
    gridId: invitation.gridId,
    buildingId: null,
    townshipId: invitation.townshipId,
  }
  const existing = await loadUser(ctx.openid)
  const users = database().collection('users')
  if (existing) await users.where({ openid: ctx.openid }).update({ data: fields })
  else await users.add({ data: { openid: ctx.openid, joinedAt: ctx.now, ...fields } })
  return ok({ user: (await signedIn(await loadUser(ctx.openid)))! })
}
