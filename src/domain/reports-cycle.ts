import { addDays, beijingDateOf, beijingMonthOf, callbackDueAt, endOfBeijingDay, monthRange, nextMonth, type BeijingDate, type BeijingMonth } from './calendar'
import { disclosureOnTime } from './disclosure'
import { itemSource, ITEM_SOURCE_LABELS, type ItemSource } from './items'
import type { Rating, Resolution, Topic } from './model'

/**
 * The county office's cycle (seed 002: "月回访、季盘点、年总结") as pure functions over the stored items, topics,
 * ratings and escalations. Meeting items and 三单 items (受理自办 / 转交办理) live in the same `resolutions` collection
 * and are counted alike; every period is a Beijing calendar period (src/domain/calendar.ts).
 */

/** A decided item as the cycle reads it: meeting and 三单 items alike (fields of src/domain/items.ts read optionally). */
export type CycleItem = Pick<
  Resolution,
  '_id' | 'communityId' | 'townshipId' | 'title' | 'passed' | 'assigneeName' | 'dueAt' | 'handlingFrom' | 'disclosures' | 'resultPublishedAt' | 'ratingCount' | 'ratingSum'
> & {
  topicId: string | null
  source?: ItemSource | null
  decidedAt?: Date | null
  /** A 三单 item's own category (from its report); a meeting item's is its topic's. */
  category?: string | null
  callback: CycleCallback | null
  /** One per list month; absent on older documents, whose one callback is `callback` (callbacksOf). */
  callbacks?: CycleCallback[]
}
/** A callback as the cycle reads it: the list month it answers. */
export type CycleCallback = { month: string; outcome: 'fixed' | 'not_fixed'; at: Date }
export type CycleTopic = Pick<Topic, '_id' | 'communityId' | 'category' | 'heldAt' | 'attendance'> & { counts: Pick<Topic['counts'], 'joined'> }
export type CycleRating = Pick<Rating, 'resolutionId' | 'stars' | 'at'>
/** An escalation (sweep) and, once the township acted on it, its supervision (督办). */
export interface CycleEscalation {
  _id: string
  communityId: string
  resolutionId: string
  escalatedAt: Date
  supervisedAt?: Date | null
}

const within = (at: Date | null | undefined, range: { from: Date; to: Date }) => !!at && at.getTime() >= range.from.getTime() && at.getTime() <= range.to.getTime()

/** When an item was decided: the meeting's notice closing or the triage instant; old documents fall back to handlingFrom. */
export function decidedAtOf(item: Pick<CycleItem, 'decidedAt' | 'handlingFrom'>): Date | null {
  return item.decidedAt ?? item.handlingFrom ?? null
}

/** An item is open while it passed and has no published result. */
/**
 * 月回访: the months whose list carries the item — the month it was decided and the month its result was published
 * (the same month once when both fall in it). A rejected item is never called back.
 */
export function callbackMonthsOf(item: Pick<CycleItem, 'passed' | 'decidedAt' | 'handlingFrom' | 'resultPublishedAt'>): BeijingMonth[] {
  if (!item.passed) return []
  const decided = decidedAtOf(item)
  const months = [decided ? beijingMonthOf(decided) : null, item.resultPublishedAt ? beijingMonthOf(item.resultPublishedAt) : null].filter((m): m is BeijingMonth => !!m)
  return [...new Set(months)]
}

/** The month a callback answers when the caller names none: the result's month once done, else the decision's. */
export function defaultCallbackMonth(item: Pick<CycleItem, 'passed' | 'decidedAt' | 'handlingFrom' | 'resultPublishedAt'>): BeijingMonth | null {
  const months = callbackMonthsOf(item)
  return months.length ? months[months.length - 1]! : null
}

export function itemOpen(item: Pick<CycleItem, 'passed' | 'resultPublishedAt'>): boolean {
  return item.passed && !item.resultPublishedAt
}

/** Overdue: still open after its due date, or completed after it. */
export function itemOverdue(item: Pick<CycleItem, 'passed' | 'resultPublishedAt' | 'dueAt'>, now: Date): boolean {
  if (!item.passed) return false
  const end = item.resultPublishedAt ?? now
  return end.getTime() > item.dueAt.getTime()
}

// ——— 月回访 ———

/**
 * An item's callbacks, one per list month. Documents written before callbacks were kept per month hold only their
 * latest, as `callback`: that one stands for its own month.
 */
export function callbacksOf<C extends { month: string }>(item: { callback: C | null; callbacks?: C[] | null }): C[] {
  return item.callbacks ?? (item.callback ? [item.callback] : [])
}

/** The callback answering month M's list, or null: a callback answers only its own month. */
export function callbackFor<C extends { month: string }>(item: { callback: C | null; callbacks?: C[] | null }, month: string): C | null {
  return callbacksOf(item).find((c) => c.month === month) ?? null
}

/** The item's callbacks with one more recorded: each month keeps its own (a second one for a month replaces it). */
export function withCallback<C extends { month: string }>(item: { callback: C | null; callbacks?: C[] | null }, callback: C): C[] {
  return [...callbacksOf(item).filter((c) => c.month !== callback.month), callback]
}

export interface CallbackRow {
  resolutionId: string
  communityId: string
  title: string
  source: ItemSource
  sourceLabel: string
  assigneeName: string
  /** Why it is on the list: decided last month, completed last month, or both. */
  reason: 'decided' | 'completed' | 'both'
  decidedAt: Date | null
  resultPublishedAt: Date | null
  dueAt: Date
  state: 'done' | 'due' | 'overdue'
}

/** Why an item is on month M's 月回访 list — decided in M, completed in M, or both — or null when it is not on it. */
export function callbackReason(
  item: Pick<CycleItem, 'passed' | 'decidedAt' | 'handlingFrom' | 'resultPublishedAt'>,
  month: BeijingMonth,
): CallbackRow['reason'] | null {
  if (!item.passed) return null
  const range = monthRange(month)
  const decided = within(decidedAtOf(item), range)
  const completed = within(item.resultPublishedAt, range)
  return decided && completed ? 'both' : decided ? 'decided' : completed ? 'completed' : null
}

/**
 * 月回访 for month M (the month being called back): every item decided or completed in M, meeting and 三单 items
 * alike, due by the 20th of the following month. An item is called back once a callback for M is recorded (its own
 * month's, not a later list's).
 */
export function monthlyCallbackList(items: readonly CycleItem[], month: BeijingMonth, now: Date): { month: BeijingMonth; dueAt: Date; rows: CallbackRow[] } {
  const dueAt = callbackDueAt(nextMonth(month))
  const rows: CallbackRow[] = []
  for (const item of items) {
    const reason = callbackReason(item, month)
    if (!reason) continue
    const source = itemSource(item)
    const done = !!callbackFor(item, month)
    rows.push({
      resolutionId: item._id,
      communityId: item.communityId,
      title: item.title,
      source,
      sourceLabel: ITEM_SOURCE_LABELS[source],
      assigneeName: item.assigneeName,
      reason,
      decidedAt: decidedAtOf(item),
      resultPublishedAt: item.resultPublishedAt,
      dueAt,
      state: done ? 'done' : now.getTime() > dueAt.getTime() ? 'overdue' : 'due',
    })
  }
  rows.sort((a, b) => a.communityId.localeCompare(b.communityId) || a.resolutionId.localeCompare(b.resolutionId))
  return { month, dueAt, rows }
}

// ——— periods ———

/** A Beijing quarter, 'YYYY-Qn'. */
export type BeijingQuarter = string
export function quarterRange(quarter: BeijingQuarter): { from: Date; to: Date; months: BeijingMonth[] } {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter)
  if (!m) throw new RangeError(`not a quarter: ${quarter}`)
  const first = `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}`
  const months = [first, nextMonth(first), nextMonth(nextMonth(first))]
  return { from: monthRange(months[0]!).from, to: monthRange(months[2]!).to, months }
}
export function yearRange(year: number): { from: Date; to: Date } {
  return { from: monthRange(`${year}-01`).from, to: monthRange(`${year}-12`).to }
}

// ——— 季盘点 ———

export interface QuarterRow {
  resolutionId: string
  communityId: string
  title: string
  sourceLabel: string
  assigneeName: string
  escalations: number
  supervised: boolean
  open: boolean
}
export interface QuarterReview {
  quarter: BeijingQuarter
  decided: number
  completed: number
  /** Items that needed the county this quarter: escalated by the sweep or supervised by the township in it. */
  needingCounty: QuarterRow[]
  /** Of those, still open now. */
  stillOpen: number
  /** Every item open at the quarter's end (or now, if earlier). */
  openAtEnd: number
}

/** 季盘点: the quarter's items that needed the county (escalated or supervised) and what is still open. */
export function quarterReview(items: readonly CycleItem[], escalations: readonly CycleEscalation[], quarter: BeijingQuarter, now: Date): QuarterReview {
  const range = quarterRange(quarter)
  const end = Math.min(range.to.getTime(), now.getTime())
  const byItem = new Map<string, { escalations: number; supervised: boolean }>()
  for (const e of escalations) {
    const escalated = within(e.escalatedAt, range)
    const supervised = within(e.supervisedAt ?? null, range)
    if (!escalated && !supervised) continue
    const entry = byItem.get(e.resolutionId) ?? { escalations: 0, supervised: false }
    if (escalated) entry.escalations++
    if (supervised) entry.supervised = true
    byItem.set(e.resolutionId, entry)
  }
  const needingCounty: QuarterRow[] = []
  let decided = 0
  let completed = 0
  let openAtEnd = 0
  for (const item of items) {
    if (!item.passed) continue
    const at = decidedAtOf(item)
    if (within(at, range)) decided++
    if (within(item.resultPublishedAt, range)) completed++
    if (at && at.getTime() <= end && (!item.resultPublishedAt || item.resultPublishedAt.getTime() > end)) openAtEnd++
    const county = byItem.get(item._id)
    if (county) {
      needingCounty.push({
        resolutionId: item._id,
        communityId: item.communityId,
        title: item.title,
        sourceLabel: ITEM_SOURCE_LABELS[itemSource(item)],
        assigneeName: item.assigneeName,
        escalations: county.escalations,
        supervised: county.supervised,
        open: itemOpen(item),
      })
    }
  }
  needingCounty.sort((a, b) => a.communityId.localeCompare(b.communityId) || a.resolutionId.localeCompare(b.resolutionId))
  return { quarter, decided, completed, needingCounty, stillOpen: needingCounty.filter((r) => r.open).length, openAtEnd }
}

// ——— 年总结 ———

export type ItemOutcome = 'done' | 'open' | 'rejected'
export const ITEM_OUTCOME_LABELS: Record<ItemOutcome, string> = { done: '已办结', open: '办理中', rejected: '未通过' }

export interface YearSummary {
  year: number
  /** 议事次数: meetings held in the year. */
  meetings: number
  /** 参与人数: residents who signed up to take part in those meetings' topics. */
  participants: number
  /** 户数: households present at those meetings. */
  households: number
  items: number
  bySource: Record<ItemSource, number>
  /** category id → outcome → count. */
  byCategory: Record<string, Record<ItemOutcome, number>>
  disclosuresDue: number
  disclosuresOnTime: number
  /** 0–1, or null when nothing fell due. */
  onTimeRate: number | null
  ratings: number
  /** Mean stars, one decimal; null without ratings. */
  averageStars: number | null
  /** Share of ratings with 4 or 5 stars (满意率), 0–1; null without ratings. */
  satisfiedRate: number | null
  overdue: number
  escalations: number
  /** The year in the seed's words, e.g. "引导300余名居民参与议事，议事42次". */
  phrase: string
}

/** "300余" for 342, "40余" for 42, exact below ten or when round: how the seed writes its figures. */
export function roughly(n: number): string {
  if (n < 10) return String(n)
  const unit = n >= 100 ? 100 : 10
  const floor = Math.floor(n / unit) * unit
  return floor === n ? String(n) : `${floor}余`
}

/**
 * What a 年总结 is counted from: the year's meetings and their people, the items decided in the year grouped by
 * source, category and outcome and how many of them are overdue now, the disclosures that fell due in the
 * year, the ratings given in it by stars, and the escalations raised in it. `countYear` counts it from documents;
 * the supervision function has the database count the same (cloudfunctions/supervision/year-counts.ts), and the
 * tests hold the two equal.
 */
export interface YearCounts {
  meetings: number
  participants: number
  households: number
  decided: { source: ItemSource; category: string; outcome: ItemOutcome; n: number }[]
  /** Items decided in the year that are overdue now (itemOverdue). */
  overdue: number
  disclosuresDue: number
  disclosuresOnTime: number
  stars: { stars: number; n: number }[]
  escalations: number
}

/** An item's outcome in the 年总结: rejected at the meeting, done once its result is published, else open. */
export function itemOutcome(item: Pick<CycleItem, 'passed' | 'resultPublishedAt'>): ItemOutcome {
  return !item.passed ? 'rejected' : item.resultPublishedAt ? 'done' : 'open'
}

/**
 * 年总结 counts for a Beijing year: meetings held in it, items decided in it (a meeting item's category is its topic's,
 * a 三单 item's its own), disclosures due in it, ratings given in it, escalations raised in it; overdue is as of `now`.
 */
export function countYear(
  data: { items: readonly CycleItem[]; topics: readonly CycleTopic[]; ratings: readonly CycleRating[]; escalations: readonly CycleEscalation[] },
  year: number,
  now: Date,
): YearCounts {
  const range = yearRange(year)
  const topicCategory = new Map(data.topics.map((t) => [t._id, t.category]))
  const held = data.topics.filter((t) => within(t.heldAt, range))
  const groups = new Map<string, YearCounts['decided'][number]>()
  let due = 0
  let onTime = 0
  let overdue = 0
  for (const item of data.items) {
    for (const d of item.disclosures) {
      if (!within(d.dueAt, range)) continue
      due++
      if (disclosureOnTime(d)) onTime++
    }
    if (!within(decidedAtOf(item), range)) continue
    const source = itemSource(item)
    const category = (item.topicId ? topicCategory.get(item.topicId) : null) ?? item.category ?? 'other'
    const outcome = itemOutcome(item)
    const key = `${source}/${category}/${outcome}`
    const group = groups.get(key) ?? { source, category, outcome, n: 0 }
    group.n++
    groups.set(key, group)
    if (itemOverdue(item, now)) overdue++
  }
  const stars = new Map<number, number>()
  for (const r of data.ratings) if (within(r.at, range)) stars.set(r.stars, (stars.get(r.stars) ?? 0) + 1)
  return {
    meetings: held.length,
    participants: held.reduce((n, t) => n + t.counts.joined, 0),
    households: held.reduce((n, t) => n + (t.attendance?.households ?? 0), 0),
    decided: [...groups.values()],
    overdue,
    disclosuresDue: due,
    disclosuresOnTime: onTime,
    stars: [...stars.entries()].map(([s, n]) => ({ stars: s, n })),
    escalations: data.escalations.filter((e) => within(e.escalatedAt, range)).length,
  }
}

/** The 年总结 of a year's counts: totals, rates (on-time disclosure, mean stars, 满意率 = 4–5 stars) and the phrase. */
export function summarizeYear(counts: YearCounts, year: number): YearSummary {
  const bySource: Record<ItemSource, number> = { meeting: 0, handle: 0, transfer: 0 }
  const byCategory: Record<string, Record<ItemOutcome, number>> = {}
  let items = 0
  for (const g of counts.decided) {
    items += g.n
    bySource[g.source] += g.n
    byCategory[g.category] ??= { done: 0, open: 0, rejected: 0 }
    byCategory[g.category]![g.outcome] += g.n
  }
  // Categories in a stable order, largest first: the database answers its groups in no particular order.
  const total = (o: Record<ItemOutcome, number>) => o.done + o.open + o.rejected
  const ordered = Object.fromEntries(Object.entries(byCategory).sort(([a, x], [b, y]) => total(y) - total(x) || a.localeCompare(b)))
  const ratings = counts.stars.reduce((n, s) => n + s.n, 0)
  const starSum = counts.stars.reduce((n, s) => n + s.stars * s.n, 0)
  const satisfied = counts.stars.filter((s) => s.stars >= 4).reduce((n, s) => n + s.n, 0)
  const { meetings, participants, households, disclosuresDue: due, disclosuresOnTime: onTime } = counts
  return {
    year,
    meetings,
    participants,
    households,
    items,
    bySource,
    byCategory: ordered,
    disclosuresDue: due,
    disclosuresOnTime: onTime,
    onTimeRate: due ? onTime / due : null,
    ratings,
    averageStars: ratings ? Math.round((starSum / ratings) * 10) / 10 : null,
    satisfiedRate: ratings ? satisfied / ratings : null,
    overdue: counts.overdue,
    escalations: counts.escalations,
    phrase: `引导${roughly(participants)}名居民、${roughly(households)}户参与议事，议事${meetings}次，议定事项${items}项`,
  }
}

/** 年总结 of documents (countYear, then summarizeYear). */
export function yearSummary(data: Parameters<typeof countYear>[0], year: number, now: Date): YearSummary {
  return summarizeYear(countYear(data, year, now), year)
}

// ——— 督办 reply clock ———

/** 督办: the community owes the township a reply within this many working days (Monday–Friday, Beijing). */
export const SUPERVISION_REPLY_WORKING_DAYS = 3

/** The Beijing date N working days after the Beijing date of `at` (weekends skipped; no holiday table). */
export function addWorkingDays(date: BeijingDate, days: number): BeijingDate {
  let d = date
  let left = days
  while (left > 0) {
    d = addDays(d, 1)
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay()
    if (weekday !== 0 && weekday !== 6) left--
  }
  return d
}

/** A supervision issued at `at` is answered by the end of the 3rd working day after its Beijing date. */
export function supervisionReplyDueAt(at: Date): Date {
  return endOfBeijingDay(addWorkingDays(beijingDateOf(at), SUPERVISION_REPLY_WORKING_DAYS))
}
