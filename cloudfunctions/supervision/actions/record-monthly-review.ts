import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { decided, readIn, writeWithHistory } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/supervision'
import { heldWith, reviewId, reviewView, type MonthlyReviewDoc, type ReviewEntry } from '../reviews'
import { startMediaChecks } from '../../_shared/media-check'

// 一月一问效: the month's record of a community; recording it again keeps the earlier version in `revisions`. Its
// photos go through the image check like a report's: held (shown only to the supervisor and the staff who decide
// them) until the check passes them; a risky one is removed (cloudfunctions/_shared/media-check.ts).
export const recordMonthlyReview: Handler<typeof contracts.recordMonthlyReview> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const community = await loadCommunity(input.communityId)
  if (!community) return fail('NOT_IN_COMMUNITY', '找不到该社区')
  const denied = decided(contracts.recordMonthlyReview, actor, { communityId: community._id, townshipId: community.townshipId }, ctx.now)
  if (denied) return denied
  const entry: ReviewEntry = { evaluation: input.evaluation, notes: input.notes, photos: input.photos, by: actor.openid, byName: actor.displayName, at: ctx.now }
  const id = reviewId(community._id, input.month)
  // Read and replaced in one transaction: two records of the same month both land, the earlier kept as a revision.
  const doc = await writeWithHistory(async (tx) => {
    const existing = await readIn<MonthlyReviewDoc>(tx, 'monthly_reviews', id)
    const heldPhotos = heldWith(existing, input.photos)
    const next: MonthlyReviewDoc = existing
      ? { ...existing, current: entry, revisions: [existing.current, ...existing.revisions], heldPhotos }
      : { _id: id, communityId: community._id, townshipId: community.townshipId, month: input.month, current: entry, revisions: [], heldPhotos }
    if (existing) await tx.collection('monthly_reviews').doc(id).update({ data: { current: next.current, revisions: next.revisions, heldPhotos } })
    else await tx.collection('monthly_reviews').add({ data: next })
    return { result: next, events: [] }
  })
  // Each photo's check is a document keyed by record and file: one already asked (carried over from an earlier
  // version) is not asked again.
  await startMediaChecks(input.photos, { kind: 'review', id, communityId: community._id, openid: ctx.openid, now: ctx.now, scene: 3 })
  return ok({ review: reviewView(community, input.month, doc, actor, ctx.now) })
}
