/**
 * Builders for the domain tests: plain documents with sensible defaults. Every instant is written as a literal ISO
 * string so a reader can check the expectation by hand (Beijing = UTC+8, so Beijing midnight is 16:00Z the day before).
 */
import type { Actor, Rating, Report, Resolution, Topic } from '../../src/domain/model'
import type { Role } from '../../src/domain/roles'

export const at = (iso: string): Date => new Date(iso)
export const plusMs = (d: Date, ms: number): Date => new Date(d.getTime() + ms)

export const COMMUNITY = 'c1'
export const TOWNSHIP = 't1'
export const GRID = 'g1'

export function actor(role: Role, over: Partial<Actor> = {}): Actor {
  const base: Actor = {
    openid: `o-${role}`,
    role,
    displayName: role,
    communityId: COMMUNITY,
    gridId: role === 'grid_worker' || role === 'resident' || role === 'representative' ? GRID : null,
    townshipId: TOWNSHIP,
  }
  if (role === 'township_supervisor') Object.assign(base, { communityId: null, gridId: null })
  if (role === 'county_office') Object.assign(base, { communityId: null, gridId: null, townshipId: null })
  return { ...base, ...over }
}

export function topic(over: Partial<Topic> = {}): Topic {
  return {
    _id: 'tp1',
    communityId: COMMUNITY,
    gridId: GRID,
    title: '电动车充电桩',
    description: '楼下电动车乱充电',
    category: 'infrastructure',
    reportIds: [],
    meetingPlace: '社区活动室',
    meetingAt: at('2026-03-11T11:00:00Z'),
    invitees: [],
    requiresFourDeliberations: false,
    deliberations: [],
    publishedAt: at('2026-03-01T02:00:00Z'),
    publishedBy: 'o-community_staff',
    heldAt: null,
    minutes: null,
    attendance: null,
    meetingPhotos: [],
    quorumMet: null,
    noticedAt: null,
    notice: null,
    noticeHistory: [],
    resultPublishedAt: null,
    counts: { joined: 0, followed: 0, support: 0, oppose: 0, opinions: 0, objections: 0, unansweredObjections: 0 },
    version: 1,
    ...over,
  }
}

/** A notice published on Beijing 2026-03-12 and closing at the end of Beijing 2026-03-17. */
export const NOTICE_PUBLISHED = at('2026-03-12T02:00:00Z')
export const NOTICE_CLOSES = at('2026-03-17T15:59:59.999Z')
export function noticeFields(closesAt: Date = NOTICE_CLOSES): Pick<Topic, 'noticedAt' | 'notice'> {
  return {
    noticedAt: NOTICE_PUBLISHED,
    notice: { revision: 1, text: '拟在2栋旁建充电棚', publishedAt: NOTICE_PUBLISHED, closesAt, by: 'o-community_staff', reason: null },
  }
}

export function resolution(over: Partial<Resolution> = {}): Resolution {
  return {
    _id: 'r1',
    topicId: 'tp1',
    communityId: COMMUNITY,
    townshipId: TOWNSHIP,
    title: '建设充电棚',
    vote: { for: 10, against: 2, abstain: 1 },
    passed: true,
    assigneeName: '张三',
    assigneeOpenid: 'o-assignee',
    dueAt: at('2026-04-30T15:59:59.999Z'),
    handlingFrom: null,
    disclosureDueAt: null,
    disclosures: [],
    resultPublishedAt: null,
    reopenedAt: null,
    callback: null,
    ratingCount: 0,
    ratingSum: 0,
    openDueAt: null,
    ...over,
  }
}

export function report(over: Partial<Report> = {}): Report {
  return {
    _id: 'rp1',
    communityId: COMMUNITY,
    gridId: GRID,
    buildingId: null,
    reporterOpenid: 'o-resident',
    reporterName: '李四',
    clientRequestId: 'req-1',
    text: '路灯坏了',
    category: 'infrastructure',
    photos: [],
    location: null,
    submittedAt: at('2026-03-01T01:00:00Z'),
    heldForReviewAt: null,
    clearedAt: null,
    triagedAt: null,
    triage: null,
    timeline: [],
    ...over,
  }
}

export function rating(over: Partial<Rating> = {}): Rating {
  return {
    _id: 'rt1',
    resolutionId: 'r1',
    topicId: 'tp1',
    communityId: COMMUNITY,
    openid: 'o-resident',
    raterName: '李四',
    stars: 1,
    comment: '没修好',
    at: at('2026-04-01T02:00:00Z'),
    replyDueAt: at('2026-04-04T15:59:59.999Z'),
    pendingReplyDueAt: at('2026-04-04T15:59:59.999Z'),
    reply: null,
    ...over,
  }
}
