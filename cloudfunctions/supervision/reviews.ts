/** 一月一问效 records (collection monthly_reviews): one document per community per month, earlier versions kept in it. */
import { pairId } from '../_shared/db'
import type { Actor, Community } from '../../src/domain/model'
import { allowedActions } from '../../src/domain/policy'
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
}

/** One per community per month: the id is made of both, so a second record of the month finds the first. */
export const reviewId = (communityId: string, month: string) => pairId('mr', communityId, month)

type View = OutputOf<typeof contracts.listMonthlyReviews>['reviews'][number]
const entryView = (e: ReviewEntry) => ({ evaluation: e.evaluation, evaluationLabel: EVALUATION_LABELS[e.evaluation], notes: e.notes, photos: e.photos, byName: e.byName, at: new Date(e.at).toISOString() })

export function reviewView(community: Community, month: string, doc: MonthlyReviewDoc | null, actor: Actor, now: Date): View {
  return {
    communityId: community._id,
    communityName: community.name,
    month,
    review: doc ? entryView(doc.current) : null,
    revisions: (doc?.revisions ?? []).map(entryView),
    allowedActions: allowedActions(actor, { communityId: community._id, townshipId: community.townshipId }, now, ['recordMonthlyReview']),
  }
}
