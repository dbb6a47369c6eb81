/** Helpers the board actions share. */
import { ALL, database, findAll, getDoc } from '../_shared/db'
import { SUMMARIES } from '../_shared/summaries'
import { byIds, currentSummary, itemsNeedingAttention, type BoardItem } from '../_shared/summary-reads'
import { loadCommunity } from '../_shared/caller'
import { topicSummary } from '../_shared/views'
import type { Community, Rating, Topic } from '../../src/domain/model'
import { lineOfTally, rankLines } from '../../src/domain/board'
import { communitySummaryId, lineName, type BoardSummary } from '../../src/domain/summaries'
import { resolutionStatus, topicStage } from '../../src/domain/stages'
import { DEADLINE_LABELS, sendKey } from '../../src/domain/reminders'
import { inScope } from '../../src/domain/policy'
import type { Actor } from '../../src/domain/model'

export const PER_STAGE = 10
export const RECENT_RESULTS = 5

export interface Escalation {
  _id: string
  resolutionId: string
  ratingId: string | null
  topicId: string
  deadline: 'disclosure' | 'handling' | 'ratingReply'
  dueAt: Date
  escalatedAt: Date
}

/** The community a caller looks at: their own, or for township and county staff the one they name within reach. */
export async function communityFor(actor: Actor | null, requested: string | undefined): Promise<Community | null> {
  const id = requested ?? actor?.communityId
  const community = await loadCommunity(id)
  if (!community || !actor) return null
  return inScope(actor, { communityId: community._id, townshipId: community.townshipId }) ? community : null
}

/**
 * The red/black board: its lines come from the community's summary (one read, whatever the number of items); the
 * overdue list reads only what is overdue now (indexed on the deadlines) and the escalations of those by id.
 */
export async function board(community: Community, now: Date) {
  const _ = database().command
  const communityId = community._id
  const [attention, lateRatings, stored] = await Promise.all([
    // One read of the few items the board needs one by one, each branch served by its own index.
    itemsNeedingAttention([communityId], now),
    // Low ratings whose reply is late now (the reply_due index holds only replies still owed).
    findAll<Rating>('ratings', { pendingReplyDueAt: _.lt(now), communityId }, { limit: ALL }),
    getDoc<BoardSummary>(SUMMARIES, communitySummaryId(communityId)),
  ])
  const summary = currentSummary(community, stored, attention, now)
  const dueNow = attention.filter((r) => r.disclosureDueAt && r.disclosureDueAt.getTime() < now.getTime())
  const openLate = attention.filter((r) => r.openDueAt && r.openDueAt.getTime() < now.getTime())
  const overdueItems = dueNow.filter((r) => resolutionStatus(r, now) === 'overdue')
  // The handling deadline (定人限时) passed on an item still being handled.
  const lateHandling = openLate.filter((r) => r.passed && !r.resultPublishedAt && r.handlingFrom && r.handlingFrom.getTime() < now.getTime() && r.dueAt.getTime() < now.getTime())
  // An escalation is about one deadline: its id is the sweep's send key (kind, deadline, item, due instant), so the
  // escalation of each deadline overdue now is read by id — an item overdue on a later deadline is not shown as
  // escalated by the record of an earlier one, and no escalation is missed however many there are.
  const keys = [
    ...overdueItems.map((r) => sendKey('escalate', 'disclosure', r._id, r.disclosureDueAt!)),
    ...lateHandling.map((r) => sendKey('escalate', 'handling', r._id, r.dueAt)),
    ...lateRatings.filter((x) => x.replyDueAt && !x.reply).map((x) => sendKey('escalate', 'ratingReply', x._id, x.replyDueAt!)),
  ]
  const escalated = new Map((await byIds<Escalation>('escalations', keys)).map((e) => [e._id, e]))
  const byId = new Map([...dueNow, ...openLate].map((r) => [r._id, r]))
  const missing = [...new Set([...escalated.values()].map((e) => e.resolutionId).filter((id) => !byId.has(id)))]
  for (const r of await byIds<BoardItem>('resolutions', missing)) byId.set(r._id, r)
  const overdue = overdueItems.map((r) => {
    const e = escalated.get(sendKey('escalate', 'disclosure', r._id, r.disclosureDueAt!))
    return {
      resolutionId: r._id,
      topicId: r.topicId,
      title: r.title,
      assigneeName: r.assigneeName,
      deadline: 'disclosure' as 'disclosure' | 'handling' | 'ratingReply',
      deadlineLabel: DEADLINE_LABELS.disclosure,
      dueAt: r.disclosureDueAt!.toISOString(),
      escalatedAt: e ? new Date(e.escalatedAt).toISOString() : null,
    }
  })
  // Handling deadlines and low-rating replies are listed once escalated, while still owed.
  for (const key of keys) {
    const e = escalated.get(key)
    if (!e || e.deadline === 'disclosure') continue
    const r = byId.get(e.resolutionId)
    if (!r) continue
    overdue.push({
      resolutionId: e.resolutionId,
      topicId: r.topicId,
      title: r.title,
      assigneeName: r.assigneeName,
      deadline: e.deadline,
      deadlineLabel: DEADLINE_LABELS[e.deadline],
      dueAt: new Date(e.dueAt).toISOString(),
      escalatedAt: new Date(e.escalatedAt).toISOString(),
    })
  }
  return {
    community: lineOfTally(community._id, community.name, summary.total),
    assignees: rankLines(Object.entries(summary.lines).map(([key, tally]) => lineOfTally(lineName(key), lineName(key), tally))),
    overdue,
  }
}

export type FeedStage = 'published' | 'deliberated' | 'noticed' | 'handling'

/** What the feed reads of a topic: its stage's milestones and its summary (topicSummary), not its texts or history. */
const FEED_FIELDS = {
  _id: true, title: true, category: true, categoryLabel: true, meetingAt: true, meetingPlace: true, publishedAt: true, heldAt: true, noticedAt: true, 'notice.closesAt': true, resultPublishedAt: true, counts: true,
}

/**
 * The newest topics of each stage, each read by its own query on the milestones the stage is derived from
 * (stages.ts topicStage), so the feed reads what it shows and not every topic the community ever had.
 */
export async function feedTopics(communityId: string, now: Date) {
  const _ = database().command
  const newest = async (where: Record<string, unknown>, orderBy: string, limit: number) =>
    (await database().collection('topics').where({ communityId, ...where }).orderBy(orderBy, 'desc').limit(limit).field(FEED_FIELDS).get()).data as Topic[]
  const open = { resultPublishedAt: null }
  const [published, deliberated, noticed, handling, results] = await Promise.all([
    newest({ ...open, noticedAt: null, heldAt: null }, 'publishedAt', PER_STAGE),
    newest({ ...open, noticedAt: null, heldAt: _.neq(null) }, 'publishedAt', PER_STAGE),
    newest({ ...open, noticedAt: _.neq(null), 'notice.closesAt': _.gte(now) }, 'publishedAt', PER_STAGE),
    newest({ ...open, noticedAt: _.neq(null), 'notice.closesAt': _.lt(now) }, 'publishedAt', PER_STAGE),
    newest({ resultPublishedAt: _.neq(null) }, 'resultPublishedAt', RECENT_RESULTS),
  ])
  const summaries = (topics: Topic[], stage: FeedStage | 'resultPublished') => topics.filter((t) => topicStage(t, now) === stage).map((t) => topicSummary(t, now))
  return {
    byStage: {
      published: summaries(published, 'published'),
      deliberated: summaries(deliberated, 'deliberated'),
      noticed: summaries(noticed, 'noticed'),
      handling: summaries(handling, 'handling'),
    } as Record<FeedStage, ReturnType<typeof topicSummary>[]>,
    recentResults: summaries(results, 'resultPublished'),
  }
}

export const HOME_BOARD_LINES = 10
export function headOf(b: Awaited<ReturnType<typeof board>>) {
  return { ...b, assignees: b.assignees.slice(0, HOME_BOARD_LINES), overdue: b.overdue.slice(0, HOME_BOARD_LINES) }
}
