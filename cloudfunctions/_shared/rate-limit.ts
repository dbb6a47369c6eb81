import { database, isDuplicate } from './db'
import { opaqueId } from './opaque-id'
import type { Failure } from './router'
import type { Actor } from '../../src/domain/model'
import { RESIDENTS } from '../../src/domain/policy'
import { RATE_LIMITS, rateWindow, type RateLimitedAction } from '../../src/domain/rate-limits'

/**
 * Takes one call from the caller's allowance for `action` in the current fixed window (src/domain/rate-limits.ts), or
 * refuses with RATE_LIMITED and the seconds until the window resets. The counter lives in the server-only collection
 * `rate_limits`, one document per (action, caller, window) under an opaque id; taking a call is one conditional
 * increment (count < limit), so racing calls never overrun the limit. Staff roles are not limited.
 */
export async function takeRateLimit(action: RateLimitedAction, openid: string, actor: Actor | null, now: Date): Promise<Failure<'RATE_LIMITED'> | null> {
  if (actor && !(RESIDENTS as readonly string[]).includes(actor.role)) return null
  const { limit, windowSeconds } = RATE_LIMITS[action]
  const window = rateWindow(now, windowSeconds)
  const id = opaqueId('rl', action, openid, String(window.start.getTime()))
  const counters = database().collection('rate_limits')
  const _ = database().command
  const increment = async () => (await counters.where({ _id: id, count: _.lt(limit) }).update({ data: { count: _.inc(1) } })).stats.updated === 1
  if (await increment()) return null
  try {
    // The first call of the window creates its counter (kept a day past the window, for cleanup by expiresAt).
    await counters.add({ data: { _id: id, action, windowStart: window.start, count: 1, expiresAt: new Date(window.start.getTime() + windowSeconds * 1000 + 86400_000) } })
    return null
  } catch (err) {
    if (!isDuplicate(err)) throw err
    // Another call created it meanwhile: take from it, or the window is used up.
    if (await increment()) return null
  }
  return {
    ok: false,
    error: { code: 'RATE_LIMITED', message: `操作过于频繁，请 ${Math.ceil(window.retryAfterSeconds / 60)} 分钟后再试`, retryAfterSeconds: window.retryAfterSeconds },
  }
}
