import type { Resolution } from './model'
import { resolutionStatus } from './stages'
import { addTally, emptyTally, itemTally, type Tally } from './summaries'

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

/** A board line from summed counters (summaries.ts): an overdue item owes one disclosure more than it published. */
export function lineOfTally(key: string, label: string, partial: Partial<Tally>): BoardLine {
  // A stored line holds only the counters that ever moved.
  const t: Tally = { ...emptyTally(), ...partial }
  const due = t.disclosures + t.overdue
  const onTime = t.disclosuresOnTime
  return {
    key,
    label,
    items: t.items,
    done: t.done,
    disclosuresDue: due,
    disclosuresOnTime: onTime,
    onTimeRate: due ? onTime / due : null,
    overdue: t.overdue,
    averageDaysToResult: t.done ? Math.round((t.daysToResult / t.done) * 10) / 10 : null,
    list: t.overdue > 0 ? 'black' : due > 0 && onTime === due ? 'red' : 'none',
  }
}

function tallyOf(resolutions: readonly BoardResolution[], now: Date): Tally {
  const t = emptyTally()
  for (const r of resolutions) addTally(t, itemTally(r, resolutionStatus(r, now)))
  return t
}

export function boardLine(key: string, label: string, resolutions: readonly BoardResolution[], now: Date): BoardLine {
  return lineOfTally(key, label, tallyOf(resolutions, now))
}

/** Black list first, then by overdue count, on-time rate (worst first), name; lines without items are left out. */
export function rankLines(lines: BoardLine[]): BoardLine[] {
  const rank = { black: 0, none: 1, red: 2 } as const
  return lines
    .filter((line) => line.items > 0)
    .sort((a, b) => rank[a.list] - rank[b.list] || b.overdue - a.overdue || (a.onTimeRate ?? 1) - (b.onTimeRate ?? 1) || a.label.localeCompare(b.label))
}

/** One line per assignee, black list first, then by on-time rate. */
export function assigneeBoard(resolutions: readonly BoardResolution[], now: Date): BoardLine[] {
  const byAssignee = new Map<string, BoardResolution[]>()
  for (const r of resolutions) {
    const list = byAssignee.get(r.assigneeName) ?? []
    list.push(r)
    byAssignee.set(r.assigneeName, list)
  }
  return rankLines([...byAssignee.entries()].map(([name, rs]) => boardLine(name, name, rs, now)))
}
