import { appendEvent } from '../../_shared/history'
import { database } from '../../_shared/db'
import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { permitted, answer, setParticipation } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'

export const joinTopic: Handler<typeof contracts.joinTopic> = async (input, ctx) => {
  const c = await permitted(contracts.joinTopic, input.topicId, ctx)
  if (isFailure(c)) return c
  const before = await setParticipation(c.topic, c.actor!.openid, { joinedAt: ctx.now, followedAt: ctx.now })
  const _ = database().command
  const inc: Record<string, unknown> = {}
  if (!before?.joinedAt) inc['counts.joined'] = _.inc(1)
  if (!before?.followedAt) inc['counts.followed'] = _.inc(1)
  if (Object.keys(inc).length) {
    await database().collection('topics').doc(c.topic._id).update({ data: inc })
    if (!before?.joinedAt) await appendEvent(newTopicEvent(c.topic, c.actor, ctx.now, 'joined', '一位居民报名参加议事'))
  }
  return answer(c.topic._id, ctx)
}
