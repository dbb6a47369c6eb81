import { fail, ok, type Handler } from '../../_shared/router'
import { findAll } from '../../_shared/db'
import { loadActor } from '../../_shared/caller'
import { topicSummary } from '../../_shared/views'
import type { Topic } from '../../../src/domain/model'
import { topicStage } from '../../../src/domain/stages'
import type * as contracts from '../../../src/contracts/topics'

export const listTopics: Handler<typeof contracts.listTopics> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  // A known caller without a community of their own (township, county) is not unauthenticated: out of scope.
  if (!actor.communityId) return fail('OUT_OF_SCOPE', '只能查看本社区的议题')
  const page = input ?? { limit: 20, offset: 0 }
  const all = await findAll<Topic>('topics', { communityId: actor.communityId }, { orderBy: ['publishedAt', 'desc'], limit: 2000 })
  const filtered = input?.stage ? all.filter((t) => topicStage(t, ctx.now) === input.stage) : all
  return ok({ topics: filtered.slice(page.offset, page.offset + page.limit).map((t) => topicSummary(t, ctx.now)) })
}
