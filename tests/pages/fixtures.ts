import type { OutputOf } from '../../src/contracts/action'
import type { getHomeFeed } from '../../src/contracts/board'
import type { ReportView } from '../../src/contracts/reports'
import type { ResolutionView, TopicDetailView, TopicSummaryView } from '../../src/contracts/topics'
import { flowStep, TOPIC_STAGE_LABELS, type TopicStage } from '../../src/domain/stages'

/**
 * Views as the functions answer them (shapes from src/contracts). Each builder returns a fresh object, so a test may
 * change its copy freely. Times are UTC instants; the pages must show them in Beijing time.
 */
type Feed = OutputOf<typeof getHomeFeed>
type BoardLine = Feed['board']['community']

const counts = { joined: 3, followed: 5, support: 7, oppose: 1, opinions: 2, objections: 0, unansweredObjections: 0 }

export function summary(id: string, title: string, stage: TopicStage, extra: Partial<TopicSummaryView> = {}): TopicSummaryView {
  return {
    id,
    title,
    category: 'infrastructure',
    stage,
    stageLabel: TOPIC_STAGE_LABELS[stage],
    flow: flowStep(stage),
    // 2026-12-09 19:00 in Beijing
    meetingAt: '2026-12-09T11:00:00.000Z',
    meetingPlace: '社区议事厅',
    publishedAt: '2026-11-20T02:00:00.000Z',
    noticeClosesAt: stage === 'noticed' ? '2026-12-15T15:59:59.999Z' : null,
    resultPublishedAt: stage === 'resultPublished' ? '2026-11-18T08:00:00.000Z' : null,
    counts: { ...counts },
    ...extra,
  }
}

export function line(key: string, label: string, list: BoardLine['list'], extra: Partial<BoardLine> = {}): BoardLine {
  return {
    key,
    label,
    items: 4,
    done: 2,
    disclosuresDue: 5,
    disclosuresOnTime: list === 'black' ? 3 : 5,
    onTimeRate: list === 'black' ? 0.6 : 1,
    overdue: list === 'black' ? 1 : 0,
    averageDaysToResult: 6.5,
    list,
    ...extra,
  }
}

export function feed(): Feed {
  return {
    community: { id: 'c1', name: '屏山社区' },
    nextDeliberationDay: { date: '2026-12-09', startsAt: '2026-12-09T11:00:00.000Z', label: '12月9日（周三）19:00' },
    byStage: {
      published: [summary('t-pub', '3栋门口路灯维修', 'published')],
      deliberated: [summary('t-del', '小区停车位划线', 'deliberated')],
      noticed: [summary('t-not', '电动车集中充电棚', 'noticed')],
      handling: [summary('t-han', '菜市场雨棚改造', 'handling')],
    },
    recentResults: [summary('t-res', '小区绿化补种', 'resultPublished')],
    board: {
      community: line('c1', '屏山社区', 'black', { items: 10, done: 6, overdue: 1, onTimeRate: 0.923 }),
      assignees: [line('a-zhang', '张建军', 'black', { overdue: 2 }), line('a-li', '李红梅', 'red')],
      overdue: [
        {
          resolutionId: 'r-9',
          topicId: 't-han',
          title: '雨棚钢架更换',
          assigneeName: '张建军',
          deadline: 'disclosure',
          deadlineLabel: '办理情况公示',
          // 2026-12-10 16:30 UTC = 2026-12-11 00:30 in Beijing
          dueAt: '2026-12-10T16:30:00.000Z',
          escalatedAt: '2026-12-11T01:00:00.000Z',
        },
      ],
    },
  }
}

export function resolution(id: string, extra: Partial<ResolutionView> = {}): ResolutionView {
  return {
    id,
    topicId: 't1',
    title: '更换 3 栋门口路灯',
    vote: { for: 30, against: 2, abstain: 1 },
    passed: true,
    assigneeName: '张建军',
    dueAt: '2026-12-31T15:59:59.999Z',
    status: 'handling',
    statusLabel: '办理中',
    disclosureDueAt: '2026-12-20T15:59:59.999Z',
    disclosures: [],
    resultPublishedAt: null,
    averageRating: null,
    ratingCount: 0,
    ratings: [],
    myRating: null,
    callback: null,
    callbacks: [],
    allowedActions: [],
    ...extra,
  }
}

export function topic(stage: TopicStage, allowedActions: string[], extra: Partial<TopicDetailView> = {}): TopicDetailView {
  return {
    ...summary('t1', '3栋门口路灯维修', stage),
    description: '3栋门口路灯坏了两周，晚上老人出入不便。',
    invitees: ['3栋居民代表', '物业公司'],
    requiresFourDeliberations: false,
    deliberations: [],
    heldAt: null,
    minutes: null,
    attendance: null,
    quorumMet: null,
    meetingPhotos: [],
    notice: null,
    noticeHistory: [],
    resolutions: [],
    objections: [],
    opinions: [{ authorName: '王*兰', text: '建议换成太阳能路灯', at: '2026-11-21T03:00:00.000Z' }],
    reports: [{ id: 'rp1', text: '3栋门口路灯不亮', photos: [], submittedAt: '2026-11-19T12:00:00.000Z' }],
    timeline: [{ at: '2026-11-20T02:00:00.000Z', type: 'published', summary: '发布议题' }],
    me: { joined: false, followed: false, stance: null },
    allowedActions,
    ...extra,
  }
}

export function report(id: string, extra: Partial<ReportView> = {}): ReportView {
  return {
    id,
    text: '3栋门口路灯不亮',
    category: 'infrastructure',
    photos: [],
    location: null,
    submittedAt: '2026-11-19T16:10:00.000Z',
    status: 'submitted',
    statusLabel: '待处理',
    reporterName: '王秀兰',
    gridId: 'g1',
    triage: null,
    timeline: [{ at: '2026-11-19T16:10:00.000Z', kind: 'submitted', text: '已提交诉求' }],
    allowedActions: [],
    ...extra,
  }
}
