import type { Actor, Objection, Rating, Report, Resolution, Topic, TopicEvent } from '../../src/domain/model'
import { DELIBERATION_STEP_LABELS, TRIAGE_LABELS } from '../../src/domain/model'
import { flowStep, reportStatus, REPORT_STATUS_LABELS, resolutionStatus, RESOLUTION_STATUS_LABELS, topicStage, TOPIC_STAGE_LABELS } from '../../src/domain/stages'
import { allowedActions, decide, REPORT_ACTIONS, RESOLUTION_ACTIONS, TOPIC_ACTIONS, type Subject } from '../../src/domain/policy'
import { averageRating, disclosureOnTime } from '../../src/domain/disclosure'
import { distanceBand, maskedSummary, maskName, redactText } from '../../src/domain/privacy'
import type { NearbyReportView, ReportView } from '../../src/contracts/reports'
import { ITEM_SOURCE_LABELS, itemSource } from '../../src/domain/items'
import type { ResolutionView, TopicDetailView, TopicSummaryView } from '../../src/contracts/topics'
import { SOME_ENTRY_ON_ROLL, type Takeable } from '../../src/domain/resources'
import { callbacksOf } from '../../src/domain/reports-cycle'

/**
 * Documents → what a caller may see. Public views (residents, anyone in the community) carry masked names and
 * redacted text; staff in scope (policy viewPrivateDetails) and the author see the full text.
 */
const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null)
const isoReq = (d: Date): string => new Date(d).toISOString()
const callbackOut = (c: { month: string; outcome: 'fixed' | 'not_fixed'; note: string; at: Date }) => ({ month: c.month, outcome: c.outcome, note: c.note, at: isoReq(c.at) })

/**
 * Photos still under the image check (heldPhotos) are shown only to their uploader and staff in scope, listed in
 * pendingPhotos (the page shows them 审核中; like every photo field they leave as temporary URLs) and, by their
 * fileIDs, in pendingPhotoIds — what media.clearMedia takes when staff decide one. Everyone else gets only the photos
 * that passed, and no fileID of a held one.
 */
export function photosFor(photos: readonly string[], held: readonly string[] | undefined, seesHeld: boolean): { photos: string[]; pendingPhotos: string[]; pendingPhotoIds: string[] } {
  const pending = photos.filter((p) => held?.includes(p))
  return seesHeld ? { photos: [...photos], pendingPhotos: pending, pendingPhotoIds: pending } : { photos: photos.filter((p) => !pending.includes(p)), pendingPhotos: [], pendingPhotoIds: [] }
}

export function seesPrivate(actor: Actor | null, subject: Subject, now: Date): boolean {
  return decide('viewPrivateDetails', actor, subject, now).allowed
}

export function reportView(r: Report, actor: Actor | null, subject: Subject, now: Date): ReportView {
  const full = seesPrivate(actor, subject, now) || actor?.openid === r.reporterOpenid
  const status = reportStatus(r)
  return {
    id: r._id,
    text: full ? r.text : redactText(r.text),
    category: r.category,
    ...(r.categoryLabel ? { categoryLabel: r.categoryLabel } : {}),
    ...photosFor(r.photos, r.heldPhotos, full),
    location: r.location,
    submittedAt: isoReq(r.submittedAt),
    status,
    statusLabel: REPORT_STATUS_LABELS[status],
    reporterName: full ? r.reporterName : maskName(r.reporterName),
    gridId: r.gridId,
    triage: r.triage
      ? { kind: r.triage.kind, label: TRIAGE_LABELS[r.triage.kind], note: r.triage.note, department: r.triage.department, topicId: r.triage.topicId, byName: r.triage.byName }
      : null,
    timeline: r.timeline.map((t) => ({ at: isoReq(t.at), kind: t.kind, text: t.text })),
    allowedActions: allowedActions(actor, subject, now, REPORT_ACTIONS),
    resolutionId: r.resolutionId ?? null,
    duplicateOf: r.duplicateOf ?? null,
    meTooCount: r.meTooCount ?? 0,
    mergedCount: r.followers?.length ?? 0,
  }
}

export function topicSummary(t: Topic, now: Date): TopicSummaryView {
  const stage = topicStage(t, now)
  return {
    id: t._id,
    title: t.title,
    category: t.category,
    ...(t.categoryLabel ? { categoryLabel: t.categoryLabel } : {}),
    stage,
    stageLabel: TOPIC_STAGE_LABELS[stage],
    flow: flowStep(stage),
    meetingAt: isoReq(t.meetingAt),
    meetingPlace: t.meetingPlace,
    publishedAt: isoReq(t.publishedAt),
    noticeClosesAt: iso(t.notice?.closesAt),
    resultPublishedAt: iso(t.resultPublishedAt),
    counts: t.counts,
  }
}

export function resolutionView(
  r: Resolution,
  ratings: Rating[],
  actor: Actor | null,
  subject: Subject,
  now: Date,
): ResolutionView {
  const status = resolutionStatus(r, now)
  const full = seesPrivate(actor, subject, now)
  const mine = actor ? ratings.find((x) => x.openid === actor.openid) : undefined
  return {
    id: r._id,
    topicId: r.topicId,
    title: r.title,
    vote: r.vote,
    passed: r.passed,
    assigneeName: r.assigneeName,
    dueAt: isoReq(r.dueAt),
    status,
    statusLabel: RESOLUTION_STATUS_LABELS[status],
    disclosureDueAt: iso(r.disclosureDueAt),
    disclosures: r.disclosures.map((d) => ({ at: isoReq(d.at), dueAt: isoReq(d.dueAt), onTime: disclosureOnTime(d), text: d.text, ...photosFor(d.photos, r.heldPhotos, full || d.by === actor?.openid), final: d.final })),
    resultPublishedAt: iso(r.resultPublishedAt),
    averageRating: averageRating(r),
    ratingCount: r.ratingCount,
    ratings: ratings.map((x) => ({
      id: x._id,
      raterName: full || x.openid === actor?.openid ? x.raterName : maskName(x.raterName),
      stars: x.stars,
      comment: full ? x.comment : redactText(x.comment),
      at: isoReq(x.at),
      replyDueAt: iso(x.replyDueAt),
      reply: x.reply ? { text: x.reply.text, at: isoReq(x.reply.at) } : null,
      allowedActions: allowedActions(actor, { ...subject, resolution: r, rating: x }, now, ['replyToRating']),
    })),
    myRating: mine?.stars ?? null,
    callback: r.callback ? callbackOut(r.callback) : null,
    callbacks: callbacksOf(r)
      .map(callbackOut)
      .sort((a, b) => a.month.localeCompare(b.month)),
    allowedActions: [...allowedActions(actor, { ...subject, resolution: r }, now, RESOLUTION_ACTIONS), ...takingActions(r, actor, subject, now)],
    source: itemSource(r),
    sourceLabel: ITEM_SOURCE_LABELS[itemSource(r)],
    reportId: r.reportId ?? null,
    confirmation: r.confirmation ? { solved: r.confirmation.solved, at: isoReq(r.confirmation.at) } : null,
    taking: takingView(r),
  }
}

/**
 * 接单 and 张榜 (issue 12) on an item, by ACTION_RULES: 接单 is decided for some entry on the roll (the page lists
 * the community's entries; the server decides again for the one chosen), 张榜 for the item as stored.
 */
function takingActions(r: Resolution, actor: Actor | null, subject: Subject, now: Date): string[] {
  return allowedActions(actor, { ...subject, resolution: r, resource: SOME_ENTRY_ON_ROLL }, now, ['assignItemToResource', 'publishItemForTaking'])
}

/** 揭榜 state of an item: null until published for taking; the taker is the item's assignee once taken. */
function takingView(r: Resolution & Takeable): ResolutionView['taking'] {
  if (!r.openForTakingAt) return null
  return { openForTakingAt: isoReq(r.openForTakingAt), need: r.takingNeed ?? '', takenAt: iso(r.takenAt) }
}

export interface TopicBundle {
  topic: Topic
  resolutions: Resolution[]
  ratings: Rating[]
  objections: Objection[]
  opinions: { openid: string; authorName: string; text: string; at: Date }[]
  reports: Report[]
  events: TopicEvent[]
  me: { joinedAt: Date | null; followedAt: Date | null; stance: 'support' | 'oppose' | null } | null
}

export function topicDetail(b: TopicBundle, actor: Actor | null, subject: Subject, now: Date): TopicDetailView {
  const t = b.topic
  const full = seesPrivate(actor, subject, now)
  // Staff in scope and the author see a name and a text as written; everyone else masked and redacted.
  const own = (openid: string) => full || openid === actor?.openid
  const person = (openid: string, name: string) => (own(openid) ? name : maskName(name))
  const text = (s: string, openid?: string) => (openid !== undefined && own(openid) ? s : full ? s : redactText(s))
  // An objection the content check held is shown to its author and staff only, until staff clear it.
  const held = (o: Objection) => !!o.heldForReviewAt && !o.clearedAt
  const meeting = photosFor(t.meetingPhotos, t.heldPhotos, full)
  const notice = (n: NonNullable<Topic['notice']>) => ({ revision: n.revision, text: n.text, publishedAt: isoReq(n.publishedAt), closesAt: isoReq(n.closesAt), reason: n.reason })
  return {
    ...topicSummary(t, now),
    description: t.description,
    invitees: t.invitees,
    requiresFourDeliberations: t.requiresFourDeliberations,
    deliberations: t.deliberations.map((d) => ({ step: d.step, label: DELIBERATION_STEP_LABELS[d.step], at: isoReq(d.at), note: d.note })),
    heldAt: iso(t.heldAt),
    minutes: t.minutes,
    attendance: t.attendance,
    quorumMet: t.quorumMet,
    meetingPhotos: meeting.photos,
    pendingMeetingPhotos: meeting.pendingPhotos,
    pendingMeetingPhotoIds: meeting.pendingPhotoIds,
    notice: t.notice ? notice(t.notice) : null,
    noticeHistory: t.noticeHistory.map(notice),
    resolutions: b.resolutions.map((r) => resolutionView(r, b.ratings.filter((x) => x.resolutionId === r._id), actor, subject, now)),
    objections: b.objections.filter((o) => !held(o) || own(o.openid)).map((o) => ({
      id: o._id,
      authorName: person(o.openid, o.authorName),
      text: text(o.text, o.openid),
      at: isoReq(o.at),
      noticeRevision: o.noticeRevision,
      answer: o.answer ? { text: o.answer.text, at: isoReq(o.answer.at) } : null,
      heldForReview: held(o),
      allowedActions: allowedActions(actor, { ...subject, objection: o }, now, ['answerObjection', 'clearObjection']),
    })),
    opinions: b.opinions.map((o) => ({ authorName: person(o.openid, o.authorName), text: text(o.text, o.openid), at: isoReq(o.at) })),
    reports: b.reports.map((r) => ({ id: r._id, text: text(r.text), ...photosFor(r.photos, r.heldPhotos, full || r.reporterOpenid === actor?.openid), submittedAt: isoReq(r.submittedAt) })),
    timeline: b.events.map((e) => ({ at: isoReq(e.at), type: e.type, summary: e.summary })),
    me: { joined: !!b.me?.joinedAt, followed: !!b.me?.followedAt, stance: b.me?.stance ?? null },
    // Whether the caller joined decides 取消报名 (withdrawJoin); the notice poster (issue 11) is offered on the topic
    // too, so the staff page shows its button exactly when allowed.
    allowedActions: allowedActions(actor, { ...subject, joined: !!b.me?.joinedAt }, now, [...TOPIC_ACTIONS, 'makeNoticePoster']),
  }
}

/**
 * A neighbour's report in the nearby-duplicate hint: what any resident may see of it — category, public status, a
 * distance band and a masked summary — never its text, reporter, exact place or photos.
 */
export function nearbyReportView(r: Report & { meTooCount?: number }, meters: number, meTooByMe: boolean): NearbyReportView {
  const status = reportStatus(r)
  return {
    id: r._id,
    category: r.category,
    ...(r.categoryLabel ? { categoryLabel: r.categoryLabel } : {}),
    statusLabel: REPORT_STATUS_LABELS[status],
    distanceBand: distanceBand(meters),
    summary: maskedSummary(r.text),
    submittedAt: isoReq(r.submittedAt),
    meTooCount: r.meTooCount ?? 0,
    meTooByMe,
  }
}
