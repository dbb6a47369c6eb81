import type { Role } from './roles'
import type { Actor, Category, CommunitySettings, Objection, Participation, Rating, Report, Resolution, TimelineEntry, Topic, TopicEvent, Vote } from './model'
import { endOfBeijingDay, type BeijingDate } from './calendar'
import { nextDisclosureDueAt, ratingReplyDueAt, votePasses } from './disclosure'

/**
 * Record builders: the one place each stored record's shape is written. The cloud functions build what they store
 * with them, and so do the demo seed, the benchmarks and the test fixtures. They do no I/O and read no clock: every
 * instant is given.
 */

export const ZERO_COUNTS: Topic['counts'] = { joined: 0, followed: 0, support: 0, oppose: 0, opinions: 0, objections: 0, unansweredObjections: 0 }

/** What a publisher states of a topic: the stored fields of step 1, with its id and (optionally) its grid. */
export type TopicDraft = Pick<
  Topic,
  'communityId' | 'title' | 'description' | 'category' | 'reportIds' | 'meetingPlace' | 'meetingAt' | 'invitees' | 'requiresFourDeliberations' | 'publishedAt' | 'publishedBy'
> & { id: string; gridId?: string | null; categoryLabel?: string }

/** A topic as published (step 1): no meeting, notice or result yet, nobody joined, version 1. */
export function newTopic(d: TopicDraft): Topic {
  return {
    _id: d.id,
    communityId: d.communityId,
    gridId: d.gridId ?? null,
    title: d.title,
    description: d.description,
    category: d.category,
    // Stored only where the community's label differs from the default one (communityCategoryLabel).
    ...(d.categoryLabel ? { categoryLabel: d.categoryLabel } : {}),
    reportIds: d.reportIds,
    meetingPlace: d.meetingPlace,
    meetingAt: d.meetingAt,
    invitees: d.invitees,
    requiresFourDeliberations: d.requiresFourDeliberations,
    deliberations: [],
    publishedAt: d.publishedAt,
    publishedBy: d.publishedBy,
    heldAt: null,
    minutes: null,
    attendance: null,
    meetingPhotos: [],
    quorumMet: null,
    noticedAt: null,
    notice: null,
    noticeHistory: [],
    resultPublishedAt: null,
    counts: { ...ZERO_COUNTS },
    version: 1,
  }
}

export interface ResolutionDraft {
  title: string
  vote: Vote
  assigneeName: string
  assigneeOpenid: string | null
  /** The assignee's time limit (定人限时): a Beijing date; the item is due by the end of that day. */
  dueDate: BeijingDate
}

/** The id of a meeting's n-th item (from 0): `<topic>_r01`, `<topic>_r02`, … in the order the meeting decided them. */
export function resolutionId(topicId: string, index: number): string {
  return `${topicId}_r${String(index + 1).padStart(2, '0')}`
}

/**
 * The items a meeting decided (step 2). An item passes when the meeting had its quorum (disclosure.ts quorumMet) and
 * more than half of the votes cast were for it; its clocks start only when the notice closes (handlingFrom,
 * disclosureDueAt, openDueAt null).
 */
export function newResolutions(topic: Pick<Topic, '_id' | 'communityId'>, townshipId: string, meeting: { quorumMet: boolean }, items: ResolutionDraft[]): Resolution[] {
  const quorum = meeting.quorumMet
  return items.map((r, i) => ({
    _id: resolutionId(topic._id, i),
    topicId: topic._id,
    communityId: topic.communityId,
    townshipId,
    title: r.title,
    vote: r.vote,
    passed: quorum && votePasses(r.vote),
    assigneeName: r.assigneeName,
    assigneeOpenid: r.assigneeOpenid,
    dueAt: endOfBeijingDay(r.dueDate),
    handlingFrom: null,
    disclosureDueAt: null,
    disclosures: [],
    resultPublishedAt: null,
    reopenedAt: null,
    callback: null,
    ratingCount: 0,
    ratingSum: 0,
    openDueAt: null,
  }))
}

/** A resident's rating of an item's result; a low rating owes a public reply by replyDueAt. */
export function newRating(d: {
  id: string
  resolution: Pick<Resolution, '_id' | 'topicId' | 'communityId'>
  rater: Pick<Actor, 'openid' | 'displayName'>
  stars: number
  comment: string
  at: Date
  settings: Pick<CommunitySettings, 'lowRatingReplyDays'>
}): Rating {
  const replyDueAt = ratingReplyDueAt(d.stars, d.at, d.settings)
  return {
    _id: d.id,
    resolutionId: d.resolution._id,
    topicId: d.resolution.topicId,
    communityId: d.resolution.communityId,
    openid: d.rater.openid,
    raterName: d.rater.displayName,
    stars: d.stars,
    comment: d.comment,
    at: d.at,
    replyDueAt,
    pendingReplyDueAt: replyDueAt,
    reply: null,
  }
}

export interface ReportDraft {
  id: string
  communityId: string
  gridId: string
  buildingId: string | null
  reporter: Pick<Actor, 'openid' | 'displayName'>
  clientRequestId: string
  text: string
  category: Category
  /** The community's own label for the category, when it differs from the default (communityCategoryLabel). */
  categoryLabel?: string
  photos: string[]
  location: Report['location']
  submittedAt: Date
  /** The content check asked for a human review: the report is held until staff clear it. */
  heldForReview: boolean
}

/** A resident's report (随手拍) as submitted: untriaged, its timeline opened. */
export function newReport(d: ReportDraft): Report {
  const timeline: TimelineEntry[] = [{ at: d.submittedAt, kind: 'submitted', text: '已提交诉求' }]
  if (d.heldForReview) timeline.push({ at: d.submittedAt, kind: 'held', text: '内容待人工审核，审核通过后进入处理' })
  return {
    _id: d.id,
    communityId: d.communityId,
    gridId: d.gridId,
    buildingId: d.buildingId,
    reporterOpenid: d.reporter.openid,
    reporterName: d.reporter.displayName,
    clientRequestId: d.clientRequestId,
    text: d.text,
    category: d.category,
    ...(d.categoryLabel ? { categoryLabel: d.categoryLabel } : {}),
    photos: d.photos,
    location: d.location,
    submittedAt: d.submittedAt,
    heldForReviewAt: d.heldForReview ? d.submittedAt : null,
    clearedAt: null,
    triagedAt: null,
    triage: null,
    timeline,
  }
}

/** A resident's objection to the notice revision they read; unanswered. */
export function newObjection(d: { id: string; topic: Pick<Topic, '_id' | 'communityId'>; author: Pick<Actor, 'openid' | 'displayName'>; noticeRevision: number; text: string; at: Date }): Objection {
  return {
    _id: d.id,
    topicId: d.topic._id,
    communityId: d.topic.communityId,
    openid: d.author.openid,
    authorName: d.author.displayName,
    noticeRevision: d.noticeRevision,
    text: d.text,
    at: d.at,
    answer: null,
  }
}

/** A caller's first participation in a topic, with the change that created it applied. */
export function newParticipation(id: string, topicId: string, openid: string, patch: Partial<Participation>): Participation {
  return { _id: id, topicId, openid, joinedAt: null, followedAt: null, stance: null, ...patch }
}

/** One entry of a topic's append-only history; an action without a caller (a timer) is recorded as 'system'. */
export function newTopicEvent(
  topic: Pick<Topic, '_id' | 'communityId'>,
  actor: { openid: string; role: Role } | null,
  at: Date,
  type: string,
  summary: string,
  data: Record<string, unknown> = {},
): Omit<TopicEvent, '_id'> {
  return { topicId: topic._id, communityId: topic.communityId, at, actorOpenid: actor?.openid ?? '', actorRole: actor?.role ?? 'system', type, summary, data }
}

/** The key a decided item's history events are filed under: its topic, or for a 三单 item (no topic) its report. */
export function itemHistoryKey(r: Pick<Resolution, '_id' | 'topicId' | 'reportId'>): string {
  return r.topicId ?? r.reportId ?? r._id
}

/** One history event of a decided item, filed under itemHistoryKey (a 三单 item has no topic). */
export function newItemEvent(
  r: Pick<Resolution, '_id' | 'topicId' | 'reportId' | 'communityId'>,
  actor: { openid: string; role: Role } | null,
  at: Date,
  type: string,
  summary: string,
  data: Record<string, unknown> = {},
): Omit<TopicEvent, '_id'> {
  return newTopicEvent({ _id: itemHistoryKey(r), communityId: r.communityId }, actor, at, type, summary, { resolutionId: r._id, ...data })
}

/** The id of the 三单 item a report's triage creates. */
export function triageItemId(reportId: string): string {
  return `${reportId}_item`
}

/**
 * A 三单 item (受理自办 / 转交办理) as triage creates it: no meeting and no notice, so it is passed and its clocks start
 * at the triage instant — the first progress disclosure is owed a disclosure period later, the item is due by the end
 * of the named Beijing date.
 */
export function newTriageItem(d: {
  report: Pick<Report, '_id' | 'communityId' | 'text'>
  townshipId: string
  kind: 'handle' | 'transfer'
  assigneeName: string
  assigneeOpenid: string | null
  departmentId: string | null
  dueDate: BeijingDate
  at: Date
  settings: Pick<CommunitySettings, 'disclosurePeriodDays'>
}): Resolution {
  const dueAt = endOfBeijingDay(d.dueDate)
  return {
    _id: triageItemId(d.report._id),
    source: d.kind,
    topicId: null,
    reportId: d.report._id,
    departmentId: d.departmentId,
    decidedAt: d.at,
    communityId: d.report.communityId,
    townshipId: d.townshipId,
    title: d.report.text.length > 40 ? `${d.report.text.slice(0, 40)}…` : d.report.text,
    vote: { for: 0, against: 0, abstain: 0 },
    passed: true,
    assigneeName: d.assigneeName,
    assigneeOpenid: d.assigneeOpenid,
    dueAt,
    handlingFrom: d.at,
    disclosureDueAt: nextDisclosureDueAt(d.at, d.settings),
    disclosures: [],
    resultPublishedAt: null,
    reopenedAt: null,
    callback: null,
    confirmation: null,
    ratingCount: 0,
    ratingSum: 0,
    openDueAt: dueAt,
  }
}
