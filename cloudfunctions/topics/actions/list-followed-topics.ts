import { fail, ok, type Handler } from '../../_shared/router'
import { database, findAll } from '../../_shared/db'
import { loadActor } from '../../_shared/caller'
import { topicSummary } from '../../_shared/views'
import type { Participation, Topic } from '../../../src/domain/model'
import { inScope } from '../../../src/domain/policy'
import type * as contracts from '../../../src/contracts/topics'

/**
 * 我关注的 (issue 11): the caller's own follows and joins (participations by openid), newest topic first. Only topics
 * the caller may still read are listed (their own community's), so moving community hides the old ones.
 */
export const listFollowedTopics: Handler<typeof contracts.listFollowedTopics> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const page = input ?? { limit: 20, offset: 0 }
  const mine = (await findAll<Participation>('participations', { openid: actor.openid }, { limit: 2000 })).filter((p) => p.followedAt || p.joinedAt)
  const _ = database().command
  const topics: Topic[] = []
  for (let i = 0; i < mine.length; i += 100) {
    topics.push(...(await findAll<Topic>('topics', { _id: _.in(mine.slice(i, i + 100).map((p) => p.topicId)) }, { limit: 100 })))
  }
  const byTopic = new Map(mine.map((p) => [p.topicId, p]))
  const readable = topics
    .filter((t) => inScope(actor, { communityId: t.communityId, townshipId: '' }))
    .sort((a, b) => new Date(b.publishedAt).getTime() - new Date(a.publishedAt).getTime())
  return ok({
    topics: readable.slice(page.offset, page.offset + page.limit).map((t) => ({ topic: topicSummary(t, ctx.now), joined: !!byTopic.get(t._id)?.joinedAt, followed: !!byTopic.get(t._id)?.followedAt })),
  })
}
