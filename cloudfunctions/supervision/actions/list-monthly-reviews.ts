import { fail, ok, type Handler } from '../../_shared/router'
import { database, findAll } from '../../_shared/db'
import { loadActor } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/supervision'
import { communitiesInReach } from '../lib'
import { reviewId, reviewView, type MonthlyReviewDoc } from '../reviews'

// Every community in reach for the month, with its record or none yet (the township sees which are still to do).
export const listMonthlyReviews: Handler<typeof contracts.listMonthlyReviews> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const denied = decided(contracts.listMonthlyReviews, actor, { communityId: actor.communityId ?? '', townshipId: actor.townshipId ?? '' }, ctx.now)
  if (denied) return denied
  const communities = (await communitiesInReach(actor)).filter((c) => !c.retiredAt)
  const ids = communities.map((c) => reviewId(c._id, input.month))
  const docs = new Map<string, MonthlyReviewDoc>()
  for (let i = 0; i < ids.length; i += 500) {
    for (const d of await findAll<MonthlyReviewDoc>('monthly_reviews', { _id: database().command.in(ids.slice(i, i + 500)) })) docs.set(d._id, d)
  }
  return ok({ month: input.month, reviews: communities.map((c) => reviewView(c, input.month, docs.get(reviewId(c._id, input.month)) ?? null, actor, ctx.now)) })
}
