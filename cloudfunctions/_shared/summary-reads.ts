/**
 * Reading the board summaries (src/domain/summaries.ts) as true now: the stored counters of a community, corrected in
 * memory for the items the clock has overtaken since they were counted and for items never counted. Shared by the
 * community board (board function) and the township workbench (supervision function), so both rank from one
 * document per community instead of reading every item.
 */
import { ALL, database, findAll } from './db'
import { counted, SUMMARIES } from './summaries'
import type { Community, Resolution } from '../../src/domain/model'
import { applyDelta, communitySummaryId, emptySummary, summaryDelta, type BoardSummary, type TalliedItem } from '../../src/domain/summaries'
import { resolutionStatus } from '../../src/domain/stages'


/** What the board reads of a resolution: no texts, photos, votes or ratings; what its summary counters are made of. */
export type BoardItem = Pick<Resolution, '_id' | 'topicId' | 'communityId' | 'townshipId' | 'title' | 'assigneeName' | 'passed' | 'handlingFrom' | 'disclosureDueAt' | 'resultPublishedAt' | 'dueAt' | 'openDueAt' | 'ratingCount' | 'ratingSum'> & {
  disclosures: Pick<Resolution['disclosures'][number], 'at' | 'dueAt'>[]
} & Pick<TalliedItem, 'source' | 'boardStatus'>
export const BOARD_FIELDS = {
  _id: true, topicId: true, communityId: true, townshipId: true, title: true, assigneeName: true, passed: true, handlingFrom: true, disclosureDueAt: true, resultPublishedAt: true, dueAt: true,
  openDueAt: true, ratingCount: true, ratingSum: true, source: true, boardStatus: true,
  'disclosures.at': true, 'disclosures.dueAt': true,
}

/** Documents by id, 500 ids a query. */
export async function byIds<T>(collection: string, ids: string[]): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < ids.length; i += 500) out.push(...(await findAll<T>(collection, { _id: database().command.in(ids.slice(i, i + 500)) }, { limit: ALL })))
  return out
}

/**
 * The items of the communities a summary read must look at one by one, in one query whose every branch an index
 * serves: past their disclosure deadline (disclosureDueAt is null once the result is published); still open past
 * their handling deadline (openDueAt is null once done); counted as awaiting the notice whose notice has closed
 * since; never counted (stored before summaries existed). Bounded by what is late or changing now, not by history.
 */
export async function itemsNeedingAttention(communityIds: string[], now: Date): Promise<BoardItem[]> {
  const _ = database().command
  const communityId = communityIds.length === 1 ? communityIds[0]! : _.in(communityIds)
  return findAll<BoardItem>(
    'resolutions',
    _.or([
      { communityId, disclosureDueAt: _.lt(now) },
      { communityId, openDueAt: _.lt(now) },
      { communityId, boardStatus: 'awaitingNotice', handlingFrom: _.lt(now) },
      { communityId, boardStatus: null },
    ]),
    { limit: ALL, fields: BOARD_FIELDS },
  )
}

/**
 * The community's summary as true at `now`: the maintained counters (one document), corrected in memory for the few
 * items the clock has overtaken since they were counted (a notice closed, a disclosure deadline passed: the sweep
 * writes these corrections hourly) and for items not yet counted at all. `attention` holds every such item of the
 * community (and possibly others, which change nothing).
 */
export function currentSummary(community: Pick<Community, '_id' | 'townshipId'>, stored: BoardSummary | null, attention: readonly BoardItem[], now: Date): BoardSummary {
  const summary = stored ?? emptySummary('community', community._id, community.townshipId)
  for (const item of attention) {
    if (item.communityId !== community._id) continue
    const status = resolutionStatus(item, now)
    if (item.boardStatus === status) continue
    const paths = summaryDelta(counted(item), { item, status })[summary._id]
    if (paths) applyDelta(summary, paths)
  }
  return summary
}

/** The stored summaries of the communities, by community id (a community without one is absent). */
export async function storedSummaries(communityIds: string[]): Promise<Map<string, BoardSummary>> {
  const docs = await byIds<BoardSummary>(SUMMARIES, communityIds.map(communitySummaryId))
  return new Map(docs.filter((d) => d.communityId).map((d) => [d.communityId!, d]))
}
