import { findAll } from '../../_shared/db'
import type { Resolution, Topic } from '../../../src/domain/model'
import type { Handler } from '../../_shared/router'
import { isFailure, readIn } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'
import { permitted, answer, disclose, notifyItemFollowers, appendToReport } from '../lib'
import { newItemEvent, newTopicEvent } from '../../../src/domain/records'
import { topicResultDue } from '../../../src/domain/transitions'
import { holdIn, startMediaChecks } from '../../_shared/media-check'

// Step 4. When the last passed item of a topic has its result, the topic's result is published. A 三单 item (no topic)
// shows its result on its report, where its reporter confirms it (confirmResult).
export const publishResult: Handler<typeof contracts.publishResult> = async (input, ctx) => {
  const r = await permitted(contracts.publishResult, input.resolutionId, ctx)
  if (isFailure(r)) return r
  const event = newItemEvent(r.resolution, r.actor, ctx.now, 'resultPublished', `公示「${r.resolution.title}」办理结果`, { resolutionId: r.resolution._id })
  const topicOf = r.topic
  const siblingIds = topicOf ? (await findAll<Resolution>('resolutions', { topicId: topicOf._id }, { fields: { _id: true } })).map((s) => s._id) : []
  const conflict = await disclose(r, ctx, input.text, input.photos, true, event, async (tx, written) => {
    // The photos are held with the disclosure, and shown to others once the image check passes them.
    await holdIn(tx, 'resolution', written, input.photos)
    await appendToReport(tx, r.report, { at: ctx.now, kind: 'result', text: `办理结果：${input.text}（请确认是否已解决）` })
    if (!topicOf) return []
    // The siblings as committed (read in this transaction), with this item's result.
    const siblings: (Resolution | null)[] = []
    for (const id of siblingIds) siblings.push(id === written._id ? written : await readIn<Resolution>(tx, 'resolutions', id))
    const topic = await readIn<Topic>(tx, 'topics', topicOf._id)
    if (!topic || topic.resultPublishedAt || !topicResultDue(siblings.filter((s): s is Resolution => !!s))) return []
    await tx.collection('topics').doc(topicOf._id).update({ data: { resultPublishedAt: ctx.now } })
    // Recorded a millisecond after the item's own result, so the timeline orders the two as they happened.
    return [newTopicEvent(topicOf, r.actor, new Date(ctx.now.getTime() + 1), 'topicResultPublished', '全部议决事项办结，办理结果公示')]
  })
  if (conflict) return conflict
  await startMediaChecks(input.photos, { kind: 'resolution', id: r.resolution._id, communityId: r.resolution.communityId, openid: ctx.openid, now: ctx.now, scene: 3 })
  await notifyItemFollowers(r, '已办结', ctx.now, { kind: 'result', note: r.resolution.title })
  return answer(r.resolution._id, ctx)
}
