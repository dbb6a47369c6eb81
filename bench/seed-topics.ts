/**
 * Topics and their decided items as the functions would have stored them at a given stage, for the benchmarks that
 * seed the store directly (board-scale.ts, home-feed.ts, and through board-scale yearly-report.ts). Each benchmark
 * chooses its own mix of stages and instants; the documents are built here once.
 */
import { newResolutions, newTopic } from '../src/domain/records'
import { resolutionStatus } from '../src/domain/stages'
import type { Resolution } from '../src/domain/model'
import { rebuildSummaries, type TalliedItem } from '../src/domain/summaries'
import type { Store } from '../local-cloudbase/database/store'
import type { BeijingDate } from '../src/domain/calendar'
import { DAY } from './support'

export const ASSIGNEES = Array.from({ length: 20 }, (_x, i) => `承办人${i + 1}`)

/** The instants of a topic's steps so far: published always; held, noticed and result once reached. */
export interface TopicInstants {
  publishedAt: Date
  heldAt: Date | null
  noticedAt: Date | null
  resultPublishedAt: Date | null
}

/** A notice's objection window: 5 days from its publication. */
export const closesAtOf = (noticedAt: Date | null) => (noticedAt ? new Date(noticedAt.getTime() + 5 * DAY) : null)

/** Topic number `i` of a community at the steps `at` says it reached (meeting the day after publication). */
export function benchTopic(o: { id: string; communityId: string; i: number; description: string; at: TopicInstants }) {
  const { publishedAt, heldAt, noticedAt, resultPublishedAt } = o.at
  const notice = noticedAt ? { revision: 1, text: '拟办意见公告：按议定事项办理。', publishedAt: noticedAt, closesAt: closesAtOf(noticedAt), by: 'demo-staff-liu', reason: null } : null
  const topic = newTopic({
    id: o.id,
    communityId: o.communityId,
    title: `议题${o.i}：小区设施改造`,
    description: o.description,
    category: 'infrastructure',
    reportIds: [],
    meetingPlace: '社区议事厅',
    meetingAt: new Date(publishedAt.getTime() + DAY),
    invitees: ['物业公司', '居民代表'],
    requiresFourDeliberations: false,
    publishedAt,
    publishedBy: 'demo-staff-liu',
  })
  return {
    ...topic,
    heldAt,
    minutes: heldAt ? '面对面议事，逐项表决。' : null,
    attendance: heldAt ? { households: 20, invitedHouseholds: 30 } : null,
    quorumMet: heldAt ? true : null,
    noticedAt,
    notice,
    noticeHistory: notice ? [notice] : [],
    resultPublishedAt,
    counts: { joined: 3, followed: 5, support: 4, oppose: 1, opinions: 2, objections: 0, unansweredObjections: 0 },
    version: 3,
    requestKey: o.id,
  }
}

/**
 * The topic's one decided item (assignee by `i`), in handling from `handlingFrom` or done, with the board status the
 * summaries count for it at `now` (as the functions count it). `ratingCount` (4 stars each) only when given.
 */
export function benchItem(
  topic: ReturnType<typeof benchTopic>,
  townshipId: string,
  i: number,
  now: Date,
  o: { handlingFrom: Date | null; disclosureDueAt: Date | null; disclosures: Resolution['disclosures']; dueDate: BeijingDate; ratingCount?: number },
) {
  const [item] = newResolutions(topic, townshipId, { quorumMet: true }, [
    { title: `议决事项${i}`, vote: { for: 18, against: 1, abstain: 1 }, assigneeName: ASSIGNEES[i % ASSIGNEES.length]!, assigneeOpenid: null, dueDate: o.dueDate },
  ])
  const resultPublishedAt = topic.resultPublishedAt
  const ratings = o.ratingCount === undefined ? {} : { ratingCount: o.ratingCount, ratingSum: o.ratingCount * 4 }
  const stored = { ...item!, handlingFrom: o.handlingFrom, disclosureDueAt: o.disclosureDueAt, disclosures: o.disclosures, resultPublishedAt, openDueAt: resultPublishedAt ? null : item!.dueAt, ...ratings }
  return { ...stored, boardStatus: resolutionStatus(stored, now) }
}

/** The sweep's escalation of an item's missed disclosure, raised a day before `now`. */
export function benchEscalation(item: { _id: string; communityId: string; topicId: string | null }, townshipId: string, disclosureDueAt: Date, now: Date) {
  return {
    _id: `escalate:disclosure:${item._id}:${disclosureDueAt.getTime()}`,
    communityId: item.communityId,
    townshipId,
    resolutionId: item._id,
    ratingId: null,
    topicId: item.topicId,
    deadline: 'disclosure',
    dueAt: disclosureDueAt,
    escalatedAt: new Date(now.getTime() - DAY),
    text: '已逾期',
  }
}

/**
 * Puts seeded topics, items and escalations into the store (5,000 documents an insert), and the board summaries the
 * functions would have kept for all the items together (a township's summary spans its communities' sets).
 */
export function storeSeeded(store: Pick<Store, 'insert'>, sets: readonly { topics: object[]; resolutions: object[]; escalations: object[] }[], now: Date): void {
  const chunked = (name: string, docs: object[]) => {
    for (let from = 0; from < docs.length; from += 5000) store.insert(name, docs.slice(from, from + 5000) as Record<string, unknown>[])
  }
  for (const s of sets) {
    chunked('topics', s.topics)
    chunked('resolutions', s.resolutions)
    chunked('escalations', s.escalations)
  }
  const items = sets.flatMap((s) => s.resolutions) as unknown as TalliedItem[]
  store.insert('board_summaries', [...rebuildSummaries(items, now).values()] as unknown as Record<string, unknown>[])
}
