import type { Resolution } from '../../../src/domain/model'
import { confirmTransition } from '../../../src/domain/transitions'
import type { Handler } from '../../_shared/router'
import { notify } from '../../_shared/notify'
import { guardedWrite, isFailure, readIn, sameInstant } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'
import { permitted, answer, appendToReport, itemOwner, staffLinkOf } from '../lib'
import { tallyItem } from '../../_shared/summaries'
import { newItemEvent } from '../../../src/domain/records'

// The reporter of a 三单 item confirms its result once per result: 已解决 is recorded; 未解决 reopens the item and
// restarts its disclosure clock (src/domain/transitions.ts confirmTransition). The item, its report's timeline and the
// history event commit together; a result withdrawn or republished since it was read is refused.
export const confirmResult: Handler<typeof contracts.confirmResult> = async (input, ctx) => {
  const r = await permitted(contracts.confirmResult, input.resolutionId, ctx)
  if (isFailure(r)) return r
  const patch = confirmTransition(r.resolution, { solved: input.solved, by: ctx.openid }, ctx.now, r.community.settings)
  const summary = input.solved ? `诉求人确认「${r.resolution.title}」已解决` : `诉求人反馈「${r.resolution.title}」未解决，重新办理`
  const refused = await guardedWrite({ CONFLICT: '该事项刚被其他人更新，请刷新后再试' }, async (tx) => {
    const fresh = await readIn<Resolution>(tx, 'resolutions', r.resolution._id)
    if (!fresh || !sameInstant(fresh.resultPublishedAt, r.resolution.resultPublishedAt)) await tx.rollback('CONFLICT')
    await tx.collection('resolutions').doc(r.resolution._id).update({ data: patch })
    await tallyItem(tx, r.resolution._id, fresh, ctx.now)
    await appendToReport(tx, r.report, { at: ctx.now, kind: input.solved ? 'confirmedSolved' : 'reopened', text: input.solved ? '已确认问题解决' : '反馈问题未解决，已重新办理' })
    return [newItemEvent(r.resolution, r.actor, ctx.now, input.solved ? 'resultConfirmed' : 'resultRejected', summary, { solved: input.solved })]
  })
  if (refused) return refused
  // Reopened: the assignee and the staff who triaged it hear of it.
  if (!input.solved) {
    for (const to of new Set([r.resolution.assigneeOpenid, itemOwner(r)])) {
      await notify(to, 'deadline', { title: r.resolution.title, status: '未解决重办', at: patch.disclosureDueAt ?? ctx.now, link: staffLinkOf(r.resolution) })
    }
  }
  return answer(r.resolution._id, ctx)
}
