/**
 * A fresh idempotency key for one form or draft: the server turns the same key into the same record on a retry.
 * Time plus randomness, base 36: unique per device in practice, and within the contracts' [A-Za-z0-9_-]{8,64}.
 */
export function newRequestId(now: number = Date.now(), random: () => number = Math.random): string {
  let rand = ''
  while (rand.length < 12) rand += Math.floor(random() * 36).toString(36)
  return `r${now.toString(36)}${rand}`
}
