import { addDays, beijingDateOf, beijingMonthOf, endOfBeijingDay, formatBeijing, previousMonth, type BeijingMonth } from './calendar'
import { monthlyCallbackList, type CallbackRow, type CycleItem } from './reports-cycle'
import type { Rating, Resolution } from './model'

/**
 * What the timer sweep owes at a moment: reminders the day before and on the day a deadline falls, and an escalation
 * to the township supervisor once it has passed. Every send has a key derived from the item and the deadline it is
 * about, so a re-run, a retried run or a run after a crash finds the key already used and sends nothing twice.
 */
export type SweepKind = 'remindBefore' | 'remindDueDay' | 'escalate'
export type DeadlineKind = 'disclosure' | 'handling' | 'ratingReply'

export interface PlannedSend {
  key: string
  kind: SweepKind
  deadline: DeadlineKind
  dueAt: Date
  communityId: string
  townshipId: string
  /** The item's topic; null for a 三单 item (opened by resolutionId). */
  topicId: string | null
  resolutionId: string
  ratingId: string | null
  title: string
  recipientOpenid: string | null
  /** A 转交办理 item's department (absent otherwise): its members carry the item, so they are reminded (sendRecipients). */
  departmentId?: string
}

export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  disclosure: '办理情况公示',
  handling: '办理期限',
  ratingReply: '差评回复',
}

/** The sweep selects only items whose deadline falls by the end of tomorrow (Beijing): its window. */
export function sweepHorizon(now: Date): Date {
  return endOfBeijingDay(addDays(beijingDateOf(now), 1))
}

export function sendKey(kind: SweepKind, deadline: DeadlineKind, itemId: string, dueAt: Date): string {
  return `${kind}:${deadline}:${itemId}:${dueAt.getTime()}`
}

function phaseOf(dueAt: Date, now: Date): SweepKind | null {
  if (now.getTime() > dueAt.getTime()) return 'escalate'
  const today = beijingDateOf(now)
  const dueDay = beijingDateOf(dueAt)
  if (dueDay === today) return 'remindDueDay'
  if (dueDay === addDays(today, 1)) return 'remindBefore'
  return null
}

type SweepResolution = Pick<Resolution, '_id' | 'topicId' | 'communityId' | 'townshipId' | 'title' | 'assigneeOpenid' | 'dueAt' | 'disclosureDueAt' | 'resultPublishedAt' | 'handlingFrom' | 'passed' | 'departmentId'>
type SweepRating = Pick<Rating, '_id' | 'resolutionId' | 'topicId' | 'communityId' | 'replyDueAt' | 'reply'>

export function plannedSends(
  now: Date,
  resolutions: readonly SweepResolution[],
  lowRatings: readonly (SweepRating & { townshipId: string; title: string; departmentId?: string | null })[],
): PlannedSend[] {
  const sends: PlannedSend[] = []
  const push = (deadline: DeadlineKind, dueAt: Date | null, base: Omit<PlannedSend, 'key' | 'kind' | 'deadline' | 'dueAt'>, itemId: string) => {
    if (!dueAt) return
    const kind = phaseOf(dueAt, now)
    if (!kind) return
    sends.push({ ...base, key: sendKey(kind, deadline, itemId, dueAt), kind, deadline, dueAt })
  }
  for (const r of resolutions) {
    if (!r.passed || r.resultPublishedAt || !r.handlingFrom || now.getTime() <= r.handlingFrom.getTime()) continue
    const base = { communityId: r.communityId, townshipId: r.townshipId, topicId: r.topicId, resolutionId: r._id, ratingId: null, title: r.title, recipientOpenid: r.assigneeOpenid, ...departmentOf(r) }
    push('disclosure', r.disclosureDueAt, base, r._id)
    push('handling', r.dueAt, base, r._id)
  }
  for (const rating of lowRatings) {
    if (rating.reply) continue
    push('ratingReply', rating.replyDueAt, {
      communityId: rating.communityId,
      townshipId: rating.townshipId,
      topicId: rating.topicId,
      resolutionId: rating.resolutionId,
      ratingId: rating._id,
      title: rating.title,
      recipientOpenid: null,
      ...departmentOf(rating),
    }, rating._id)
  }
  return sends
}

/** A send names the department only for a 转交办理 item (so sends about other items are unchanged). */
const departmentOf = (x: { departmentId?: string | null }): { departmentId?: string } => (x.departmentId ? { departmentId: x.departmentId } : {})

/**
 * Who hears a planned send (each openid once):
 * - an item with a named assignee: the assignee;
 * - a 转交办理 item (departmentId): the department's members (role department_staff bound to it), who disclose,
 *   publish the result and reply to ratings on it — besides the assignee if one was named. The community's staff get
 *   no copy of its due-day reminders (the department, not they, has to act; the item stays on their board), but do
 *   get a copy of its escalation, because the township's 督办 on it is answered by the community (answerSupervision).
 *   A department with no member bound yet reminds the community's staff instead, so a deadline is never told to no one;
 * - any other item without an assignee (a low rating owed a reply, an unassigned item): the community's staff.
 * The escalation to the township's supervisors is delivered apart and is the same for every item.
 */
export function sendRecipients(
  send: Pick<PlannedSend, 'kind' | 'recipientOpenid' | 'departmentId'>,
  people: { departmentMembers: readonly string[]; communityStaff: readonly string[] },
): string[] {
  const out: string[] = []
  const add = (openids: readonly (string | null)[]) => {
    for (const o of openids) if (o && !out.includes(o)) out.push(o)
  }
  if (send.departmentId) {
    add([send.recipientOpenid])
    add(people.departmentMembers)
    if (send.kind === 'escalate' || !people.departmentMembers.length) add(people.communityStaff)
    return out
  }
  add(send.recipientOpenid ? [send.recipientOpenid] : people.communityStaff)
  return out
}

export function sendText(send: Pick<PlannedSend, 'kind' | 'deadline' | 'dueAt' | 'title'>): string {
  const what = DEADLINE_LABELS[send.deadline]
  const when = formatBeijing(send.dueAt, 'M月D日')
  switch (send.kind) {
    case 'remindBefore':
      return `「${send.title}」${what}明天（${when}）到期`
    case 'remindDueDay':
      return `「${send.title}」${what}今天（${when}）到期`
    case 'escalate':
      return `「${send.title}」${what}已逾期（应于${when}前完成），已提请街道督办`
  }
}

// ---- Issue 11: reminders for what residents signed up for ----------------------------------------------------

/**
 * A joiner's meeting reminder: once the Beijing day before the meeting and once on its day (before it starts), each
 * under its own ledger key (kind, topic, person, meeting time): a re-run sends nothing twice, and a moved meeting is
 * a new meeting to be reminded of. A meeting already held (heldAt) or started reminds no one.
 */
export type MeetingReminderKind = 'meetingBefore' | 'meetingDay'

export interface PlannedMeetingReminder {
  key: string
  kind: MeetingReminderKind
  topicId: string
  communityId: string
  title: string
  meetingAt: Date
  meetingPlace: string
  openid: string
}

export function meetingReminderKey(kind: MeetingReminderKind, topicId: string, openid: string, meetingAt: Date): string {
  return `${kind}:${topicId}:${openid}:${meetingAt.getTime()}`
}

type MeetingTopic = { _id: string; communityId: string; title: string; meetingAt: Date; meetingPlace: string; heldAt: Date | null }

export function plannedMeetingReminders(now: Date, topics: readonly MeetingTopic[], joinersOf: (topicId: string) => readonly string[]): PlannedMeetingReminder[] {
  const today = beijingDateOf(now)
  const out: PlannedMeetingReminder[] = []
  for (const t of topics) {
    const meetingAt = new Date(t.meetingAt)
    if (t.heldAt || meetingAt.getTime() <= now.getTime()) continue
    const day = beijingDateOf(meetingAt)
    const kind: MeetingReminderKind | null = day === today ? 'meetingDay' : day === addDays(today, 1) ? 'meetingBefore' : null
    if (!kind) continue
    for (const openid of joinersOf(t._id)) {
      out.push({ key: meetingReminderKey(kind, t._id, openid, meetingAt), kind, topicId: t._id, communityId: t.communityId, title: t.title, meetingAt, meetingPlace: t.meetingPlace, openid })
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key))
}

/** The reminder's words (UI text): which day, when and where. */
export function meetingReminderText(r: Pick<PlannedMeetingReminder, 'kind' | 'meetingAt' | 'meetingPlace'>): string {
  return `${r.kind === 'meetingDay' ? '今天' : '明天'} ${formatBeijing(r.meetingAt, 'HH:mm')} 在${r.meetingPlace}面对面议事`
}

// ——— 督办 not answered on time (issue 12) ———

/** A supervision (督办) as the sweep reads it: the escalation it was issued on, with the community's answer if any. */
export interface SweepSupervision {
  _id: string
  communityId: string
  townshipId: string
  resolutionId: string
  topicId: string | null
  text: string
  supervision?: { replyDueAt: Date; answer: unknown | null; overdueEscalatedAt?: Date | null } | null
}

export interface PlannedSupervisionEscalation {
  key: string
  escalationId: string
  communityId: string
  townshipId: string
  resolutionId: string
  topicId: string | null
  text: string
  replyDueAt: Date
}

export function supervisionOverdueKey(escalationId: string, replyDueAt: Date): string {
  return `escalate:supervisionReply:${escalationId}:${new Date(replyDueAt).getTime()}`
}

/**
 * A 督办 the community has not answered once its reply due date has passed goes to the county office, once: one key
 * per supervision and due date. An answered supervision, or one still within its due date, owes nothing.
 */
export function plannedSupervisionEscalations(now: Date, escalations: readonly SweepSupervision[]): PlannedSupervisionEscalation[] {
  const out: PlannedSupervisionEscalation[] = []
  for (const e of escalations) {
    const s = e.supervision
    if (!s || s.answer) continue
    const replyDueAt = new Date(s.replyDueAt)
    if (now.getTime() <= replyDueAt.getTime()) continue
    out.push({ key: supervisionOverdueKey(e._id, replyDueAt), escalationId: e._id, communityId: e.communityId, townshipId: e.townshipId, resolutionId: e.resolutionId, topicId: e.topicId, text: e.text, replyDueAt })
  }
  return out.sort((a, b) => a.key.localeCompare(b.key))
}

/** The county office's message (UI text): which escalation's 督办 went unanswered and since when. */
export function supervisionOverdueText(p: Pick<PlannedSupervisionEscalation, 'text' | 'replyDueAt'>): string {
  return `街道督办未按期回复（应于 ${formatBeijing(p.replyDueAt, 'MM-DD')} 前回复）：${p.text}`
}

// ——— 月回访 clock (issue 12) ———

/** From this Beijing day of the month the county office is reminded of last month's callbacks not yet recorded. */
export const CALLBACK_REMIND_FROM_DAY = 15

export interface PlannedCallbackSend {
  key: string
  kind: 'remindBefore' | 'escalate'
  /** The month being called back (the one before now's Beijing month). */
  month: BeijingMonth
  dueAt: Date
  /** A reminder: every callback of the month still to record; an escalation: its one item. */
  rows: CallbackRow[]
}

/**
 * 月回访 (src/domain/reports-cycle.ts monthlyCallbackList) on the sweep's clock: from the 15th (Beijing) until the
 * due date (the 20th, end of day) one reminder to the county office listing last month's callbacks not yet recorded;
 * once the due date has passed, one escalation per item still not called back. Keys name the month or the item and
 * the due date, so each is sent once however often the sweep runs.
 */
export function plannedCallbackSends(now: Date, items: readonly CycleItem[]): PlannedCallbackSend[] {
  const month = previousMonth(beijingMonthOf(now))
  const day = Number(beijingDateOf(now).slice(8, 10))
  if (day < CALLBACK_REMIND_FROM_DAY) return []
  const { dueAt, rows } = monthlyCallbackList(items, month, now)
  const open = rows.filter((r) => r.state !== 'done')
  if (!open.length) return []
  if (now.getTime() <= dueAt.getTime()) return [{ key: `remindBefore:callback:${month}`, kind: 'remindBefore', month, dueAt, rows: open }]
  return open.map((r) => ({ key: `escalate:callback:${r.resolutionId}:${dueAt.getTime()}`, kind: 'escalate' as const, month, dueAt, rows: [r] }))
}

/** The words of a 月回访 send (UI text). */
export function callbackSendText(s: Pick<PlannedCallbackSend, 'kind' | 'month' | 'dueAt' | 'rows'>): string {
  return s.kind === 'remindBefore'
    ? `${s.month} 月回访还有 ${s.rows.length} 项未回访，请于 ${formatBeijing(s.dueAt, 'MM-DD')} 前完成`
    : `「${s.rows[0]!.title}」${s.month} 月回访逾期未完成（应于 ${formatBeijing(s.dueAt, 'MM-DD')} 前）`
}
