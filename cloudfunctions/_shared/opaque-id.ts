import crypto from 'node:crypto'

/**
 * Ids that are public (they appear in views and in requests) never carry an openid: an id derived from private parts
 * is their HMAC under a per-environment secret (`ID_SECRET` in the function's environment variables; the local
 * default is not a secret). The same parts always give the same id, so a retried write finds its first attempt.
 */
export function opaqueId(prefix: string, ...parts: string[]): string {
  const secret = process.env.ID_SECRET || 'jiayuan-yishi-local-id-secret'
  return `${prefix}_${crypto.createHmac('sha256', secret).update(parts.join('\u0000')).digest('hex').slice(0, 24)}`
}

/** One rating per resident per item: its id, without the rater's openid. */
export const ratingId = (resolutionId: string, raterOpenid: string): string => opaqueId('rt', resolutionId, raterOpenid)

/** One 我也遇到 per resident per report: its id, without the resident's openid. */
export const meTooId = (reportId: string, openid: string): string => opaqueId('mt', reportId, openid)
