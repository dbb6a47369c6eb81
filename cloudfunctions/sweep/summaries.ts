/**
 * The sweep's correction of the board summaries (src/domain/summaries.ts). Items change status with the clock alone
 * (a notice closes: handling starts; a disclosure deadline passes: overdue), and items written before summaries
 * existed were never counted. Each run selects exactly those items — by their counted status and the deadline
 * window, through the board_status_* indexes — and recounts each in its own transaction (tallyItem re-reads it), so a
 * re-run or a race with a write finds nothing left to move and counts nothing twice.
 */
import { database, findAll } from '../_shared/db'
import { writeWithHistory } from '../_shared/pipeline'
import { tallyItem } from '../_shared/summaries'
import type { TalliedItem } from '../../src/domain/summaries'

// At most 1,000 items per run, so the reminders that follow keep their time; a backlog is worked off run by run.
const BATCH = 200
const MAX_BATCHES = 5

export async function correctSummaries(now: Date): Promise<{ corrected: number }> {
  const _ = database().command
  let corrected = 0
  for (let round = 0; round < MAX_BATCHES; round++) {
    const lists = await Promise.all([
      // Never counted (boardStatus missing).
      findAll<{ _id: string }>('resolutions', { boardStatus: null }, { limit: BATCH, fields: { _id: true } }),
      // Counted as awaiting the notice, whose notice has closed since.
      findAll<{ _id: string }>('resolutions', { boardStatus: 'awaitingNotice', handlingFrom: _.lt(now) }, { limit: BATCH, fields: { _id: true } }),
      // Counted as handling, whose disclosure deadline has passed since.
      findAll<{ _id: string }>('resolutions', { boardStatus: 'handling', disclosureDueAt: _.lt(now) }, { limit: BATCH, fields: { _id: true } }),
    ])
    const ids = [...new Set(lists.flat().map((x) => x._id))]
    for (const id of ids) {
      await writeWithHistory(async (tx) => {
        const fresh = (await tx.collection('resolutions').doc(id).get().catch(() => null))?.data as TalliedItem | undefined
        if (fresh) await tallyItem(tx, id, fresh, now)
        return { result: null, events: [] }
      })
    }
    corrected += ids.length
    if (lists.every((l) => l.length < BATCH)) break
  }
  return { corrected }
}
