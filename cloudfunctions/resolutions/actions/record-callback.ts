import type { Resolution } from '../../../src/domain/model'
import { callbackTransition } from '../../../src/domain/transitions'
import type { Handler } from '../../_shared/router'
import { guardedWrite, isFailure, readIn, sameInstant } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'
import { CALLBACK_METHOD_LABELS } from '../../../src/contracts/resolutions'
import { permitted, answer } from '../lib'
import { newItemEvent } from '../../../src/domain/records'
import { tallyItem } from '../../_shared/summaries'

// "Not fixed" reopens the item and withdraws the topic's result (src/domain/transitions.ts callbackTransition).
export const recordCallback: Handler<typeof contracts.recordCallback> = async (input, ctx) => {
  const r = await permitted(contracts.recordCallback, input.resolutionId, ctx)
  if (isFailure(r)) return r
  const { patch, withdrawsTopicResult } = callbackTransition(r.resolution, { outcome: input.outcome, note: input.note, by: ctx.openid, method: input.method ?? null, reached: input.reached ?? null }, ctx.now, r.community.settings)
  // The history names how and whom (电话回访 王大妈 …) when given.
  const how = input.method ? `${CALLBACK_METHOD_LABELS[input.method]}${input.reached ? `（${input.reached}）` : ''}` : ''
  const event = newItemEvent(r.resolution, r.actor, ctx.now, 'callback', `${how}${input.outcome === 'fixed' ? `回访「${r.resolution.title}」：已解决` : `回访「${r.resolution.title}」：未解决，重新办理`}`, { outcome: input.outcome, method: input.method ?? null })
  // The callback answers the result as read: one withdrawn or republished meanwhile is refused.
  const refused = await guardedWrite({ CONFLICT: '该事项刚被其他人更新，请刷新后再试' }, async (tx) => {
    const fresh = await readIn<Resolution>(tx, 'resolutions', r.resolution._id)
    if (!fresh || !sameInstant(fresh.resultPublishedAt, r.resolution.resultPublishedAt)) await tx.rollback('CONFLICT')
    await tx.collection('resolutions').doc(r.resolution._id).update({ data: patch })
    await tallyItem(tx, r.resolution._id, fresh, ctx.now)
    if (withdrawsTopicResult && r.topic) await tx.collection('topics').doc(r.topic._id).update({ data: { resultPublishedAt: null } })
    return [event]
  })
  if (refused) return refused
  return answer(r.resolution._id, ctx)
}
