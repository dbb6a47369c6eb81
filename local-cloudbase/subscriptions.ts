import path from 'node:path'
import Database from 'better-sqlite3'

/**
 * What WeChat keeps on its side about subscription messages, locally: each acceptance in requestSubscribeMessage
 * grants one send of that template to that user (a one-time subscription); a long-term subscription (政务民生 and a
 * few other categories, after approval) is granted once and never runs out. subscribeMessage.send spends a grant or
 * is refused with 43101. In production the mini-program's wx.requestSubscribeMessage records the grant with WeChat;
 * locally the H5 client's stand-in and tests record it through POST /_local/subscriptions.
 */
export interface SubscriptionGrants {
  /** Records acceptances: each template id in the list gains one send (or becomes long-term). */
  grant(openid: string, templateIds: readonly string[], options?: { longTerm?: boolean; count?: number }): void
  /** Spends one send of the template for the user; false when none is left (WeChat's 43101). */
  spend(openid: string, templateId: string): boolean
  /** The user's grants by template id: remaining one-time sends, or 'long-term'. */
  of(openid: string): Record<string, number | 'long-term'>
  close(): void
}

export function createSubscriptionGrants(dataDir: string): SubscriptionGrants {
  const db = new Database(path.join(dataDir, 'subscriptions.sqlite'))
  db.pragma('journal_mode = WAL')
  db.exec(
    'CREATE TABLE IF NOT EXISTS grants (openid TEXT NOT NULL, template_id TEXT NOT NULL, remaining INTEGER NOT NULL DEFAULT 0, long_term INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (openid, template_id))',
  )
  const add = db.prepare(
    'INSERT INTO grants (openid, template_id, remaining, long_term) VALUES (?, ?, ?, ?) ON CONFLICT (openid, template_id) DO UPDATE SET remaining = remaining + excluded.remaining, long_term = MAX(long_term, excluded.long_term)',
  )
  const take = db.prepare('UPDATE grants SET remaining = remaining - 1 WHERE openid = ? AND template_id = ? AND long_term = 0 AND remaining > 0')
  const longTerm = db.prepare('SELECT 1 FROM grants WHERE openid = ? AND template_id = ? AND long_term = 1')
  const byUser = db.prepare('SELECT template_id, remaining, long_term FROM grants WHERE openid = ?')
  return {
    grant(openid, templateIds, options = {}) {
      const count = Math.max(1, Math.floor(options.count ?? 1))
      const run = db.transaction(() => {
        for (const id of new Set(templateIds)) add.run(openid, id, options.longTerm ? 0 : count, options.longTerm ? 1 : 0)
      })
      run()
    },
    spend(openid, templateId) {
      if (longTerm.get(openid, templateId)) return true
      return take.run(openid, templateId).changes === 1
    },
    of(openid) {
      const out: Record<string, number | 'long-term'> = {}
      for (const r of byUser.all(openid) as { template_id: string; remaining: number; long_term: number }[]) out[r.template_id] = r.long_term ? 'long-term' : r.remaining
      return out
    },
    close() {
      if (db.open) db.close()
    },
  }
}
