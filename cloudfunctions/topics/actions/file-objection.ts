import { fail, type Handler } from '../../_shared/router'
import { checkText } from '../../_shared/content-check'
import { database, newId } from '../../_shared/db'
import { notify } from '../../_shared/notify'
import { isFailure, writeWithHistory } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { takeRateLimit } from '../../_shared/rate-limit'
import { permitted, answer } from '../lib'
import { newObjection, newTopicEvent } from '../../../src/domain/records'

export const fileObjection: Handler<typeof contracts.fileObjection> = async (input, ctx) => {
  const c = await permitted(contracts.fileObjection, input.topicId, ctx)
  if (isFailure(c)) return c
  const limited = await takeRateLimit('fileObjection', ctx.openid, c.actor, ctx.now)
  if (limited) return limited
  const verdict = await checkText(input.text, ctx.openid, 2)
  if (verdict === 'risky') return fail('CONTENT_RISKY', '内容含有不当信息，请修改后再提交')
  // A "review" verdict (or an unreachable check) stores the objection held: only its author and staff see it until cleared.
  const objection = {
    ...newObjection({ id: newId('ob'), topic: c.topic, author: c.actor!, noticeRevision: c.topic.notice!.revision, text: input.text, at: ctx.now }),
    heldForReviewAt: verdict === 'review' ? ctx.now : null,
    clearedAt: null,
  }
  const _ = database().command
  await writeWithHistory(async (tx) => {
    await tx.collection('objections').add({ data: objection })
    await tx.collection('topics').doc(c.topic._id).update({ data: { 'counts.objections': _.inc(1), 'counts.unansweredObjections': _.inc(1) } })
    return { result: null, events: [newTopicEvent(c.topic, c.actor, ctx.now, 'objectionFiled', '居民对拟办意见提出异议')] }
  })
  await notify(c.topic.publishedBy, 'statusChanged', { title: c.topic.title, status: '有新异议', at: ctx.now, link: { kind: 'staffTopic', id: c.topic._id } })
  return answer(c.topic._id, ctx)
}
