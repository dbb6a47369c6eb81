import { fail, type Handler } from '../../_shared/router'
import { checkText } from '../../_shared/content-check'
import { database, newId } from '../../_shared/db'
import { isFailure, writeWithHistory } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { takeRateLimit } from '../../_shared/rate-limit'
import { permitted, answer } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'

export const postOpinion: Handler<typeof contracts.postOpinion> = async (input, ctx) => {
  const c = await permitted(contracts.postOpinion, input.topicId, ctx)
  if (isFailure(c)) return c
  const limited = await takeRateLimit('postOpinion', ctx.openid, c.actor, ctx.now)
  if (limited) return limited
  const verdict = await checkText(input.text, ctx.openid, 2)
  if (verdict === 'risky') return fail('CONTENT_RISKY', '内容含有不当信息，请修改后再发表')
  if (verdict === 'review') return fail('CONTENT_RISKY', '内容需要人工审核，暂不能公开发表，请修改后再试')
  await writeWithHistory(async (tx) => {
    await tx.collection('opinions').add({
      data: { _id: newId('op'), topicId: c.topic._id, communityId: c.topic.communityId, openid: ctx.openid, authorName: c.actor!.displayName, text: input.text, at: ctx.now },
    })
    await tx.collection('topics').doc(c.topic._id).update({ data: { 'counts.opinions': database().command.inc(1) } })
    return { result: null, events: [newTopicEvent(c.topic, c.actor, ctx.now, 'opinionPosted', '一位居民发表了意见')] }
  })
  return answer(c.topic._id, ctx)
}
