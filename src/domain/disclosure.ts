import { deadlineAfter } from './calendar'
import type { CommunitySettings, Resolution, Vote } from './model'

/**
 * The disclosure clock. Seed 002: "议事结束公示议决事项，定人限时开展议定事项办理，7日内公示办理情况". Read as: once the
 * proposal notice closes, each decided item owes a public progress disclosure within `disclosurePeriodDays` (7)
 * Beijing calendar days, and again within that period after every disclosure, until its final result is published.
 */
export function firstDisclosureDueAt(noticeClosesAt: Date, settings: Pick<CommunitySettings, 'disclosurePeriodDays'>): Date {
  return deadlineAfter(noticeClosesAt, settings.disclosurePeriodDays)
}

export function nextDisclosureDueAt(disclosedAt: Date, settings: Pick<CommunitySettings, 'disclosurePeriodDays'>): Date {
  return deadlineAfter(disclosedAt, settings.disclosurePeriodDays)
}

/** A rating of 2 or less owes a public reply by the end of the Beijing day `lowRatingReplyDays` after it. */
export const LOW_RATING_MAX_STARS = 2
export function ratingReplyDueAt(stars: number, ratedAt: Date, settings: Pick<CommunitySettings, 'lowRatingReplyDays'>): Date | null {
  return stars <= LOW_RATING_MAX_STARS ? deadlineAfter(ratedAt, settings.lowRatingReplyDays) : null
}

/**
 * The meeting's votes count only when enough invited households attend (quorum); an item passes with more votes for
 * than half of the votes cast.
 */
export function quorumMet(attendance: { households: number; invitedHouseholds: number }, quorumRatio: number): boolean {
  // Round off binary floating-point noise first: 100 × 0.55 is 55.00000000000001, whose ceiling would demand 56.
  const required = Math.ceil(Math.round(attendance.invitedHouseholds * quorumRatio * 1e9) / 1e9)
  return attendance.invitedHouseholds > 0 && attendance.households >= required
}
export function votePasses(vote: Vote): boolean {
  const cast = vote.for + vote.against + vote.abstain
  return cast > 0 && vote.for * 2 > cast
}

/** On-time means published no later than the deadline it answered. */
export function disclosureOnTime(d: { at: Date; dueAt: Date }): boolean {
  return d.at.getTime() <= d.dueAt.getTime()
}

export function averageRating(r: Pick<Resolution, 'ratingCount' | 'ratingSum'>): number | null {
  return r.ratingCount ? Math.round((r.ratingSum / r.ratingCount) * 10) / 10 : null
}
