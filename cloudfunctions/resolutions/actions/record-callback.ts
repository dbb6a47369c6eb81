import { fail } from '../../_shared/router'
import { appendEvent } from '../../_shared/history'
import { database } from '../../_shared/db'
import { callbackTransition } from '../../../src/domain/transitions'
import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'
import { permitted, answer } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'

// "Not fixed" reopens the item and withdraws the topic's result (src/domain/transitions.ts callbackTransition).
export const recordCallback: Handler<typeof contracts.recordCallback> = async (input, ctx) => {
  const r = await permitted(contracts.recordCallback, input.resolutionId, ctx)
  if (isFailure(r)) return r
  const { patch, withdrawsTopicResult } = callbackTransition(r.resolution, { outcome: input.outcome, note: input.note, by: ctx.openid }, ctx.now, r.community.settings)
  const res = await database()
    .collection('resolutions')
    .where({ _id: r.resolution._id, resultPublishedAt: r.resolution.resultPublishedAt })
    .update({ data: patch })
  if (res.stats.updated !== 1) return fail('CONFLICT', '该事项刚被其他人更新，请刷新后再试')
  if (withdrawsTopicResult) {
    await database().collection('topics').doc(r.topic._id).update({ data: { resultPublishedAt: null } })
  }
  await appendEvent(newTopicEvent(r.topic, r.actor, ctx.now, 'callback', input.outcome === 'fixed' ? `回访「${r.resolution.title}」：已解决` : `回访「${r.resolution.title}」：未解决，重新办理`, { resolutionId: r.resolution._id, outcome: input.outcome }))
  return answer(r.resolution._id, ctx)
}
