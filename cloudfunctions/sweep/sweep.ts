import { database, findAll, isDuplicate } from '../_shared/db'
import { notify } from '../_shared/notify'
import type { Participation, Rating, Resolution, Topic } from '../../src/domain/model'
import {
  meetingReminderText, plannedMeetingReminders, plannedSends, sendRecipients, sendText, sweepHorizon, type PlannedMeetingReminder, type PlannedSend,
} from '../../src/domain/reminders'
import { departmentMemberOpenids } from '../_shared/departments'
import type { ItemLink } from '../../src/contracts/messages'
import { escalateUnansweredSupervisions } from './supervision-overdue'
import { runCallbackClock } from './callback-clock'
import { runMigrations } from './migrations'

/**
 * The deadline sweep. It selects by window through indexes (open items due by the end of tomorrow, low ratings owed
 * a reply by then), so its cost follows the number of items due, not all items. Every planned send is claimed in
 * the ledger under its key before it is sent: a re-run finds the key and skips it. A claim left by a run that
 * crashed before marking it sent is taken over once it is older than CLAIM_STALE_MS.
 */
export const CLAIM_STALE_MS = 5 * 60_000

/**
 * What one run did. A delivery that throws ends the run (the timer retries it, and the next hourly run continues);
 * its claim is then taken over once stale, as after a crash. Failed subscription sends are not errors: a person without a grant
 * gets no message, and notify() records that; every reminder and escalation is also stored in the recipient's
 * notification centre (消息), where staff see their due and overdue items.
 */
export interface SweepResult {
  planned: number
  sent: number
  escalated: number
  skipped: number
}

interface LedgerEntry {
  _id: string
  state: 'claimed' | 'sent'
  claimedAt: Date
  sentAt: Date | null
  at: Date
}

export interface SweepDeps {
  /** Delivers one planned send; the default notifies staff and, for escalations, records them and tells supervisors. */
  deliver?: (send: PlannedSend, now: Date) => Promise<void>
  /** Delivers one meeting reminder; the default notifies the joiner (template meeting, opening the topic). */
  remind?: (reminder: PlannedMeetingReminder, now: Date) => Promise<void>
}

/** A joiner's meeting reminder: in 消息 always, as a WeChat message where they accepted one at 报名. */
async function defaultRemind(r: PlannedMeetingReminder): Promise<void> {
  await notify(r.openid, 'meeting', { title: r.title, status: r.kind === 'meetingDay' ? '今天议事' : '明天议事', note: meetingReminderText(r), at: r.meetingAt, link: { kind: 'topic', id: r.topicId } })
}

/**
 * Issue 11: the meeting reminders owed now: topics whose meeting falls after now and by the end of tomorrow (an index
 * range on meetingAt), and their joiners.
 */
async function meetingReminders(now: Date, horizon: Date): Promise<PlannedMeetingReminder[]> {
  const _ = database().command
  const topics = await findAll<Topic>('topics', { meetingAt: _.gt(now).and(_.lte(horizon)) }, { limit: 1000 })
  const open = topics.filter((t) => !t.heldAt)
  const joiners = new Map<string, string[]>()
  for (let i = 0; i < open.length; i += 100) {
    const ids = open.slice(i, i + 100).map((t) => t._id)
    for (const p of await findAll<Participation>('participations', { topicId: _.in(ids) }, { limit: 10000 })) {
      if (p.joinedAt) joiners.set(p.topicId, [...(joiners.get(p.topicId) ?? []), p.openid])
    }
  }
  return plannedMeetingReminders(now, open, (id) => joiners.get(id) ?? [])
}

/** The openids of the users a query names (a community's staff, a township's supervisors), once per run. */
async function openidsOf(where: Record<string, string>, cache: Map<string, string[]>): Promise<string[]> {
  const key = JSON.stringify(where)
  if (!cache.has(key)) {
    const users = await findAll<{ openid: string }>('users', where, { limit: 50 })
    cache.set(key, users.map((u) => u.openid))
  }
  return cache.get(key)!
}

/** Where staff open the item a send is about: its topic, or a 三单 item (no topic) on its own page. */
function staffLinkOfSend(send: PlannedSend): ItemLink {
  return send.topicId ? { kind: 'staffTopic', id: send.topicId } : { kind: 'staffItem', id: send.resolutionId }
}

function defaultDeliver(cache: Map<string, string[]>) {
  return async (send: PlannedSend, now: Date) => {
    const text = sendText(send)
    if (send.kind === 'escalate') {
      // The escalation itself is public on the board; its id is the send key, so it is recorded once.
      await database()
        .collection('escalations')
        .add({ data: { _id: send.key, communityId: send.communityId, townshipId: send.townshipId, resolutionId: send.resolutionId, ratingId: send.ratingId, topicId: send.topicId, deadline: send.deadline, dueAt: send.dueAt, escalatedAt: now, text } })
        .catch((err: Error) => {
          if (!isDuplicate(err)) throw err
        })
      for (const openid of await openidsOf({ townshipId: send.townshipId, role: 'township_supervisor' }, cache)) await notify(openid, 'deadline', { title: send.title, status: '逾期督办', note: text, at: send.dueAt, link: staffLinkOfSend(send) })
    }
    // Who hears it: src/domain/reminders.ts sendRecipients (a 转交办理 item's department members, the assignee, or the
    // community's staff). The lists are read once per run and only when the rule may need them.
    const departmentMembers = send.departmentId ? await departmentMemberOpenids(send.departmentId, cache) : []
    const needStaff = !send.recipientOpenid || (!!send.departmentId && (send.kind === 'escalate' || !departmentMembers.length))
    const communityStaff = needStaff ? await openidsOf({ communityId: send.communityId, role: 'community_staff' }, cache) : []
    for (const openid of sendRecipients(send, { departmentMembers, communityStaff })) {
      await notify(openid, 'deadline', { title: send.title, status: send.kind === 'escalate' ? '已逾期' : '即将到期', note: text, at: send.dueAt, link: staffLinkOfSend(send) })
    }
  }
}

/** Claims a key: true if this run owns the send now. */
export async function claim(key: string, now: Date): Promise<boolean> {
  const ledger = database().collection('sweep_ledger')
  try {
    await ledger.add({ data: { _id: key, state: 'claimed', claimedAt: now, sentAt: null, at: now } satisfies LedgerEntry })
    return true
  } catch (err) {
    // The SDK's error carries a numeric errCode and the cause in its message: isDuplicate reads both.
    if (!isDuplicate(err)) throw err
  }
  const existing = (await ledger.where({ _id: key }).limit(1).get()).data[0] as LedgerEntry | undefined
  if (!existing || existing.state === 'sent') return false
  if (now.getTime() - new Date(existing.claimedAt).getTime() < CLAIM_STALE_MS) return false
  const taken = await ledger.where({ _id: key, state: 'claimed', claimedAt: existing.claimedAt }).update({ data: { claimedAt: now } })
  return taken.stats.updated === 1
}

export async function runSweep(now: Date, deps: SweepDeps = {}): Promise<SweepResult> {
  const _ = database().command
  const horizon = sweepHorizon(now)
  const [byDisclosure, byHandling, lowRatings] = await Promise.all([
    findAll<Resolution>('resolutions', { disclosureDueAt: _.lte(horizon) }, { limit: 10000 }),
    findAll<Resolution>('resolutions', { openDueAt: _.lte(horizon) }, { limit: 10000 }),
    findAll<Rating>('ratings', { pendingReplyDueAt: _.lte(horizon) }, { limit: 10000 }),
  ])
  const resolutions = new Map<string, Resolution>()
  for (const r of [...byDisclosure, ...byHandling]) resolutions.set(r._id, r)
  // Low ratings need their item's title and township.
  const missing = [...new Set(lowRatings.map((x) => x.resolutionId))].filter((id) => !resolutions.has(id))
  const rated = missing.length ? await findAll<Resolution>('resolutions', { _id: _.in(missing) }) : []
  const titles = new Map([...resolutions.values(), ...rated].map((r) => [r._id, r]))
  const sends = plannedSends(
    now,
    [...resolutions.values()],
    lowRatings
      .filter((x) => titles.has(x.resolutionId))
      .map((x) => ({ ...x, townshipId: titles.get(x.resolutionId)!.townshipId, title: titles.get(x.resolutionId)!.title, departmentId: titles.get(x.resolutionId)!.departmentId ?? null })),
  ).sort((a, b) => a.key.localeCompare(b.key))

  // Keys already sent are final: read them in batches first, so an item that stays in the window (overdue and
  // already escalated) costs a share of one read per run, not a refused insert and a read of its own.
  const done = new Set<string>()
  for (let i = 0; i < sends.length; i += 500) {
    const keys = sends.slice(i, i + 500).map((s) => s.key)
    for (const e of await findAll<LedgerEntry>('sweep_ledger', { _id: _.in(keys), state: 'sent' }, { limit: 500 })) done.add(e._id)
  }

  const deliver = deps.deliver ?? defaultDeliver(new Map())
  const result: SweepResult = { planned: sends.length, sent: 0, escalated: 0, skipped: 0 }
  for (const send of sends) {
    if (done.has(send.key) || !(await claim(send.key, now))) {
      result.skipped++
      continue
    }
    await deliver(send, now)
    await database().collection('sweep_ledger').doc(send.key).update({ data: { state: 'sent', sentAt: now } })
    if (send.kind === 'escalate') result.escalated++
    else result.sent++
  }

  // Joiners' meeting reminders, under the same ledger rules (counted with the reminders in planned/sent/skipped).
  const reminders = await meetingReminders(now, horizon)
  const remind = deps.remind ?? defaultRemind
  result.planned += reminders.length
  for (let i = 0; i < reminders.length; i += 500) {
    const keys = reminders.slice(i, i + 500).map((r) => r.key)
    for (const e of await findAll<LedgerEntry>('sweep_ledger', { _id: _.in(keys), state: 'sent' }, { limit: 500 })) done.add(e._id)
  }
  for (const r of reminders) {
    if (done.has(r.key) || !(await claim(r.key, now))) {
      result.skipped++
      continue
    }
    await remind(r, now)
    await database().collection('sweep_ledger').doc(r.key).update({ data: { state: 'sent', sentAt: now } })
    result.sent++
  }
  // One-time backfills first, so the clocks below see documents written before their fields existed.
  await runMigrations(now)
  await escalateUnansweredSupervisions(now, result)
  await runCallbackClock(now, result)
  return result
}
