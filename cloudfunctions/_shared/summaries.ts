/**
 * Keeps the board summaries (src/domain/summaries.ts) in step with the items, inside the transaction that writes an
 * item: every write of a resolution calls `tallyItem` right after it (or `tallyRating` for a rating's totals), which
 * reads the item as written, takes out what its summaries counted (`before`, in its recorded `boardStatus`), puts in
 * what is true now, stamps the status now counted on the item, and moves each summary with the database's atomic
 * `_.inc`. An item without `boardStatus` was never counted (written before summaries existed): it is only put in.
 */
import { database } from './db'
import { readIn, type Tx } from './pipeline'
import { resolutionStatus } from '../../src/domain/stages'
import { applyDelta, emptySummary, summaryDelta, type CountedItem, type TalliedItem } from '../../src/domain/summaries'

export const SUMMARIES = 'board_summaries'

/** The item as its summaries count it, or null when they do not count it. */
export const counted = (item: TalliedItem | null): CountedItem | null => (item?.boardStatus ? { item, status: item.boardStatus } : null)

/** Moves the summaries by the increments of summaryDelta; a summary not yet written is created with them. */
export async function applySummaryDelta(tx: Tx, delta: Record<string, Record<string, number>>, item: TalliedItem): Promise<void> {
  const _ = database().command
  for (const [id, paths] of Object.entries(delta)) {
    const existing = await readIn(tx, SUMMARIES, id)
    if (!existing) {
      const community = id.startsWith('community:')
      const created = applyDelta(emptySummary(community ? 'community' : 'township', community ? item.communityId : item.townshipId, item.townshipId), paths)
      await tx.collection(SUMMARIES).add({ data: created })
      continue
    }
    await tx.collection(SUMMARIES).doc(id).update({ data: Object.fromEntries(Object.entries(paths).map(([p, n]) => [p, _.inc(n)])) })
  }
}

/**
 * Call right after writing resolution `id` in transaction `tx`; `before` is the item as read before the write (null
 * for a new item). `now` is the instant the status is judged at (the function's clock by default).
 */
export async function tallyItem(tx: Tx, id: string, before: TalliedItem | null, now: Date = new Date()): Promise<void> {
  const after = await readIn<TalliedItem>(tx, 'resolutions', id)
  if (!after) return
  const status = resolutionStatus(after, now)
  const delta = summaryDelta(counted(before), { item: after, status })
  await applySummaryDelta(tx, delta, after)
  if (after.boardStatus !== status) await tx.collection('resolutions').doc(id).update({ data: { boardStatus: status } })
}

/** Call beside the `_.inc` of a resolution's rating totals: the summaries move by the same amounts. */
export async function tallyRating(tx: Tx, id: string, count: number, sum: number): Promise<void> {
  const item = await readIn<TalliedItem>(tx, 'resolutions', id)
  // An item not yet counted is put in whole (its totals included) when it is first counted.
  if (!item?.boardStatus || (!count && !sum)) return
  const zero = { ...item, ratingCount: 0, ratingSum: 0 }
  // Only the rating counters differ between the two sides ('rejected' counts nothing else).
  await applySummaryDelta(tx, summaryDelta({ item: zero, status: 'rejected' }, { item: { ...zero, ratingCount: count, ratingSum: sum }, status: 'rejected' }), item)
}
