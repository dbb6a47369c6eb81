import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor } from '../../_shared/caller'
import { decided, readIn } from '../../_shared/pipeline'
import { findAll } from '../../_shared/db'
import { mayInviteTo } from '../../../src/domain/admin'
import * as contracts from '../../../src/contracts/account'
import { writeAdmin, type Invitation } from '../lib'

/** The level that could issue an invitation withdraws it while nobody has redeemed it; a used one stays. */
export const revokeInvitation: Handler<typeof contracts.revokeInvitation> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const denied = decided(contracts.revokeInvitation, actor, { communityId: '', townshipId: '' }, ctx.now)
  if (denied) return denied
  const invitation = (await findAll<Invitation>('invitations', { code: input.code }, { limit: 1 }))[0]
  if (!invitation) return fail('INVITATION_INVALID', '邀请码不存在')
  const may = mayInviteTo(actor, invitation.role, invitation)
  if (!may.allowed) return fail(may.code === 'OUT_OF_SCOPE' ? 'OUT_OF_SCOPE' : 'FORBIDDEN', '只能撤回你有权签发的邀请码')
  if (invitation.usedBy) return fail('INVITATION_USED', '邀请码已被使用')
  const outcome = await writeAdmin(actor!, ctx.now, async (tx) => {
    const fresh = (await readIn<Invitation>(tx, 'invitations', invitation._id))!
    if (fresh.usedBy) await tx.rollback('INVITATION_USED')
    const revokedAt = fresh.revokedAt ?? ctx.now
    if (!fresh.revokedAt) await tx.collection('invitations').doc(invitation._id).update({ data: { revokedAt } })
    return {
      result: revokedAt,
      events: fresh.revokedAt
        ? []
        : [{ type: 'invitation_revoked', townshipId: invitation.townshipId, communityId: invitation.communityId, summary: `撤回邀请码（${invitation.role}）`, data: { invitationId: invitation._id, role: invitation.role } }],
    }
  }).catch((err) => {
    if (err === 'INVITATION_USED') return null
    throw err
  })
  if (!outcome) return fail('INVITATION_USED', '邀请码已被使用')
  return ok({ code: invitation.code, revokedAt: new Date(outcome).toISOString() })
}
