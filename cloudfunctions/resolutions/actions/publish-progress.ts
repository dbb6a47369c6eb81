import { notifyFollowers } from '../../_shared/topic-store'
import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'
import { permitted, answer, disclose } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'

export const publishProgress: Handler<typeof contracts.publishProgress> = async (input, ctx) => {
  const r = await permitted(contracts.publishProgress, input.resolutionId, ctx)
  if (isFailure(r)) return r
  const event = newTopicEvent(r.topic, r.actor, ctx.now, 'progressPublished', `公示「${r.resolution.title}」办理情况`, { resolutionId: r.resolution._id })
  const conflict = await disclose(r, ctx, input.text, input.photos, false, event)
  if (conflict) return conflict
  await notifyFollowers(r.topic, '办理中', ctx.now)
  return answer(r.resolution._id, ctx)
}
