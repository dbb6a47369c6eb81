import { daysBetween, beijingDateOf } from './calendar'
import { disclosureOnTime } from './disclosure'
import { itemSource, type ItemSource } from './items'
import type { Resolution } from './model'
import { resolutionStatus, type ResolutionStatus } from './stages'

/**
 * Board summaries: what the red/black board (board.ts) and the home feed's counters read, kept per community and per
 * township as sums of per-item counters, so a view reads one document instead of every item. Each item contributes
 * `itemTally(item, status)`; a write moves the summaries by `summaryDelta(before, after)` in the transaction that
 * writes the item, and `rebuildSummaries(items, now)` recomputes them from the items (the repair path and the test).
 *
 * An item's status depends on the clock (handling turns overdue when its disclosure deadline passes, a noticed item
 * starts handling when its notice closes), so each item records the status its summaries count (`boardStatus`):
 * a write subtracts what was counted, adds what is true now, and the sweep (and each board read) corrects the items
 * whose counted status the clock has since overtaken.
 */

/** Counters summed over items. `disclosures`/`disclosuresOnTime` count published disclosures (board.ts adds the overdue). */
export const TALLY_KEYS = [
  'items',
  'done',
  'disclosures',
  'disclosuresOnTime',
  'overdue',
  'daysToResult',
  'ratings',
  'ratingSum',
  'meeting',
  'handle',
  'transfer',
] as const
export type TallyKey = (typeof TALLY_KEYS)[number]
export type Tally = Record<TallyKey, number>

export const emptyTally = (): Tally => Object.fromEntries(TALLY_KEYS.map((k) => [k, 0])) as Tally

/** What the summaries read of an item. */
export type TalliedItem = Pick<Resolution, '_id' | 'communityId' | 'townshipId' | 'passed' | 'handlingFrom' | 'disclosureDueAt' | 'resultPublishedAt' | 'assigneeName' | 'ratingCount' | 'ratingSum'> & {
  /** A disclosure's instants only (what the board projects). */
  disclosures: Pick<Resolution['disclosures'][number], 'at' | 'dueAt'>[]
  source?: ItemSource | null
  /** The status the summaries count for this item (absent on items written before summaries existed). */
  boardStatus?: ResolutionStatus | null
}

/**
 * One item's counters in a given status. Rule (seed 000 红黑榜, as board.ts read it before summaries): an item counts
 * on the board from the moment its notice closes (handling, overdue or done), not while rejected or awaiting the
 * notice; an overdue item owes one more disclosure; a done item adds its Beijing days from handling to result.
 * Ratings count whatever the status (only published results are rated).
 */
export function itemTally(
  r: Pick<TalliedItem, 'passed' | 'handlingFrom' | 'resultPublishedAt' | 'disclosures' | 'source'> & Partial<Pick<TalliedItem, 'ratingCount' | 'ratingSum'>>,
  status: ResolutionStatus,
): Tally {
  const t = emptyTally()
  t.ratings = r.ratingCount ?? 0
  t.ratingSum = r.ratingSum ?? 0
  if (status === 'rejected' || status === 'awaitingNotice') return t
  t.items = 1
  t[itemSource(r)] = 1
  for (const d of r.disclosures ?? []) {
    t.disclosures++
    if (disclosureOnTime(d)) t.disclosuresOnTime++
  }
  if (status === 'overdue') t.overdue = 1
  if (status === 'done' && r.handlingFrom && r.resultPublishedAt) {
    t.done = 1
    t.daysToResult = Math.max(0, daysBetween(beijingDateOf(r.handlingFrom), beijingDateOf(r.resultPublishedAt)))
  }
  return t
}

export function addTally(into: Tally, t: Tally, sign = 1): Tally {
  for (const k of TALLY_KEYS) into[k] += sign * t[k]
  return into
}

/** One summary document: a community's (with a line per assignee) or a township's (with a line per community). */
export interface BoardSummary {
  _id: string
  scope: 'community' | 'township'
  communityId: string | null
  townshipId: string
  total: Tally
  /** Keyed by `lineKey(assigneeName)` (community) or `lineKey(communityId)` (township). */
  lines: Record<string, Tally>
}

export const communitySummaryId = (communityId: string) => `community:${communityId}`
export const townshipSummaryId = (townshipId: string) => `township:${townshipId}`

/** A line's key inside a summary: the name's UTF-16 units in hex, so any name is a safe field name (no dots, no `$`). */
export const lineKey = (name: string) => `k${Array.from({ length: name.length }, (_x, i) => name.charCodeAt(i).toString(16).padStart(4, '0')).join('')}`
export const lineName = (key: string) => String.fromCharCode(...(key.slice(1).match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)))

export function emptySummary(scope: 'community' | 'township', id: string, townshipId: string): BoardSummary {
  return {
    _id: scope === 'community' ? communitySummaryId(id) : townshipSummaryId(id),
    scope,
    communityId: scope === 'community' ? id : null,
    townshipId,
    total: emptyTally(),
    lines: {},
  }
}

/** The summary ids and line keys an item's counters land in. */
function targets(r: TalliedItem): { summaryId: string; line: string }[] {
  return [
    // A document without a name (never written by the functions) counts on an unnamed line rather than failing.
    { summaryId: communitySummaryId(r.communityId), line: lineKey(r.assigneeName ?? '') },
    { summaryId: townshipSummaryId(r.townshipId), line: lineKey(r.communityId) },
  ]
}

export interface CountedItem {
  item: TalliedItem
  status: ResolutionStatus
}

/**
 * What a write does to the summaries: `before` as counted is taken out, `after` as counted now is put in. Out:
 * per summary id, the dotted field paths to increment (only non-zero ones). A summary absent from the answer is
 * unchanged.
 */
export function summaryDelta(before: CountedItem | null, after: CountedItem | null): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {}
  const add = (c: CountedItem, sign: number) => {
    const t = itemTally(c.item, c.status)
    for (const { summaryId, line } of targets(c.item)) {
      const paths = (out[summaryId] ??= {})
      for (const k of TALLY_KEYS) {
        if (!t[k]) continue
        paths[`total.${k}`] = (paths[`total.${k}`] ?? 0) + sign * t[k]
        paths[`lines.${line}.${k}`] = (paths[`lines.${line}.${k}`] ?? 0) + sign * t[k]
      }
    }
  }
  if (before) add(before, -1)
  if (after) add(after, 1)
  for (const [id, paths] of Object.entries(out)) {
    for (const [p, n] of Object.entries(paths)) if (n === 0) delete paths[p]
    if (!Object.keys(paths).length) delete out[id]
  }
  return out
}

/** Applies increments (as summaryDelta gives them) to a summary in memory. */
export function applyDelta(summary: BoardSummary, paths: Record<string, number>): BoardSummary {
  for (const [p, n] of Object.entries(paths)) {
    const [part, a, b] = p.split('.') as [string, string, string?]
    // Stored counters exist only once they moved: a missing one is 0.
    if (part === 'total') summary.total[a as TallyKey] = (summary.total[a as TallyKey] ?? 0) + n
    else {
      const line = (summary.lines[a] ??= emptyTally())
      line[b as TallyKey] = (line[b as TallyKey] ?? 0) + n
    }
  }
  return summary
}

/**
 * The summaries recomputed from the items, every item in the status true at `now`: what the maintained summaries
 * must equal once the clock's transitions are corrected. Communities and townships without items get no summary.
 */
export function rebuildSummaries(items: readonly TalliedItem[], now: Date): Map<string, BoardSummary> {
  const out = new Map<string, BoardSummary>()
  for (const item of items) {
    const ensure = (scope: 'community' | 'township', id: string) => {
      const s = emptySummary(scope, id, item.townshipId)
      const got = out.get(s._id) ?? s
      out.set(s._id, got)
      return got
    }
    ensure('community', item.communityId)
    ensure('township', item.townshipId)
    for (const [id, paths] of Object.entries(summaryDelta(null, { item, status: resolutionStatus(item, now) }))) applyDelta(out.get(id)!, paths)
  }
  return out
}

/** Drops all-zero lines (an assignee whose every item moved away), so maintained and rebuilt summaries compare equal. */
export function normalizedSummary(s: BoardSummary): BoardSummary {
  const lines = Object.fromEntries(
    Object.entries(s.lines ?? {})
      .map(([key, t]) => [key, { ...emptyTally(), ...t }] as const)
      .filter(([, t]) => TALLY_KEYS.some((k) => t[k] !== 0))
      .sort(([a], [b]) => a.localeCompare(b)),
  )
  return { _id: s._id, scope: s.scope, communityId: s.communityId, townshipId: s.townshipId, total: { ...emptyTally(), ...s.total }, lines }
}
