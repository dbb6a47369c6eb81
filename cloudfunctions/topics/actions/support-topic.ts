import { appendEvent } from '../../_shared/history'
import { database } from '../../_shared/db'
import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { permitted, answer, setParticipation } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'

export const supportTopic: Handler<typeof contracts.supportTopic> = async (input, ctx) => {
  const c = await permitted(contracts.supportTopic, input.topicId, ctx)
  if (isFailure(c)) return c
  const before = await setParticipation(c.topic, c.actor!.openid, { stance: input.stance })
  const previous = before?.stance ?? null
  if (previous !== input.stance) {
    const _ = database().command
    const data: Record<string, unknown> = { [`counts.${input.stance}`]: _.inc(1) }
    if (previous) data[`counts.${previous}`] = _.inc(-1)
    await database().collection('topics').doc(c.topic._id).update({ data })
    const word = input.stance === 'support' ? '支持' : '反对'
    await appendEvent(newTopicEvent(c.topic, c.actor, ctx.now, 'stance', previous ? `一位居民改为${word}` : `一位居民表示${word}`, { stance: input.stance }))
  }
  return answer(c.topic._id, ctx)
}
