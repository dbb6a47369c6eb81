import { fail } from '../../_shared/router'
import { loadTopicContext } from '../../_shared/topic-store'
import { decide } from '../../../src/domain/policy'
import type { Handler } from '../../_shared/router'
import type * as contracts from '../../../src/contracts/topics'
import { answer } from '../lib'

export const getTopic: Handler<typeof contracts.getTopic> = async (input, ctx) => {
  const c = await loadTopicContext(input.topicId, ctx)
  if (!c) return fail('NOT_FOUND', '议题不存在')
  // Published topics are public to the community; other communities' residents do not browse them.
  if (!c.actor) return fail('UNAUTHENTICATED', '请先登录')
  if (!decide('followTopic', { ...c.actor, role: 'resident' }, c.subject, ctx.now).allowed && !decide('viewPrivateDetails', c.actor, c.subject, ctx.now).allowed) {
    return fail('OUT_OF_SCOPE', '只能查看本社区的议题')
  }
  return answer(input.topicId, ctx)
}
