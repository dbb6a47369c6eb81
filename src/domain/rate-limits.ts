/**
 * Per-user rate limits, enforced inside the cloud functions (production has no gateway in front of them): the one
 * place they are configured. Fixed windows: a window starts at a multiple of its length (UTC epoch), so every call in
 * it counts against one counter, and the counter starts again at the next window.
 *
 * Only what residents publish or try is limited; staff triage (clearReport, triageReport, attachReport, …) is not in
 * the table, and staff roles are not limited where they share an action with residents (a grid worker's reports).
 */
export interface RateLimit {
  /** Calls allowed per window. */
  limit: number
  windowSeconds: number
}

const HOUR = 3600

export const RATE_LIMITS = {
  submitReport: { limit: 10, windowSeconds: HOUR },
  postOpinion: { limit: 30, windowSeconds: HOUR },
  fileObjection: { limit: 30, windowSeconds: HOUR },
  // Per openid, whether the code was right or not: guessing codes is the attack.
  redeemInvitation: { limit: 10, windowSeconds: HOUR },
  meTooReport: { limit: 60, windowSeconds: HOUR },
} as const satisfies Record<string, RateLimit>

export type RateLimitedAction = keyof typeof RATE_LIMITS

/** The fixed window `now` falls in: its start, and the seconds until the next one starts (at least 1). */
export function rateWindow(now: Date, windowSeconds: number): { start: Date; retryAfterSeconds: number } {
  const ms = windowSeconds * 1000
  const start = Math.floor(now.getTime() / ms) * ms
  return { start: new Date(start), retryAfterSeconds: Math.max(1, Math.ceil((start + ms - now.getTime()) / 1000)) }
}
