import { daysBetween, beijingDateOf } from './calendar'
import { disclosureOnTime } from './disclosure'
import type { Resolution } from './model'
import { resolutionStatus } from './stages'

/**
 * The public red/black board (红黑榜, seed 000): per community and per assignee, the share of progress disclosures
 * published on time, the items overdue now, and the average days from the notice closing to the result.
 */
export interface BoardLine {
  key: string
  label: string
  items: number
  done: number
  disclosuresDue: number
  disclosuresOnTime: number
  /** 0–1, or null while nothing has fallen due. */
  onTimeRate: number | null
  overdue: number
  averageDaysToResult: number | null
  /** 红榜: everything due was disclosed on time and nothing is overdue. 黑榜: something is overdue now. */
  list: 'red' | 'black' | 'none'
}

type BoardResolution = Pick<Resolution, 'passed' | 'handlingFrom' | 'disclosureDueAt' | 'resultPublishedAt' | 'disclosures' | 'assigneeName'>

export function boardLine(key: string, label: string, resolutions: readonly BoardResolution[], now: Date): BoardLine {
  let items = 0
  let done = 0
  let due = 0
  let onTime = 0
  let overdue = 0
  let daysSum = 0
  for (const r of resolutions) {
    const status = resolutionStatus(r, now)
    if (status === 'rejected' || status === 'awaitingNotice') continue
    items++
    for (const d of r.disclosures) {
      due++
      if (disclosureOnTime(d)) onTime++
    }
    if (status === 'overdue') {
      overdue++
      due++
    }
    if (status === 'done' && r.handlingFrom && r.resultPublishedAt) {
      done++
      daysSum += Math.max(0, daysBetween(beijingDateOf(r.handlingFrom), beijingDateOf(r.resultPublishedAt)))
    }
  }
  const onTimeRate = due ? onTime / due : null
  return {
    key,
    label,
    items,
    done,
    disclosuresDue: due,
    disclosuresOnTime: onTime,
    onTimeRate,
    overdue,
    averageDaysToResult: done ? Math.round((daysSum / done) * 10) / 10 : null,
    list: overdue > 0 ? 'black' : due > 0 && onTime === due ? 'red' : 'none',
  }
}

/** One line per assignee, black list first, then by on-time rate. */
export function assigneeBoard(resolutions: readonly BoardResolution[], now: Date): BoardLine[] {
  const byAssignee = new Map<string, BoardResolution[]>()
  for (const r of resolutions) {
    const list = byAssignee.get(r.assigneeName) ?? []
    list.push(r)
    byAssignee.set(r.assigneeName, list)
  }
  const rank = { black: 0, none: 1, red: 2 } as const
  return [...byAssignee.entries()]
    .map(([name, rs]) => boardLine(name, name, rs, now))
    .filter((line) => line.items > 0)
    .sort((a, b) => rank[a.list] - rank[b.list] || b.overdue - a.overdue || (a.onTimeRate ?? 1) - (b.onTimeRate ?? 1) || a.label.localeCompare(b.label))
}
