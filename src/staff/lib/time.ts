import { beijingDateOf, formatBeijing, isPastDue } from '../../domain/calendar'

/** Wire times are ISO strings; every display goes through formatBeijing. */
export function fmt(iso: string | null | undefined, pattern?: string): string {
  if (!iso) return ''
  const at = new Date(iso)
  return Number.isNaN(at.getTime()) ? '' : formatBeijing(at, pattern)
}

export function fmtDate(iso: string | null | undefined): string {
  return fmt(iso, 'YYYY-MM-DD')
}

export function overdue(iso: string | null | undefined, now: number = Date.now()): boolean {
  if (!iso) return false
  const at = new Date(iso)
  return !Number.isNaN(at.getTime()) && isPastDue(at, now)
}

export function todayBeijing(): string {
  return beijingDateOf(Date.now())
}
