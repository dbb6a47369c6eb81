import { appendEvent } from '../../_shared/history'
import { database } from '../../_shared/db'
import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { permitted, answer, setParticipation } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'

export const followTopic: Handler<typeof contracts.followTopic> = async (input, ctx) => {
  const c = await permitted(contracts.followTopic, input.topicId, ctx)
  if (isFailure(c)) return c
  const before = await setParticipation(c.topic, c.actor!.openid, { followedAt: input.follow ? ctx.now : null })
  const was = !!before?.followedAt
  if (was !== input.follow) {
    await database().collection('topics').doc(c.topic._id).update({ data: { 'counts.followed': database().command.inc(input.follow ? 1 : -1) } })
    await appendEvent(newTopicEvent(c.topic, c.actor, ctx.now, input.follow ? 'followed' : 'unfollowed', input.follow ? '一位居民关注了议题' : '一位居民取消关注'))
  }
  return answer(c.topic._id, ctx)
}
