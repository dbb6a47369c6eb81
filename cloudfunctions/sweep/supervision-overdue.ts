/**
 * Issue 12: a 督办 (the township's supervision of an escalation) the community has not answered by its reply due date
 * goes to the county office, once. The sweep selects through the escalations' supervision_reply_pending index
 * (`supervisionReplyPendingDueAt`: set when the township supervises, null once answered or escalated), so its cost
 * follows the supervisions overdue, not all escalations; each send is claimed in the ledger like the other clocks.
 */
import { database, findAll } from '../_shared/db'
import { notify } from '../_shared/notify'
import { plannedSupervisionEscalations, supervisionOverdueText, type PlannedSupervisionEscalation, type SweepSupervision } from '../../src/domain/reminders'
import type { ItemLink } from '../../src/contracts/messages'
import { claim, type SweepResult } from './sweep'

type Pending = SweepSupervision & { supervision: NonNullable<SweepSupervision['supervision']> & { by: string } }

const linkOf = (p: PlannedSupervisionEscalation): ItemLink => (p.topicId ? { kind: 'staffTopic', id: p.topicId } : { kind: 'staffItem', id: p.resolutionId })

/** Tells the county office and the supervisor who issued the 督办, stamps the escalation and leaves the sweep's window. */
async function deliver(p: PlannedSupervisionEscalation, issuedBy: string, now: Date): Promise<void> {
  const text = supervisionOverdueText(p)
  const county = await findAll<{ openid: string }>('users', { role: 'county_office' }, { limit: 50 })
  for (const openid of new Set([...county.map((u) => u.openid), issuedBy])) {
    await notify(openid, 'deadline', { title: p.text, status: '督办未回复', note: text, at: p.replyDueAt, link: linkOf(p) })
  }
  await database().collection('escalations').doc(p.escalationId).update({ data: { 'supervision.overdueEscalatedAt': now, supervisionReplyPendingDueAt: null } })
}

/** Adds its sends to the run's counts: planned, escalated, and skipped when the ledger already holds the key. */
export async function escalateUnansweredSupervisions(now: Date, result: SweepResult): Promise<void> {
  const _ = database().command
  const pending = await findAll<Pending>('escalations', { supervisionReplyPendingDueAt: _.lt(now) }, { limit: 1000 })
  const byId = new Map(pending.map((e) => [e._id, e]))
  const sends = plannedSupervisionEscalations(now, pending)
  result.planned += sends.length
  for (const send of sends) {
    if (!(await claim(send.key, now))) {
      result.skipped++
      continue
    }
    await deliver(send, byId.get(send.escalationId)!.supervision.by, now)
    await database().collection('sweep_ledger').doc(send.key).update({ data: { state: 'sent', sentAt: now } })
    result.escalated++
  }
}
