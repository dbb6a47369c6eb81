import { RATE_LIMITS, rateWindow } from '../../src/domain/rate-limits'

describe('rate limits', () => {
  test('the configured limits (issue 9 §4)', () => {
    expect(RATE_LIMITS.submitReport).toEqual({ limit: 10, windowSeconds: 3600 })
    expect(RATE_LIMITS.postOpinion).toEqual({ limit: 30, windowSeconds: 3600 })
    expect(RATE_LIMITS.fileObjection).toEqual({ limit: 30, windowSeconds: 3600 })
    expect(RATE_LIMITS.redeemInvitation).toEqual({ limit: 10, windowSeconds: 3600 })
  })

  test('staff triage actions are not limited', () => {
    for (const action of ['clearReport', 'triageReport', 'attachReport', 'clearObjection', 'answerObjection', 'publishTopic']) expect(RATE_LIMITS).not.toHaveProperty(action)
  })

  test.each([
    ['2026-03-10T10:00:00.000Z', '2026-03-10T10:00:00.000Z', 3600],
    ['2026-03-10T10:00:00.001Z', '2026-03-10T10:00:00.000Z', 3600],
    ['2026-03-10T10:59:59.000Z', '2026-03-10T10:00:00.000Z', 1],
    ['2026-03-10T10:59:59.999Z', '2026-03-10T10:00:00.000Z', 1],
    ['2026-03-10T10:30:00.000Z', '2026-03-10T10:00:00.000Z', 1800],
  ])('at %s the hour window starts %s and resets in %d s', (now, start, retry) => {
    const w = rateWindow(new Date(now), 3600)
    expect(w.start.toISOString()).toBe(start)
    expect(w.retryAfterSeconds).toBe(retry)
  })
})
