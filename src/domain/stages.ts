import { itemSource, type ItemSource } from './items'
import type { Report, Resolution, Topic } from './model'

/**
 * Status is derived from milestones, never stored. The four public steps of 屏山微家园:
 * 1 发布议题 (published) → 2 面对面议事 (deliberated) → 3 拟办意见公告 (noticed, objections open) →
 * handling (notice closed, decided items being carried out, progress disclosed) → 4 办理结果公示 (resultPublished).
 */
export const TOPIC_STAGES = ['published', 'deliberated', 'noticed', 'handling', 'resultPublished'] as const
export type TopicStage = (typeof TOPIC_STAGES)[number]

export const TOPIC_STAGE_LABELS: Record<TopicStage, string> = {
  published: '议题已发布',
  deliberated: '已面对面议事',
  noticed: '拟办意见公告中',
  handling: '办理中',
  resultPublished: '结果已公示',
}

/** The four steps shown as progress: which step a stage is at (1–4), and whether that step is complete. */
export const FLOW_STEPS = ['发布议题', '面对面议事', '拟办意见公告', '办理结果公示'] as const
export function flowStep(stage: TopicStage): { step: 1 | 2 | 3 | 4; done: boolean } {
  switch (stage) {
    case 'published':
      return { step: 1, done: true }
    case 'deliberated':
      return { step: 2, done: true }
    case 'noticed':
      return { step: 3, done: false }
    case 'handling':
      return { step: 3, done: true }
    case 'resultPublished':
      return { step: 4, done: true }
  }
}

type TopicMilestones = Pick<Topic, 'heldAt' | 'noticedAt' | 'notice' | 'resultPublishedAt'>

export function topicStage(topic: TopicMilestones, now: Date): TopicStage {
  if (topic.resultPublishedAt) return 'resultPublished'
  if (topic.noticedAt && topic.notice) return now.getTime() <= topic.notice.closesAt.getTime() ? 'noticed' : 'handling'
  if (topic.heldAt) return 'deliberated'
  return 'published'
}

export const RESOLUTION_STATUSES = ['rejected', 'awaitingNotice', 'handling', 'overdue', 'done'] as const
export type ResolutionStatus = (typeof RESOLUTION_STATUSES)[number]
export const RESOLUTION_STATUS_LABELS: Record<ResolutionStatus, string> = {
  rejected: '未通过',
  awaitingNotice: '待公告期满',
  handling: '办理中',
  overdue: '逾期未公示',
  done: '已办结',
}

export function resolutionStatus(
  r: Pick<Resolution, 'passed' | 'handlingFrom' | 'disclosureDueAt' | 'resultPublishedAt'> & { source?: ItemSource | null },
  now: Date,
): ResolutionStatus {
  if (!r.passed) return 'rejected'
  if (r.resultPublishedAt) return 'done'
  // A meeting item's handlingFrom is its notice's last objection instant (see topicStage): handling starts strictly
  // after it. A 三单 item's handlingFrom is its triage: handling starts at that instant.
  if (!r.handlingFrom) return 'awaitingNotice'
  const from = r.handlingFrom.getTime()
  if (itemSource(r) === 'meeting' ? now.getTime() <= from : now.getTime() < from) return 'awaitingNotice'
  if (r.disclosureDueAt && now.getTime() > r.disclosureDueAt.getTime()) return 'overdue'
  return 'handling'
}

export const REPORT_STATUSES = ['heldForReview', 'submitted', 'replied', 'handling', 'transferred', 'inTopic'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  heldForReview: '待人工审核',
  submitted: '待处理',
  replied: '已回复解释',
  handling: '社区受理自办',
  transferred: '已转交部门办理',
  inTopic: '已纳入议题',
}

export function reportStatus(r: Pick<Report, 'heldForReviewAt' | 'clearedAt' | 'triage'>): ReportStatus {
  if (r.triage) {
    return ({ reply: 'replied', handle: 'handling', transfer: 'transferred', topic: 'inTopic' } as const)[r.triage.kind]
  }
  if (r.heldForReviewAt && !r.clearedAt) return 'heldForReview'
  return 'submitted'
}
