import { fail, ok, type Handler } from '../../_shared/router'
import { database } from '../../_shared/db'
import { loadActor, loadUser } from '../../_shared/caller'
import { loadDepartment } from '../../_shared/departments'
import { mayInviteTo } from '../../../src/domain/admin'
import type * as contracts from '../../../src/contracts/account'
import { activeCommunity, activeTownship, Invitation, signedIn, writeAdmin } from '../lib'
import { checkDisplayName } from '../../../src/domain/privacy'
import { RESIDENTS } from '../../../src/domain/policy'
import { takeRateLimit } from '../../_shared/rate-limit'

/**
 * One invitation binds one person: the conditional update on usedBy: null lets exactly one redemption win. Before
 * that, the invitation is checked again against the world as it is now: its issuer (loaded from users) must still
 * be allowed to invite that role to that place, and the place must still be in service — so a document written into
 * invitations by anyone but a function (or an invitation whose issuer has since been unbound) grants nothing.
 */
export const redeemInvitation: Handler<typeof contracts.redeemInvitation> = async (input, ctx) => {
  if (!ctx.openid) return fail('UNAUTHENTICATED', '请先登录')
  // Every attempt counts, right code or not: 10 an hour per openid makes guessing codes hopeless.
  const limited = await takeRateLimit('redeemInvitation', ctx.openid, null, ctx.now)
  if (limited) return limited
  const res = await database().collection('invitations').where({ code: input.code }).limit(1).get()
  const invitation = res.data[0] as Invitation | undefined
  if (!invitation) return fail('INVITATION_INVALID', '邀请码不存在')
  if (invitation.usedBy) return fail('INVITATION_USED', '邀请码已被使用')
  if (invitation.revokedAt) return fail('INVITATION_REVOKED', '邀请码已被撤回')
  if (ctx.now.getTime() > new Date(invitation.expiresAt).getTime()) return fail('INVITATION_EXPIRED', '邀请码已过期')
  const issuer = await loadActor(invitation.issuedBy)
  const placeOk =
    invitation.role === 'department_staff'
      ? await loadDepartment(invitation.departmentId).then((d) => !!d && !d.retiredAt && (d.townshipId ?? null) === (invitation.townshipId ?? null))
      : invitation.role === 'township_supervisor'
      ? !!(await activeTownship(invitation.townshipId))
      : await activeCommunity(invitation.communityId).then(
          (c) => !!c && c.townshipId === invitation.townshipId && (invitation.role !== 'grid_worker' || c.grids.some((g) => g.id === invitation.gridId && !g.retiredAt)),
        )
  if (!placeOk || !mayInviteTo(issuer, invitation.role, invitation).allowed) return fail('INVITATION_INVALID', '邀请码无效')

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
    departmentId: invitation.role === 'department_staff' ? (invitation.departmentId ?? null) : null,
  }
  const existing = await loadUser(ctx.openid)
  await writeAdmin({ openid: ctx.openid, role: invitation.role }, ctx.now, async (tx) => {
    if (existing?._id) await tx.collection('users').doc(existing._id).update({ data: fields })
    else await tx.collection('users').add({ data: { openid: ctx.openid, joinedAt: ctx.now, ...fields } })
    return {
      result: null,
      events: [{ type: 'invitation_redeemed', townshipId: invitation.townshipId, communityId: invitation.communityId, summary: `${input.displayName} 凭邀请码成为 ${invitation.role}`, data: { invitationId: invitation._id, role: invitation.role } }],
    }
  })
  return ok({ user: (await signedIn(await loadUser(ctx.openid)))! })
}
