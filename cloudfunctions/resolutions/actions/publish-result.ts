import { appendEvent } from '../../_shared/history'
import { database, findAll } from '../../_shared/db'
import { notifyFollowers } from '../../_shared/topic-store'
import type { Resolution } from '../../../src/domain/model'
import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'
import { permitted, answer, disclose } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'
import { topicResultDue } from '../../../src/domain/transitions'

// Step 4. When the last passed item of a topic has its result, the topic's result is published.
export const publishResult: Handler<typeof contracts.publishResult> = async (input, ctx) => {
  const r = await permitted(contracts.publishResult, input.resolutionId, ctx)
  if (isFailure(r)) return r
  const conflict = await disclose(r, ctx, input.text, input.photos, true)
  if (conflict) return conflict
  await appendEvent(newTopicEvent(r.topic, r.actor, ctx.now, 'resultPublished', `公示「${r.resolution.title}」办理结果`, { resolutionId: r.resolution._id }))
  const siblings = await findAll<Resolution>('resolutions', { topicId: r.topic._id })
  if (topicResultDue(siblings)) {
    const res = await database().collection('topics').where({ _id: r.topic._id, resultPublishedAt: null }).update({ data: { resultPublishedAt: ctx.now } })
    // Recorded a millisecond after the item's own result, so the timeline orders the two as they happened.
    if (res.stats.updated === 1) await appendEvent(newTopicEvent(r.topic, r.actor, new Date(ctx.now.getTime() + 1), 'topicResultPublished', '全部议决事项办结，办理结果公示'))
  }
  await notifyFollowers(r.topic, '已办结', ctx.now)
  return answer(r.resolution._id, ctx)
}
