/**
 * Builders for the domain tests: the domain's record builders (src/domain/records.ts) with sensible defaults. Every instant is written as a literal ISO
 * string so a reader can check the expectation by hand (Beijing = UTC+8, so Beijing midnight is 16:00Z the day before).
 */
import type { Actor, Rating, Report, Resolution, Topic } from '../../src/domain/model'
import type { Role } from '../../src/domain/roles'
import { newRating, newReport, newResolutions, newTopic } from '../../src/domain/records'

export const at = (iso: string): Date => new Date(iso)
export const plusMs = (d: Date, ms: number): Date => new Date(d.getTime() + ms)

export const COMMUNITY = 'c1'
export const TOWNSHIP = 't1'
export const GRID = 'g1'
/** The department the department_staff actor answers for. */
export const DEPARTMENT = 'dep1'

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
  if (role === 'department_staff') Object.assign(base, { communityId: null, gridId: null, departmentId: DEPARTMENT })
  return { ...base, ...over }
}

export function topic(over: Partial<Topic> = {}): Topic {
  return {
    ...newTopic({
      id: 'tp1',
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
      publishedAt: at('2026-03-01T02:00:00Z'),
      publishedBy: 'o-community_staff',
    }),
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
  // Decided by a meeting with its quorum; due by the end of Beijing 2026-04-30.
  const [decided] = newResolutions({ _id: 'tp1', communityId: COMMUNITY }, TOWNSHIP, { quorumMet: true }, [
    { title: '建设充电棚', vote: { for: 10, against: 2, abstain: 1 }, assigneeName: '张三', assigneeOpenid: 'o-assignee', dueDate: '2026-04-30' },
  ])
  return { ...decided!, _id: 'r1', ...over }
}

export function report(over: Partial<Report> = {}): Report {
  return {
    ...newReport({
      id: 'rp1',
      communityId: COMMUNITY,
      gridId: GRID,
      buildingId: null,
      reporter: { openid: 'o-resident', displayName: '李四' },
      clientRequestId: 'req-1',
      text: '路灯坏了',
      category: 'infrastructure',
      photos: [],
      location: null,
      submittedAt: at('2026-03-01T01:00:00Z'),
      heldForReview: false,
    }),
    timeline: [],
    ...over,
  }
}

export function rating(over: Partial<Rating> = {}): Rating {
  // One star on Beijing 2026-04-01: a public reply is owed by the end of Beijing 2026-04-04.
  return {
    ...newRating({
      id: 'rt1',
      resolution: { _id: 'r1', topicId: 'tp1', communityId: COMMUNITY },
      rater: { openid: 'o-resident', displayName: '李四' },
      stars: 1,
      comment: '没修好',
      at: at('2026-04-01T02:00:00Z'),
      settings: { lowRatingReplyDays: 3 },
    }),
    ...over,
  }
}
