import { beijingDateOf, formatBeijing, isPastDue } from '../domain/calendar'

/**
 * Display of instants, for resident and staff pages alike. Every time on screen is Beijing wall time
 * (formatBeijing), whatever zone the device is set to. The views carry ISO strings; a missing or unparsable one
 * shows as a dash ('—') rather than "Invalid Date" or nothing.
 */
function toMs(iso: string | null | undefined): number | null {
  if (!iso) return null
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? ms : null
}

/** '2026-12-09 19:00' */
export function fmtTime(iso: string | null | undefined): string {
  const ms = toMs(iso)
  return ms === null ? '—' : formatBeijing(ms)
}

/** '2026-12-09' */
export function fmtDate(iso: string | null | undefined): string {
  const ms = toMs(iso)
  return ms === null ? '—' : formatBeijing(ms, 'YYYY-MM-DD')
}

/** '12月9日 19:00' */
export function fmtShort(iso: string | null | undefined): string {
  const ms = toMs(iso)
  return ms === null ? '—' : formatBeijing(ms, 'M月D日 HH:mm')
}

/** 0.923 → '92%'; null (nothing fell due yet) → '暂无' */
export function fmtRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '暂无' : `${Math.round(rate * 100)}%`
}

export function fmtDistance(meters: number): string {
  return meters < 1000 ? `${Math.round(meters)} 米` : `${(meters / 1000).toFixed(1)} 公里`
}

/** 4.25 → '4.3'; null → '暂无评分' */
export function fmtStars(avg: number | null | undefined): string {
  return avg === null || avg === undefined ? '暂无评分' : `${(Math.round(avg * 10) / 10).toFixed(1)} 分`
}

/** Whether a due time (ISO) has passed on this device's clock; a missing or unparsable one never has. */
export function overdue(iso: string | null | undefined, now: number = Date.now()): boolean {
  const ms = toMs(iso)
  return ms !== null && isPastDue(new Date(ms), now)
}

/** Today in Beijing, 'YYYY-MM-DD' (the date pickers' bounds). */
export function todayBeijing(): string {
  return beijingDateOf(Date.now())
}
