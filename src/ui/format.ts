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

/** A deadline's name without a trailing 期限 ('办理期限' → '办理'), so "…期限" is never said twice. */
export function deadlineName(label: string): string {
  return label.replace(/期限$/, '')
}

/** How long ago a due time passed, in words: whole days once a day has passed, hours before that; '' if not yet due. */
export function lateBy(dueIso: string | null | undefined, now: number = Date.now()): string {
  const due = toMs(dueIso)
  if (due === null || now <= due) return ''
  const hours = Math.floor((now - due) / 3_600_000)
  if (hours < 1) return '不足 1 小时'
  return hours < 24 ? `${hours} 小时` : `${Math.floor(hours / 24)} 天`
}

/** Why an item is late, in words: which deadline and by how much, e.g. '办理情况公示逾期 2 天'; '' if not yet due. */
export function overdueBy(label: string, dueIso: string | null | undefined, now: number = Date.now()): string {
  const span = lateBy(dueIso, now)
  return span ? `${deadlineName(label)}逾期 ${span}` : ''
}
