import type { Role } from './roles'
import type { CategoryEntry } from './admin'
import type { ItemSource } from './items'

/**
 * The documents of the deliberation flow. Milestones are timestamps; every status is derived from them (see
 * stages.ts), never stored beside them. Dates are Date objects in the store and ISO strings on the wire.
 */

export const CATEGORIES = ['livelihood', 'women_children', 'public_order', 'property', 'elderly_care', 'infrastructure', 'environment', 'other'] as const
/** The categories every community starts with; a community's own list (src/domain/admin.ts) may add and retire. */
export type DefaultCategory = (typeof CATEGORIES)[number]
/** A category id: one of the defaults or one a community added (the community's list says which are open). */
export type Category = string
export const CATEGORY_LABELS: Record<DefaultCategory, string> & Record<string, string | undefined> = {
  livelihood: '民生',
  women_children: '妇女儿童',
  public_order: '治安',
  property: '物业管理',
  elderly_care: '养老',
  infrastructure: '基础设施',
  environment: '环境绿化',
  other: '其他',
}

export interface CommunitySettings {
  deliberationDay: { nth: number; weekday: number; time: string }
  /** Days residents may object to a proposal notice. Default 5 (stated in docs/domain-rules.md). */
  objectionWindowDays: number
  /** "7日内公示办理情况": a progress disclosure is owed this many days after the notice closes, and again after each. */
  disclosurePeriodDays: number
  /** A rating of 2 or less must get a public reply within this many days. */
  lowRatingReplyDays: number
  /** Share of invited households that must attend for the meeting's votes to count. */
  quorumRatio: number
}
export const DEFAULT_SETTINGS: CommunitySettings = {
  deliberationDay: { nth: 2, weekday: 3, time: '19:00' },
  objectionWindowDays: 5,
  disclosurePeriodDays: 7,
  lowRatingReplyDays: 3,
  quorumRatio: 0.5,
}

export interface Community {
  _id: string
  name: string
  townshipId: string
  townshipName: string
  grids: { id: string; name: string; retiredAt?: Date | null; buildings: { id: string; name: string; retiredAt?: Date | null }[] }[]
  /** In force: the community's overrides over DEFAULT_SETTINGS, merged when read (the document holds only overrides). */
  settings: CommunitySettings
  /** The community's category list once its staff edited it (src/domain/admin.ts communityCategories). */
  categories?: CategoryEntry[]
  /** Retired communities keep their documents; nobody joins, is invited to or reports in them. */
  retiredAt?: Date | null
}

export interface UserProfile {
  _id?: string
  openid: string
  displayName: string
  role: Role
  communityId: string | null
  gridId: string | null
  buildingId: string | null
  /** House number and phone are private: staff in scope see them, public views never. */
  house?: string | null
  phone?: string | null
  townshipId?: string | null
  /** Department staff only: the department (departments collection) they answer for. */
  departmentId?: string | null
  joinedAt: Date
}

/** The caller as the domain sees it: who, in which role, where. Null for an unknown caller. */
export interface Actor {
  openid: string
  role: Role
  displayName: string
  communityId: string | null
  gridId: string | null
  townshipId: string | null
  /** Department staff only: their department. */
  departmentId?: string | null
}

export interface GeoPoint {
  latitude: number
  longitude: number
  name: string
}

export const TRIAGE_KINDS = ['reply', 'handle', 'transfer', 'topic'] as const
export type TriageKind = (typeof TRIAGE_KINDS)[number]
export const TRIAGE_LABELS: Record<TriageKind, string> = {
  reply: '回复解释',
  handle: '受理自办',
  transfer: '转交办理',
  topic: '纳入议题',
}

export interface TimelineEntry {
  at: Date
  kind: string
  text: string
}

export interface Report {
  _id: string
  communityId: string
  gridId: string
  buildingId: string | null
  reporterOpenid: string
  reporterName: string
  clientRequestId: string
  text: string
  category: Category
  /** The community's label of the category when this was filed, where it differs from the default label (a category the community added or renamed). */
  categoryLabel?: string
  photos: string[]
  location: GeoPoint | null
  submittedAt: Date
  /** msgSecCheck said "review": hidden from the public until staff clear it. */
  heldForReviewAt: Date | null
  clearedAt: Date | null
  triagedAt: Date | null
  triage: { kind: TriageKind; by: string; byName: string; note: string; department: string | null; topicId: string | null } | null
  timeline: TimelineEntry[]
  /** Photos still awaiting the image check (security.mediaCheckAsync) or staff review: shown only to their uploader and staff. */
  heldPhotos?: string[]
  /** The 三单 item (受理自办 / 转交办理) its triage created, in `resolutions`. */
  resolutionId?: string | null
  /** Marked a duplicate of this report (the survivor): this report is settled with it, its reporter follows it. */
  duplicateOf?: string | null
  /** On a survivor: the reporters of the duplicates merged into it, told of its progress as its reporter is. */
  followers?: string[]
  /** 我也遇到: neighbours who met the same problem (reports.meTooReport; one per resident, kept in me_toos). */
  meTooCount?: number
}

export const FOUR_DELIBERATIONS = ['branch_proposal', 'committees_discussion', 'members_review', 'residents_resolution'] as const
export type DeliberationStep = (typeof FOUR_DELIBERATIONS)[number]
export const DELIBERATION_STEP_LABELS: Record<DeliberationStep, string> = {
  branch_proposal: '党组织提议',
  committees_discussion: '两委会商议',
  members_review: '党员大会审议',
  residents_resolution: '居民（代表）会议决议',
}

export interface NoticeRevision {
  revision: number
  text: string
  publishedAt: Date
  closesAt: Date
  by: string
  reason: string | null
}

export interface Topic {
  _id: string
  communityId: string
  gridId: string | null
  title: string
  description: string
  category: Category
  /** The community's label of the category when this was filed, where it differs from the default label (a category the community added or renamed). */
  categoryLabel?: string
  reportIds: string[]
  meetingPlace: string
  meetingAt: Date
  invitees: string[]
  /** 联席会议: the departments invited (departments collection); absent on topics without any. */
  invitedDepartmentIds?: string[]
  requiresFourDeliberations: boolean
  deliberations: { step: DeliberationStep; at: Date; by: string; note: string }[]
  publishedAt: Date
  publishedBy: string
  heldAt: Date | null
  minutes: string | null
  attendance: { households: number; invitedHouseholds: number } | null
  meetingPhotos: string[]
  /** Photos still awaiting the image check (security.mediaCheckAsync) or staff review: shown only to their uploader and staff. */
  heldPhotos?: string[]
  quorumMet: boolean | null
  noticedAt: Date | null
  notice: NoticeRevision | null
  noticeHistory: NoticeRevision[]
  resultPublishedAt: Date | null
  counts: { joined: number; followed: number; support: number; oppose: number; opinions: number; objections: number; unansweredObjections: number }
  /** Optimistic concurrency: every write names the version it read. */
  version: number
}

export interface Vote {
  for: number
  against: number
  abstain: number
}

export interface Disclosure {
  at: Date
  dueAt: Date
  text: string
  photos: string[]
  by: string
  final: boolean
}

/** One 月回访 callback: the list month it answers and the finding; method and reached (issue 12) are absent on callbacks recorded before they were asked. */
export interface CallbackRecord {
  month: string
  outcome: 'fixed' | 'not_fixed'
  note: string
  at: Date
  by: string
  method?: 'phone' | 'visit' | null
  reached?: string | null
}

export interface Resolution {
  _id: string
  /** Where the item came from: a meeting, or a triage (三单 受理自办 / 转交办理). Absent on old documents = 'meeting'; read through itemSource(r). */
  source?: ItemSource
  /** The meeting's topic; null for a 三单 item, which has no topic. */
  topicId: string | null
  /** The report a 三单 item came from. */
  reportId?: string | null
  /** A transferred item's department (departments collection). */
  departmentId?: string | null
  /** The meeting held / the triage instant; old documents fall back to handlingFrom. */
  decidedAt?: Date
  communityId: string
  townshipId: string
  title: string
  vote: Vote
  passed: boolean
  assigneeName: string
  assigneeOpenid: string | null
  /** The assignee's time limit (定人限时), end of a Beijing date. */
  dueAt: Date
  /** Set when the notice closes: from here the disclosure clock runs. */
  handlingFrom: Date | null
  /** The next progress disclosure is owed by this instant; null once the result is published. */
  disclosureDueAt: Date | null
  disclosures: Disclosure[]
  /** Photos still awaiting the image check (security.mediaCheckAsync) or staff review: shown only to their uploader and staff. */
  heldPhotos?: string[]
  resultPublishedAt: Date | null
  reopenedAt: Date | null
  /** The latest callback of any list month (what the item's views show). */
  callback: CallbackRecord | null
  /**
   * Every callback, one per 月回访 list month: an item decided in one month and completed in the next is on both
   * lists and called back on each. Absent on documents written before it, whose one callback is `callback`
   * (src/domain/reports-cycle.ts callbacksOf reads both).
   */
  callbacks?: CallbackRecord[]
  /** A 三单 item's reporter confirmed the result as read: 已解决, or 未解决 (which reopened it). */
  confirmation?: { solved: boolean; at: Date; by: string } | null
  ratingCount: number
  ratingSum: number
  /** `dueAt` while the item is open, null once done: the sweep's index selects only open items. */
  openDueAt: Date | null
}

export interface Rating {
  _id: string
  resolutionId: string
  /** The item's topic; null for a 三单 item. */
  topicId: string | null
  communityId: string
  openid: string
  raterName: string
  stars: number
  comment: string
  at: Date
  replyDueAt: Date | null
  /** `replyDueAt` while the reply is owed, null once given: the sweep's index selects only those owed. */
  pendingReplyDueAt: Date | null
  reply: { text: string; at: Date; by: string } | null
}

export interface Objection {
  _id: string
  topicId: string
  communityId: string
  openid: string
  authorName: string
  noticeRevision: number
  text: string
  at: Date
  answer: { text: string; at: Date; by: string } | null
  /** Set when the content check said "review" (or could not be reached): hidden from other residents until cleared. */
  heldForReviewAt?: Date | null
  clearedAt?: Date | null
}

export interface Opinion {
  _id: string
  topicId: string
  communityId: string
  openid: string
  authorName: string
  text: string
  at: Date
}

export interface Participation {
  _id: string
  topicId: string
  openid: string
  joinedAt: Date | null
  followedAt: Date | null
  stance: 'support' | 'oppose' | null
}

/** Append-only history of a topic: never edited. The public timeline is derived from it. */
export interface TopicEvent {
  _id: string
  topicId: string
  communityId: string
  at: Date
  actorOpenid: string
  actorRole: Role | 'system'
  type: string
  summary: string
  data: Record<string, unknown>
}
