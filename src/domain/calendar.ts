import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * Every calendar rule of the product lives here, in Beijing time. The cloud clock is UTC and mini-program devices
 * may be set to any zone, so nothing else may ask a Date for its day, month or weekday.
 *
 * Asia/Shanghai has been UTC+8 without daylight saving since 1991, so Beijing wall time is UTC shifted by 8 hours.
 * That keeps this module free of Intl time-zone support, which some mini-program engines lack.
 */
const BEIJING_OFFSET_MINUTES = 8 * 60

/** A Beijing calendar date, 'YYYY-MM-DD'. Due dates are dates: an item due on a date is due until that day ends. */
export type BeijingDate = string

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

function wall(at: Date | number): dayjs.Dayjs {
  return dayjs.utc(at).add(BEIJING_OFFSET_MINUTES, 'minute')
}
function fromWall(w: dayjs.Dayjs): Date {
  return w.subtract(BEIJING_OFFSET_MINUTES, 'minute').toDate()
}
function parseDate(date: BeijingDate): dayjs.Dayjs {
  const m = DATE_RE.exec(date)
  if (!m) throw new RangeError(`not a date: ${date}`)
  const d = dayjs.utc(`${date}T00:00:00Z`)
  if (!d.isValid() || d.format('YYYY-MM-DD') !== date) throw new RangeError(`not a date: ${date}`)
  return d
}

export function isBeijingDate(value: string): boolean {
  try {
    parseDate(value)
    return true
  } catch {
    return false
  }
}

/** The Beijing date of an instant: 16:30 UTC on the 1st is 00:30 on the 2nd in Beijing. */
export function beijingDateOf(at: Date | number): BeijingDate {
  return wall(at).format('YYYY-MM-DD')
}

const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const

/** The Beijing weekday of an instant, for display: '周三'. */
export function beijingWeekdayLabel(at: Date | number): string {
  return WEEKDAY_LABELS[wall(at).day()]!
}

/** Beijing wall-clock text for display, e.g. '2026-12-09 14:30'. */
export function formatBeijing(at: Date | number, pattern = 'YYYY-MM-DD HH:mm'): string {
  return wall(at).format(pattern)
}

/** The first instant of a Beijing date. */
export function startOfBeijingDay(date: BeijingDate): Date {
  return fromWall(parseDate(date))
}

/** The last millisecond of a Beijing date: a deadline "within N days" ends here. */
export function endOfBeijingDay(date: BeijingDate): Date {
  return new Date(fromWall(parseDate(date).add(1, 'day')).getTime() - 1)
}

export function addDays(date: BeijingDate, days: number): BeijingDate {
  return parseDate(date).add(days, 'day').format('YYYY-MM-DD')
}

/** Whole Beijing calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: BeijingDate, to: BeijingDate): number {
  return parseDate(to).diff(parseDate(from), 'day')
}

/**
 * "Within N days after X": the deadline is the end of the Beijing day N calendar days after X's Beijing date.
 * A notice closing on the 3rd (any hour) owes its first progress disclosure by the end of the 10th.
 */
export function deadlineAfter(at: Date | number, days: number): Date {
  return endOfBeijingDay(addDays(beijingDateOf(at), days))
}

/** True once the whole Beijing due date has passed. */
export function isPastDue(dueAt: Date | number, now: Date | number): boolean {
  return new Date(now).getTime() > new Date(dueAt).getTime()
}

/** A Beijing month, 'YYYY-MM'. */
export type BeijingMonth = string

export function beijingMonthOf(at: Date | number): BeijingMonth {
  return wall(at).format('YYYY-MM')
}
export function previousMonth(month: BeijingMonth): BeijingMonth {
  return parseDate(`${month}-01`).subtract(1, 'month').format('YYYY-MM')
}
export function nextMonth(month: BeijingMonth): BeijingMonth {
  return parseDate(`${month}-01`).add(1, 'month').format('YYYY-MM')
}
export function monthRange(month: BeijingMonth): { from: Date; to: Date } {
  const first = parseDate(`${month}-01`)
  return { from: fromWall(first), to: new Date(fromWall(first.add(1, 'month')).getTime() - 1) }
}

/**
 * The community's fixed deliberation day (议事日). Seed 002: "每月第二周周三" — read as the month's second Wednesday
 * (always the 8th–14th), configurable per community as the nth given weekday (0 = Sunday … 6 = Saturday).
 */
export interface DeliberationDayRule {
  nth: number
  weekday: number
  /** Beijing wall time the meeting starts, 'HH:mm'. */
  time: string
}
export const DEFAULT_DELIBERATION_DAY: DeliberationDayRule = { nth: 2, weekday: 3, time: '19:00' }

export function deliberationDayIn(month: BeijingMonth, rule: DeliberationDayRule = DEFAULT_DELIBERATION_DAY): BeijingDate {
  const first = parseDate(`${month}-01`)
  const offset = (rule.weekday - first.day() + 7) % 7
  const day = first.add(offset + (rule.nth - 1) * 7, 'day')
  // A fifth weekday that does not exist falls back to the month's last such weekday.
  return (day.month() === first.month() ? day : day.subtract(7, 'day')).format('YYYY-MM-DD')
}

/** The next deliberation day whose meeting has not yet started at `now`, with its start instant. */
export function nextDeliberationDay(now: Date | number, rule: DeliberationDayRule = DEFAULT_DELIBERATION_DAY): { date: BeijingDate; startsAt: Date } {
  let month = beijingMonthOf(now)
  for (let i = 0; i < 3; i++) {
    const date = deliberationDayIn(month, rule)
    const startsAt = atBeijingTime(date, rule.time)
    if (startsAt.getTime() > new Date(now).getTime()) return { date, startsAt }
    month = parseDate(`${month}-01`).add(1, 'month').format('YYYY-MM')
  }
  throw new Error('unreachable: a deliberation day exists every month')
}

/** The instant of a Beijing wall time on a Beijing date. */
export function atBeijingTime(date: BeijingDate, time: string): Date {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time)
  if (!m) throw new RangeError(`not a time: ${time}`)
  return fromWall(parseDate(date).add(Number(m[1]), 'hour').add(Number(m[2]), 'minute'))
}

/** County office rule (月回访): last month's resolved items get their callback by the 20th of this month. */
export const CALLBACK_DAY_OF_MONTH = 20
export function callbackDueAt(month: BeijingMonth): Date {
  return endOfBeijingDay(`${month}-${String(CALLBACK_DAY_OF_MONTH).padStart(2, '0')}`)
}
