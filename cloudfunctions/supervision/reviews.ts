/** 一月一问效 records (collection monthly_reviews): one document per community per month, earlier versions kept in it. */
import { pairId } from '../_shared/db'
import type { Actor, Community } from '../../src/domain/model'
import { allowedActions, decide } from '../../src/domain/policy'
import { photosFor } from '../_shared/views'
import type { OutputOf } from '../../src/contracts/action'
import type * as contracts from '../../src/contracts/supervision'

export type Evaluation = 'excellent' | 'good' | 'fair' | 'poor'
export const EVALUATION_LABELS: Record<Evaluation, string> = { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' }

export interface ReviewEntry {
  evaluation: Evaluation
  notes: string
  photos: string[]
  by: string
  byName: string
  at: Date
}
export interface MonthlyReviewDoc {
  _id: string
  communityId: string
  townshipId: string
  month: string
  current: ReviewEntry
  /** Earlier versions, newest first. */
  revisions: ReviewEntry[]
  /** Photos still awaiting the image check or staff review (cloudfunctions/_shared/media-check.ts); absent on older records. */
  heldPhotos?: string[]
}

/**
 * The photos a new version holds: those still held, and those no version of the record carried before (each is sent
 * to the image check). A photo an earlier version carried and that passed its check stays public when carried again.
 */
export function heldWith(existing: MonthlyReviewDoc | null, photos: readonly string[]): string[] {
  const known = new Set([...(existing ? [existing.current, ...existing.revisions] : []).flatMap((e) => e.photos)])
  return [...new Set([...(existing?.heldPhotos ?? []), ...photos.filter((p) => !known.has(p))])]
}

/** One per community per month: the id is made of both, so a second record of the month finds the first. */
export const reviewId = (communityId: string, month: string) => pairId('mr', communityId, month)

type View = OutputOf<typeof contracts.listMonthlyReviews>['reviews'][number]

/**
 * A held photo (still under the image check, or waiting for staff review) is shown, as 审核中, only to the supervisor
 * who recorded that version and to those who may decide it (ACTION_RULES.clearMedia: the township's supervisors and
 * the county office, not the community under review); everyone else sees only the photos that passed.
 */
export function reviewView(community: Community, month: string, doc: MonthlyReviewDoc | null, actor: Actor, now: Date): View {
  const decidesPhotos = decide('clearMedia', actor, { communityId: community._id, townshipId: community.townshipId, gridId: null, media: { status: 'review', subject: 'review' } }, now).allowed
  const entryView = (e: ReviewEntry) => ({
    evaluation: e.evaluation,
    evaluationLabel: EVALUATION_LABELS[e.evaluation],
    notes: e.notes,
    ...photosFor(e.photos, doc?.heldPhotos, decidesPhotos || e.by === actor.openid),
    byName: e.byName,
    at: new Date(e.at).toISOString(),
  })
  return {
    communityId: community._id,
    communityName: community.name,
    month,
    review: doc ? entryView(doc.current) : null,
    revisions: (doc?.revisions ?? []).map(entryView),
    allowedActions: allowedActions(actor, { communityId: community._id, townshipId: community.townshipId }, now, ['recordMonthlyReview']),
  }
}
