/**
 * 年总结 counted by the database: a few aggregations over the communities in reach answer a few dozen groups instead of
 * every item, topic and rating of a year (a township's year is tens of thousands of documents; reading them took the
 * report past 5 s). The rules are those of `countYear` (src/domain/reports-cycle.ts), written as aggregation
 * expressions; tests/cloud/supervision-cycle.test.ts holds the two equal on the same documents.
 */
import { database } from '../_shared/db'
import { yearRange, type ItemOutcome, type YearCounts } from '../../src/domain/reports-cycle'
import type { ItemSource } from '../../src/domain/items'

/**
 * Production answers an aggregation without a limit stage with at most 20 results: every aggregation here names its
 * limit, and an answer that fills it is refused rather than read as complete.
 */
const GROUP_LIMIT = 1000

function complete<T>(list: T[], what: string): T[] {
  if (list.length >= GROUP_LIMIT) throw new Error(`年总结: ${what} answered ${list.length} groups, the limit; the count would be incomplete`)
  return list
}

type Range = { from: Date; to: Date }

/**
 * Items decided in the year (decidedAt; old documents without it: handlingFrom), as a query: the database filters
 * with its query engine and groups by stored fields, so no expression is evaluated per item.
 */
function decidedIn(communityIds: string[], range: Range) {
  const _ = database().command
  const inRange = _.gte(range.from).and(_.lte(range.to))
  return _.and([{ communityId: _.in(communityIds) }, _.or([{ decidedAt: inRange }, { decidedAt: null, handlingFrom: inRange }])])
}

interface DecidedGroup {
  _id: { source?: ItemSource | null; category?: string | null; topicCategory?: string[] | null; passed?: boolean | null }
  n: number
}

/**
 * Items decided in the year by source, category and outcome. A meeting item's category is its topic's (looked up), a
 * 三单 item's its own, else 'other'; an item that did not pass is rejected, one with a published result done, the
 * rest open. Two aggregations: all decided items by (source, category, passed), and the done ones by (source,
 * category); open = passed − done.
 */
async function countDecided(communityIds: string[], range: Range): Promise<YearCounts['decided']> {
  const _ = database().command
  const key = { source: '$source', category: '$category', topicCategory: '$topic.category' }
  const lookup = { from: 'topics', localField: 'topicId', foreignField: '_id', as: 'topic' }
  const [all, done] = await Promise.all([
    database().collection('resolutions').aggregate().match(decidedIn(communityIds, range)).lookup(lookup).group({ _id: { ...key, passed: '$passed' }, n: { $sum: 1 } }).limit(GROUP_LIMIT).end(),
    database()
      .collection('resolutions')
      .aggregate()
      .match(_.and([decidedIn(communityIds, range), { passed: true, resultPublishedAt: _.neq(null) }]))
      .lookup(lookup)
      .group({ _id: key, n: { $sum: 1 } })
      .limit(GROUP_LIMIT)
      .end(),
  ])
  const groups = new Map<string, YearCounts['decided'][number]>()
  const add = (g: DecidedGroup, outcome: ItemOutcome, n: number) => {
    const source = g._id.source ?? 'meeting'
    const category = g._id.topicCategory?.[0] ?? g._id.category ?? 'other'
    const k = `${source}/${category}/${outcome}`
    const group = groups.get(k) ?? { source, category, outcome, n: 0 }
    group.n += n
    groups.set(k, group)
  }
  for (const g of complete(all.list as DecidedGroup[], 'items')) add(g, g._id.passed === true ? 'open' : 'rejected', g.n)
  for (const g of complete(done.list as DecidedGroup[], 'done items')) {
    add(g, 'done', g.n)
    add(g, 'open', -g.n)
  }
  return [...groups.values()].filter((g) => g.n !== 0)
}

/** Items decided in the year that passed and are overdue now: still open past the due date, or done after it. */
async function countOverdue(communityIds: string[], range: Range, now: Date): Promise<number> {
  const _ = database().command
  const res = await database()
    .collection('resolutions')
    .aggregate()
    .match(_.and([decidedIn(communityIds, range), { passed: true }, _.or([{ resultPublishedAt: null, dueAt: _.lt(now) }, _.expr({ $gt: ['$resultPublishedAt', '$dueAt'] })])]))
    .count('n')
    .end()
  return (res.list[0] as { n: number } | undefined)?.n ?? 0
}

/** Disclosures due in the year (of any item), and how many of them were published by their due time. */
async function countDisclosures(communityIds: string[], range: Range): Promise<{ due: number; onTime: number }> {
  const _ = database().command
  const inRange = _.gte(range.from).and(_.lte(range.to))
  const res = await database()
    .collection('resolutions')
    .aggregate()
    // Inside elemMatch the SDK does not encode a command (`_.gte(…).and(…)` arrives as {operator, operands} and
    // matches nothing): the condition is written in the query language itself.
    .match({ communityId: _.in(communityIds), disclosures: _.elemMatch({ dueAt: { $gte: range.from, $lte: range.to } }) })
    .project({ disclosures: true })
    .unwind('$disclosures')
    .match({ 'disclosures.dueAt': inRange })
    .group({ _id: { $lte: ['$disclosures.at', '$disclosures.dueAt'] }, n: { $sum: 1 } })
    .limit(GROUP_LIMIT)
    .end()
  const groups = res.list as { _id: boolean; n: number }[]
  return { due: groups.reduce((n, g) => n + g.n, 0), onTime: groups.find((g) => g._id === true)?.n ?? 0 }
}

/** Meetings held in the year, the residents who joined their topics and the households present. */
async function countMeetings(communityIds: string[], range: Range) {
  const _ = database().command
  const res = await database()
    .collection('topics')
    .aggregate()
    .match({ communityId: _.in(communityIds), heldAt: _.gte(range.from).and(_.lte(range.to)) })
    .group({ _id: null, meetings: { $sum: 1 }, participants: { $sum: { $ifNull: ['$counts.joined', 0] } }, households: { $sum: { $ifNull: ['$attendance.households', 0] } } })
    .limit(GROUP_LIMIT)
    .end()
  const [got] = res.list as { meetings: number; participants: number; households: number }[]
  return got ?? { meetings: 0, participants: 0, households: 0 }
}

/** Ratings given in the year, by stars. */
async function countStars(communityIds: string[], range: Range) {
  const _ = database().command
  const res = await database()
    .collection('ratings')
    .aggregate()
    .match({ communityId: _.in(communityIds), at: _.gte(range.from).and(_.lte(range.to)) })
    .group({ _id: '$stars', n: { $sum: 1 } })
    .limit(GROUP_LIMIT)
    .end()
  return complete(res.list as { _id: number; n: number }[], 'ratings').map((g) => ({ stars: g._id, n: g.n }))
}

/** Escalations raised in the year. */
async function countEscalations(communityIds: string[], range: Range): Promise<number> {
  const _ = database().command
  const res = await database()
    .collection('escalations')
    .where({ communityId: _.in(communityIds), escalatedAt: _.gte(range.from).and(_.lte(range.to)) })
    .count()
  return res.total as number
}

/** The 年总结 counts of a Beijing year over the given communities, as `countYear` would count their documents. */
export async function countYearInDatabase(communityIds: string[], year: number, now: Date): Promise<YearCounts> {
  const range = yearRange(year)
  if (!communityIds.length) return { meetings: 0, participants: 0, households: 0, decided: [], overdue: 0, disclosuresDue: 0, disclosuresOnTime: 0, stars: [], escalations: 0 }
  const [decided, overdue, disclosures, meetings, stars, escalations] = await Promise.all([
    countDecided(communityIds, range),
    countOverdue(communityIds, range, now),
    countDisclosures(communityIds, range),
    countMeetings(communityIds, range),
    countStars(communityIds, range),
    countEscalations(communityIds, range),
  ])
  return { ...meetings, decided, overdue, disclosuresDue: disclosures.due, disclosuresOnTime: disclosures.onTime, stars, escalations }
}
