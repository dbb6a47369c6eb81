import { fail, type Handler } from '../../_shared/router'
import { DELIBERATION_STEP_LABELS, FOUR_DELIBERATIONS } from '../../../src/domain/model'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { permitted, answer, writeTopic } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'

// 四议两公开: the first three deliberations are recorded strictly in order; the fourth is the meeting's resolution.
export const recordDeliberationStep: Handler<typeof contracts.recordDeliberationStep> = async (input, ctx) => {
  const c = await permitted(contracts.recordDeliberationStep, input.topicId, ctx)
  if (isFailure(c)) return c
  const expected = FOUR_DELIBERATIONS[c.topic.deliberations.length]
  if (input.step !== expected) return fail('OUT_OF_ORDER', `请按顺序记录，下一步是「${DELIBERATION_STEP_LABELS[expected!]}」`)
  // The milestone and its history event commit together.
  const event = newTopicEvent(c.topic, c.actor, ctx.now, 'deliberation', `四议：${DELIBERATION_STEP_LABELS[input.step]}`, { step: input.step })
  const conflict = await writeTopic(c.topic, async (_tx, fresh) => ({
    deliberations: [...fresh.deliberations, { step: input.step, at: ctx.now, by: ctx.openid, note: input.note }],
  }), event)
  if (conflict) return conflict
  return answer(c.topic._id, ctx)
}
