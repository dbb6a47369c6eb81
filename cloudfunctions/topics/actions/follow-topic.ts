import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { permitted, answer, changeParticipation } from '../lib'

export const followTopic: Handler<typeof contracts.followTopic> = async (input, ctx) => {
  const c = await permitted(contracts.followTopic, input.topicId, ctx)
  if (isFailure(c)) return c
  await changeParticipation(c.topic, c.actor!, ctx.now, { followedAt: input.follow ? ctx.now : null }, (before) =>
    !!before?.followedAt === input.follow
      ? { counts: {}, event: null }
      : { counts: { followed: input.follow ? 1 : -1 }, event: input.follow ? ['followed', '一位居民关注了议题'] : ['unfollowed', '一位居民取消关注'] },
  )
  return answer(c.topic._id, ctx)
}
