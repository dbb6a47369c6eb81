/**
 * One-time backfills the sweep runs before its clocks (docs/deploy.md "Migrations"). Each is recorded in the
 * `migrations` collection under its own key (not in the sweep's ledger, which holds sends only): after it has finished
 * once a run costs one read; a run that crashed part way leaves it 'running', and the next run takes it over once
 * that is older than CLAIM_STALE_MS and starts it again. Each backfill writes only documents still lacking what it
 * sets, so running it again changes nothing.
 */
import { database, findAll, getDoc, isDuplicate } from '../_shared/db'
import type { EscalationDoc } from '../supervision/lib'
import { CLAIM_STALE_MS } from './sweep'

interface MigrationDoc {
  _id: string
  state: 'running' | 'done'
  startedAt: Date
  doneAt: Date | null
  /** How many documents the finishing run changed. */
  changed: number
}

/** True when this run owns the backfill now: never started, or left running by a run that crashed long enough ago. */
async function start(key: string, now: Date): Promise<boolean> {
  const existing = await getDoc<MigrationDoc>('migrations', key)
  if (!existing) {
    try {
      await database().collection('migrations').add({ data: { _id: key, state: 'running', startedAt: now, doneAt: null, changed: 0 } satisfies MigrationDoc })
      return true
    } catch (err) {
      if (!isDuplicate(err)) throw err
      return false
    }
  }
  if (existing.state === 'done' || now.getTime() - new Date(existing.startedAt).getTime() < CLAIM_STALE_MS) return false
  const taken = await database().collection('migrations').where({ _id: key, state: 'running', startedAt: existing.startedAt }).update({ data: { startedAt: now } })
  return taken.stats.updated === 1
}

/** The key of the supervision reply backfill (version 1) in `migrations`. */
export const SUPERVISION_REPLY_BACKFILL_KEY = 'migration:supervisionReplyPendingDueAt:v1'

/**
 * A 督办 recorded before `supervisionReplyPendingDueAt` existed is invisible to the sweep's supervision clock, which
 * selects by that field. Rule: an escalation whose supervision is unanswered and was never sent to the county office
 * gets the field set to its supervision's reply due date (past or not: an overdue one is then escalated by this same
 * run); an answered or already escalated one is left without it. Escalations are read per community through the
 * community_due index. Each write is conditional on the field still being absent and the answer still missing, so a
 * community answering meanwhile, or a second run, is never overwritten. Answers how many documents it set.
 */
export async function backfillSupervisionReplyPending(): Promise<number> {
  const _ = database().command
  const communities = await findAll<{ _id: string }>('communities', {}, { limit: 100000, fields: { _id: true } })
  let set = 0
  for (const community of communities) {
    const escalations = await findAll<EscalationDoc>('escalations', { communityId: community._id }, { limit: 100000 })
    for (const e of escalations) {
      const s = e.supervision
      if (!s || s.answer || s.overdueEscalatedAt || e.supervisionReplyPendingDueAt !== undefined) continue
      const res = await database()
        .collection('escalations')
        .where({ _id: e._id, 'supervision.answer': null, supervisionReplyPendingDueAt: _.exists(false) })
        .update({ data: { supervisionReplyPendingDueAt: s.replyDueAt } })
      set += res.stats.updated
    }
  }
  return set
}

/** Runs every backfill not yet finished (one today). */
export async function runMigrations(now: Date): Promise<void> {
  if (!(await start(SUPERVISION_REPLY_BACKFILL_KEY, now))) return
  const changed = await backfillSupervisionReplyPending()
  await database().collection('migrations').doc(SUPERVISION_REPLY_BACKFILL_KEY).update({ data: { state: 'done', doneAt: now, changed } })
}
