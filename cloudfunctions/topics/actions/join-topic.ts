import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { permitted, answer, changeParticipation } from '../lib'

export const joinTopic: Handler<typeof contracts.joinTopic> = async (input, ctx) => {
  const c = await permitted(contracts.joinTopic, input.topicId, ctx)
  if (isFailure(c)) return c
  // Joining also follows; each is counted once however often the resident taps.
  await changeParticipation(c.topic, c.actor!, ctx.now, { joinedAt: ctx.now, followedAt: ctx.now }, (before) => ({
    counts: { joined: before?.joinedAt ? 0 : 1, followed: before?.followedAt ? 0 : 1 },
    event: before?.joinedAt ? null : ['joined', '一位居民报名参加议事'],
  }))
  return answer(c.topic._id, ctx)
}
