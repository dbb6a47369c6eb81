import { fail, type Handler } from '../../_shared/router'
import { loadTopicContext } from '../../_shared/topic-store'
import { decided } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { answer } from '../lib'

export const getTopic: Handler<typeof contracts.getTopic> = async (input, ctx) => {
  const c = await loadTopicContext(input.topicId, ctx)
  if (!c) return fail('NOT_FOUND', '议题不存在')
  // Published topics are public to the community; other communities' residents do not browse them (ACTION_RULES.getTopic).
  const denied = decided(contracts.getTopic, c.actor, c.subject, ctx.now)
  if (denied) return denied
  return answer(input.topicId, ctx)
}
