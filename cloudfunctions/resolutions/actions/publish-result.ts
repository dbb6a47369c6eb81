import { findAll } from '../../_shared/db'
import { notifyFollowers } from '../../_shared/topic-store'
import type { Resolution, Topic } from '../../../src/domain/model'
import type { Handler } from '../../_shared/router'
import { isFailure, readIn } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'
import { permitted, answer, disclose } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'
import { topicResultDue } from '../../../src/domain/transitions'
import { holdIn, startMediaChecks } from '../../_shared/media-check'

// Step 4. When the last passed item of a topic has its result, the topic's result is published.
export const publishResult: Handler<typeof contracts.publishResult> = async (input, ctx) => {
  const r = await permitted(contracts.publishResult, input.resolutionId, ctx)
  if (isFailure(r)) return r
  const event = newTopicEvent(r.topic, r.actor, ctx.now, 'resultPublished', `公示「${r.resolution.title}」办理结果`, { resolutionId: r.resolution._id })
  const siblingIds = (await findAll<Resolution>('resolutions', { topicId: r.topic._id }, { fields: { _id: true } })).map((s) => s._id)
  const conflict = await disclose(r, ctx, input.text, input.photos, true, event, async (tx, written) => {
    // The photos are held with the disclosure, and shown to others once the image check passes them.
    await holdIn(tx, 'resolution', written, input.photos)
    // The siblings as committed (read in this transaction), with this item's result.
    const siblings: (Resolution | null)[] = []
    for (const id of siblingIds) siblings.push(id === written._id ? written : await readIn<Resolution>(tx, 'resolutions', id))
    const topic = await readIn<Topic>(tx, 'topics', r.topic._id)
    if (!topic || topic.resultPublishedAt || !topicResultDue(siblings.filter((s): s is Resolution => !!s))) return []
    await tx.collection('topics').doc(r.topic._id).update({ data: { resultPublishedAt: ctx.now } })
    // Recorded a millisecond after the item's own result, so the timeline orders the two as they happened.
    return [newTopicEvent(r.topic, r.actor, new Date(ctx.now.getTime() + 1), 'topicResultPublished', '全部议决事项办结，办理结果公示')]
  })
  if (conflict) return conflict
  await startMediaChecks(input.photos, { kind: 'resolution', id: r.resolution._id, communityId: r.resolution.communityId, openid: ctx.openid, now: ctx.now, scene: 3 })
  await notifyFollowers(r.topic, '已办结', ctx.now, { kind: 'result', note: r.resolution.title })
  return answer(r.resolution._id, ctx)
}
