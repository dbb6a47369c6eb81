/**
 * CloudBase timer triggers: 7 fields — second minute hour day-of-month month day-of-week year — evaluated in
 * Beijing time (UTC+8, no daylight saving), whatever the machine's time zone. `*` and `?` match anything; lists,
 * ranges and steps as in cron; months JAN–DEC, weekdays SUN–SAT or 0–6 (7 is Sunday too). A day must match both
 * day-of-month and day-of-week (a wildcard in one leaves the other to decide).
 * Shared by the function build (which validates each config.json) and the local CloudBase (which fires the timers);
 * it lives outside local-cloudbase so the build never imports the emulator.
 */

const BEIJING_OFFSET_MS = 8 * 3600_000

interface FieldSpec {
  min: number
  max: number
  names?: string[]
}

const FIELDS: FieldSpec[] = [
  { min: 0, max: 59 }, // second
  { min: 0, max: 59 }, // minute
  { min: 0, max: 23 }, // hour
  { min: 1, max: 31 }, // day of month
  { min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { min: 1970, max: 2099 },
]

export interface CronSchedule {
  source: string
  allowed: Set<number>[]
}

export class CronError extends Error {}

function parseValue(text: string, spec: FieldSpec, field: string): number {
  const upper = text.toUpperCase()
  const named = spec.names?.indexOf(upper) ?? -1
  const n = named >= 0 ? named + spec.min : /^\d+$/.test(text) ? Number(text) : NaN
  if (!Number.isInteger(n) || n < spec.min || n > spec.max) throw new CronError(`${field}: ${text} is out of range ${spec.min}-${spec.max}`)
  return n
}

export function parseCron(source: string): CronSchedule {
  const parts = source.trim().split(/\s+/)
  if (parts.length !== 7) throw new CronError(`a CloudBase timer has 7 fields (second minute hour day month weekday year), got ${parts.length}: "${source}"`)
  const names = ['second', 'minute', 'hour', 'day', 'month', 'weekday', 'year']
  const allowed: Set<number>[] = []
  parts.forEach((part, i) => {
    const spec = FIELDS[i]!
    const set = new Set<number>()
    const field = names[i]!
    for (const item of part.split(',')) {
      const [rangeText, stepText] = item.split('/') as [string, string | undefined]
      const step = stepText === undefined ? 1 : Number(stepText)
      if (!Number.isInteger(step) || step < 1) throw new CronError(`${field}: bad step in "${item}"`)
      let lo: number
      let hi: number
      if (rangeText === '*' || rangeText === '?') {
        lo = spec.min
        hi = spec.max
      } else if (rangeText.includes('-')) {
        const [a, b] = rangeText.split('-') as [string, string]
        lo = parseValue(a, spec, field)
        hi = parseValue(b, spec, field)
        if (hi < lo) throw new CronError(`${field}: range ${rangeText} runs backwards`)
      } else {
        lo = parseValue(rangeText, spec, field)
        hi = stepText === undefined ? lo : spec.max
      }
      for (let v = lo; v <= hi; v += step) set.add(i === 5 && v === 7 ? 0 : v)
    }
    allowed.push(set)
  })
  return { source, allowed }
}

/** The first fire time strictly after `after`, or null if none within five years. */
export function nextFireAfter(schedule: CronSchedule, after: Date): Date | null {
  const [sec, min, hour, dom, month, dow, year] = schedule.allowed as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>]
  // Work in "Beijing wall time" expressed as a UTC timestamp.
  const startWall = Math.floor((after.getTime() + BEIJING_OFFSET_MS) / 1000) * 1000 + 1000
  const startDay = Math.floor(startWall / 86_400_000)
  for (let day = startDay; day < startDay + 366 * 5; day++) {
    const d = new Date(day * 86_400_000)
    if (!year.has(d.getUTCFullYear()) || !month.has(d.getUTCMonth() + 1)) continue
    const domOk = dom.has(d.getUTCDate())
    const dowOk = dow.has(d.getUTCDay())
    if (!(domOk && dowOk)) continue
    const fromSecond = day === startDay ? Math.floor((startWall % 86_400_000) / 1000) : 0
    for (let h = Math.floor(fromSecond / 3600); h < 24; h++) {
      if (!hour.has(h)) continue
      for (let m = 0; m < 60; m++) {
        if (!min.has(m)) continue
        for (let s = 0; s < 60; s++) {
          if (!sec.has(s)) continue
          const secondOfDay = h * 3600 + m * 60 + s
          if (secondOfDay < fromSecond) continue
          return new Date(day * 86_400_000 + secondOfDay * 1000 - BEIJING_OFFSET_MS)
        }
      }
    }
  }
  return null
}
