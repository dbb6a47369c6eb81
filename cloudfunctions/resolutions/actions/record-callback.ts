import { fail } from '../../_shared/router'
import { appendEvent } from '../../_shared/history'
import { database } from '../../_shared/db'
import type { Resolution } from '../../../src/domain/model'
import { beijingMonthOf } from '../../../src/domain/calendar'
import { nextDisclosureDueAt } from '../../../src/domain/disclosure'
import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'
import { permitted, answer, event } from '../lib'

// "Not fixed" reopens the item: its result is withdrawn from the count of done items and the disclosure clock runs
// again from today, so it shows as handling (and overdue if nobody discloses).
export const recordCallback: Handler<typeof contracts.recordCallback> = async (input, ctx) => {
  const r = await permitted(contracts.recordCallback, input.resolutionId, ctx)
  if (isFailure(r)) return r
  const callback = { month: beijingMonthOf(r.resolution.resultPublishedAt!), outcome: input.outcome, note: input.note, at: ctx.now, by: ctx.openid }
  const patch: Partial<Resolution> =
    input.outcome === 'fixed'
      ? { callback }
      : { callback, resultPublishedAt: null, reopenedAt: ctx.now, disclosureDueAt: nextDisclosureDueAt(ctx.now, r.community.settings), openDueAt: r.resolution.dueAt.getTime() > ctx.now.getTime() ? r.resolution.dueAt : nextDisclosureDueAt(ctx.now, r.community.settings) }
  const res = await database()
    .collection('resolutions')
    .where({ _id: r.resolution._id, resultPublishedAt: r.resolution.resultPublishedAt })
    .update({ data: patch })
  if (res.stats.updated !== 1) return fail('CONFLICT', '该事项刚被其他人更新，请刷新后再试')
  if (input.outcome === 'not_fixed') {
    await database().collection('topics').doc(r.topic._id).update({ data: { resultPublishedAt: null } })
  }
  await appendEvent(event(r, ctx.now, 'callback', input.outcome === 'fixed' ? `回访「${r.resolution.title}」：已解决` : `回访「${r.resolution.title}」：未解决，重新办理`, { resolutionId: r.resolution._id, outcome: input.outcome }))
  return answer(r.resolution._id, ctx)
}
