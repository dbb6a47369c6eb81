import type { Resolution } from '../../../src/domain/model'
import { callbackTransition } from '../../../src/domain/transitions'
import type { Handler } from '../../_shared/router'
import { guardedWrite, isFailure, readIn, sameInstant } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'
import { CALLBACK_METHOD_LABELS } from '../../../src/contracts/resolutions'
import { permitted, answer } from '../lib'
import { newItemEvent } from '../../../src/domain/records'
import { tallyItem } from '../../_shared/summaries'
import { callbackFor, defaultCallbackMonth, withCallback } from '../../../src/domain/reports-cycle'

// "Not fixed" reopens the item and withdraws the topic's result (src/domain/transitions.ts callbackTransition).
export const recordCallback: Handler<typeof contracts.recordCallback> = async (input, ctx) => {
  // The list month the callback answers (ACTION_RULES.recordCallback refuses a month whose list lacks the item).
  const r = await permitted(contracts.recordCallback, input.resolutionId, ctx, input.month ? { callbackMonth: input.month } : {})
  if (isFailure(r)) return r
  const month = input.month ?? defaultCallbackMonth(r.resolution)!
  const { patch, withdrawsTopicResult } = callbackTransition(r.resolution, { month, outcome: input.outcome, note: input.note, by: ctx.openid, method: input.method ?? null, reached: input.reached ?? null }, ctx.now, r.community.settings)
  // The history names how and whom (电话回访 王大妈 …) when given.
  const how = input.method ? `${CALLBACK_METHOD_LABELS[input.method]}${input.reached ? `（${input.reached}）` : ''}` : ''
  const event = newItemEvent(r.resolution, r.actor, ctx.now, 'callback', `${how}${input.outcome === 'fixed' ? `回访「${r.resolution.title}」：已解决` : withdrawsTopicResult ? `回访「${r.resolution.title}」：未解决，重新办理` : `回访「${r.resolution.title}」：群众反映尚未解决`}`, { outcome: input.outcome, method: input.method ?? null, month })
  // The callback answers the result as read: one withdrawn or republished meanwhile is refused.
  const refused = await guardedWrite({ CONFLICT: '该事项刚被其他人更新，请刷新后再试', ALREADY_DONE: '该事项本月已回访' }, async (tx) => {
    const fresh = await readIn<Resolution>(tx, 'resolutions', r.resolution._id)
    if (!fresh || !sameInstant(fresh.resultPublishedAt, r.resolution.resultPublishedAt)) await tx.rollback('CONFLICT')
    // Two callers recording the same month's callback at once: the second is refused.
    if (callbackFor(fresh!, month)) await tx.rollback('ALREADY_DONE')
    // Each list month keeps its own callback: the month's is added to those stored now (another month's may have
    // been recorded since the item was read).
    await tx.collection('resolutions').doc(r.resolution._id).update({ data: { ...patch, callbacks: withCallback(fresh!, patch.callback!) } })
    await tallyItem(tx, r.resolution._id, fresh, ctx.now)
    if (withdrawsTopicResult && r.topic) await tx.collection('topics').doc(r.topic._id).update({ data: { resultPublishedAt: null } })
    return [event]
  })
  if (refused) return refused
  return answer(r.resolution._id, ctx)
}
