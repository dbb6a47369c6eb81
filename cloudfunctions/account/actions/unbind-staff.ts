import { fail, ok, type Handler } from '../../_shared/router'
import { database, findAll } from '../../_shared/db'
import { actorOf, loadActor, loadUser } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import { mayInviteTo, placeOf, unboundFields } from '../../../src/domain/admin'
import type { Resolution } from '../../../src/domain/model'
import * as contracts from '../../../src/contracts/account'
import { writeAdmin } from '../lib'

/**
 * The level right above a staff member (the one that could have invited them to that place) unbinds them: they
 * become a resident, and the answer lists the items still open with them as assignee, for reassignment.
 */
export const unbindStaff: Handler<typeof contracts.unbindStaff> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const denied = decided(contracts.unbindStaff, actor, { communityId: '', townshipId: '' }, ctx.now)
  if (denied) return denied
  const target = await loadUser(input.openid)
  if (!target || target.role === 'resident') return fail('NOT_STAFF', '该用户没有可解除的岗位')
  const may = mayInviteTo(actor, target.role, placeOf(target))
  if (!may.allowed) return fail(may.code === 'OUT_OF_SCOPE' ? 'OUT_OF_SCOPE' : 'FORBIDDEN', '只能解除你所管理的下一级人员')
  const fields = unboundFields(target)
  await writeAdmin(actor!, ctx.now, async (tx) => {
    await tx.collection('users').doc(target._id!).update({ data: fields })
    return {
      result: null,
      events: [
        {
          type: 'staff_unbound',
          townshipId: target.townshipId ?? null,
          communityId: target.communityId ?? null,
          summary: `解除岗位：${target.displayName}（${target.role}）`,
          data: { openid: target.openid, from: actorOf(target), to: fields },
        },
      ],
    }
  })
  // Assignees are community staff and grid workers: their items are among their community's.
  const open = target.communityId
    ? await findAll<Resolution>('resolutions', { communityId: target.communityId, assigneeOpenid: target.openid, openDueAt: database().command.neq(null) }, { limit: 1000 })
    : []
  return ok({
    openid: target.openid,
    role: fields.role,
    openItems: open
      .map((r) => ({ resolutionId: r._id, topicId: r.topicId, title: r.title, dueAt: new Date(r.dueAt).toISOString() }))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
  })
}
