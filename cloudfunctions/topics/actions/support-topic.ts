import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { permitted, answer, changeParticipation } from '../lib'

export const supportTopic: Handler<typeof contracts.supportTopic> = async (input, ctx) => {
  const c = await permitted(contracts.supportTopic, input.topicId, ctx)
  if (isFailure(c)) return c
  // A changed stance moves one count from the old side to the new.
  await changeParticipation(c.topic, c.actor!, ctx.now, { stance: input.stance }, (before) => {
    const previous = before?.stance ?? null
    if (previous === input.stance) return { counts: {}, event: null }
    const word = input.stance === 'support' ? '支持' : '反对'
    return {
      counts: { [input.stance]: 1, ...(previous ? { [previous]: -1 } : {}) },
      event: ['stance', previous ? `一位居民改为${word}` : `一位居民表示${word}`, { stance: input.stance }],
    }
  })
  return answer(c.topic._id, ctx)
}
