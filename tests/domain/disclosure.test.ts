import {
  averageRating,
  disclosureOnTime,
  firstDisclosureDueAt,
  nextDisclosureDueAt,
  quorumMet,
  ratingReplyDueAt,
  votePasses,
} from '../../src/domain/disclosure'
import { DEFAULT_SETTINGS } from '../../src/domain/model'
import { at, plusMs } from './fixtures'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

test('defaults: 7-day disclosure period, 3 days to answer a low rating, half the households for quorum', () => {
  expect(DEFAULT_SETTINGS.disclosurePeriodDays).toBe(7)
  expect(DEFAULT_SETTINGS.lowRatingReplyDays).toBe(3)
  expect(DEFAULT_SETTINGS.quorumRatio).toBe(0.5)
})

describe('first progress disclosure: within N Beijing days after the notice closes', () => {
  test.each([
    ['closes end of Mar 3 → end of Mar 10', '2026-03-03T15:59:59.999Z', 7, '2026-03-10T15:59:59.999Z'],
    ['closes at 00:00 Beijing Mar 3 → still end of Mar 10', '2026-03-02T16:00:00.000Z', 7, '2026-03-10T15:59:59.999Z'],
    ['closes end of Dec 28 → end of Jan 4', '2026-12-28T15:59:59.999Z', 7, '2027-01-04T15:59:59.999Z'],
    ['closes end of Feb 25 2028 (leap) → Mar 3', '2028-02-25T15:59:59.999Z', 7, '2028-03-03T15:59:59.999Z'],
    ['configurable: 3 days', '2026-03-03T15:59:59.999Z', 3, '2026-03-06T15:59:59.999Z'],
    ['configurable: 14 days', '2026-03-03T15:59:59.999Z', 14, '2026-03-17T15:59:59.999Z'],
  ])('%s', (_name, closes, days, expected) => {
    expect(iso(firstDisclosureDueAt(at(closes), { disclosurePeriodDays: days }))).toBe(expected)
  })
})

describe('next progress disclosure: within N Beijing days after the last one', () => {
  test.each([
    ['disclosed Beijing Mar 9 10:00 → end of Mar 16', '2026-03-09T02:00:00.000Z', 7, '2026-03-16T15:59:59.999Z'],
    ['disclosed Beijing Mar 10 01:00 (UTC still Mar 9) → end of Mar 17', '2026-03-09T17:00:00.000Z', 7, '2026-03-17T15:59:59.999Z'],
    ['disclosed Beijing Mar 9 23:59:59.999 → end of Mar 16', '2026-03-09T15:59:59.999Z', 7, '2026-03-16T15:59:59.999Z'],
    ['configurable: 10 days', '2026-03-09T02:00:00.000Z', 10, '2026-03-19T15:59:59.999Z'],
  ])('%s', (_name, disclosed, days, expected) => {
    expect(iso(nextDisclosureDueAt(at(disclosed), { disclosurePeriodDays: days }))).toBe(expected)
  })
})

describe('a rating owes a public reply only at 2 stars or less', () => {
  const RATED = at('2026-04-01T17:00:00.000Z') // Beijing Apr 2 01:00
  test.each([
    [1, '2026-04-05T15:59:59.999Z'],
    [2, '2026-04-05T15:59:59.999Z'],
    [3, null],
    [4, null],
    [5, null],
  ])('%i stars → %s', (stars, expected) => {
    expect(iso(ratingReplyDueAt(stars, RATED, { lowRatingReplyDays: 3 }))).toBe(expected)
  })
  test('the reply window is configurable', () => {
    expect(iso(ratingReplyDueAt(1, RATED, { lowRatingReplyDays: 1 }))).toBe('2026-04-03T15:59:59.999Z')
  })
})

describe('quorum: at least ceil(invited × ratio) households attend', () => {
  test.each([
    [0, 0, 0.5, false], // nobody invited: no valid meeting
    [5, 0, 0.5, false],
    [5, 10, 0.5, true],
    [4, 10, 0.5, false],
    [6, 11, 0.5, true], // ceil(5.5) = 6
    [5, 11, 0.5, false],
    [1, 1, 0.5, true],
    [0, 1, 0.5, false],
    [3, 9, 1 / 3, true],
    [2, 9, 1 / 3, false],
    [7, 10, 0.7, true],
    [6, 10, 0.7, false],
    [10, 10, 1, true],
    [9, 10, 1, false],
    [67, 100, 2 / 3, true], // ceil(66.67) = 67
    [66, 100, 2 / 3, false],
    // Products that are whole numbers but not exact in binary floating point: 100 × 0.55 = 55.00000000000001.
    [55, 100, 0.55, true],
    [54, 100, 0.55, false],
    [7, 100, 0.07, true],
    [14, 50, 0.28, true],
    [13, 50, 0.28, false],
    [7, 25, 0.28, true],
  ])('%i of %i households at ratio %d → %s', (households, invitedHouseholds, ratio, expected) => {
    expect(quorumMet({ households, invitedHouseholds }, ratio)).toBe(expected)
  })
})

describe('a vote passes with a strict majority of the votes cast (abstentions are cast)', () => {
  test.each([
    [0, 0, 0, false], // no votes: fails
    [0, 0, 3, false],
    [1, 0, 0, true],
    [0, 1, 0, false],
    [2, 2, 0, false], // a tie fails
    [3, 2, 0, true],
    [2, 1, 1, false], // exactly half of 4 cast
    [3, 1, 1, true],
    [5, 4, 0, true],
    [4, 0, 5, false],
    [5, 0, 4, true],
  ])('for %i, against %i, abstain %i → %s', (f, against, abstain, expected) => {
    expect(votePasses({ for: f, against, abstain })).toBe(expected)
  })
})

describe('disclosureOnTime and averageRating', () => {
  const due = at('2026-03-10T15:59:59.999Z')
  test.each([
    [plusMs(due, -86_400_000), true],
    [due, true],
    [plusMs(due, 1), false],
  ])('disclosed at %s → on time %s', (when, expected) => {
    expect(disclosureOnTime({ at: when, dueAt: due })).toBe(expected)
  })
  test.each([
    [0, 0, null],
    [1, 5, 5],
    [3, 13, 4.3],
    [2, 9, 4.5],
    [3, 10, 3.3],
    [6, 11, 1.8],
  ])('%i ratings summing to %i → %s', (ratingCount, ratingSum, expected) => {
    expect(averageRating({ ratingCount, ratingSum })).toBe(expected)
  })
})
