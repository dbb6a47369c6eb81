import type { CallContext } from '../_shared/router'
import { detailOf } from '../_shared/topic-store'
import type { Report, Resolution } from '../../src/domain/model'
import { getDoc } from '../_shared/db'
import { RESOLUTION_STATUS_LABELS, resolutionStatus } from '../../src/domain/stages'
import type { ReportView } from '../../src/contracts/reports'
import type { MatterView } from '../../src/contracts/matter'
import type { TopicDetailView } from '../../src/contracts/topics'

/**
 * Issue 11: a report follows its matter to the end. For its reporter, a report taken into a topic carries the topic's
 * live status (step, meeting, notice deadline, each item's result, rating and callback) and its timeline includes the
 * topic's public events; a report handled by triage shows the kind and the department (三单 handling: `handling`).
 * One topic is loaded once per call however many of the caller's reports joined it.
 */
export async function withMatters(views: ReportView[], reports: readonly Report[], ctx: CallContext): Promise<ReportView[]> {
  const topics = new Map<string, Promise<TopicDetailView | null>>()
  const topicOf = (id: string) => {
    if (!topics.has(id)) topics.set(id, detailOf(id, ctx))
    return topics.get(id)!
  }
  const out: ReportView[] = []
  for (const view of views) {
    const report = reports.find((r) => r._id === view.id)
    // Only the reporter's own view carries the matter (staff have the topic and inbox pages).
    if (!report || report.reporterOpenid !== ctx.openid || !report.triage) {
      out.push(report?.reporterOpenid === ctx.openid ? { ...view, matter: null } : view)
      continue
    }
    const topicId = report.triage.topicId
    const topic = topicId ? await topicOf(topicId) : null
    out.push({
      ...view,
      matter: matterOf(report, topic, report.resolutionId ? await getDoc<Resolution>('resolutions', report.resolutionId) : null, ctx.now),
      timeline: topic ? mergeTimelines(view.timeline, topic, report.triagedAt) : view.timeline,
    })
  }
  return out
}

function matterOf(report: Report, topic: TopicDetailView | null, item: Resolution | null, now: Date): MatterView {
  const triage = report.triage!
  return {
    kind: triage.kind,
    topic: topic
      ? {
          id: topic.id,
          title: topic.title,
          stage: topic.stage,
          stageLabel: topic.stageLabel,
          meetingAt: topic.meetingAt,
          meetingPlace: topic.meetingPlace,
          heldAt: topic.heldAt,
          noticeClosesAt: topic.noticeClosesAt,
          resultPublishedAt: topic.resultPublishedAt,
          items: topic.resolutions
            .filter((r) => r.passed)
            .map((r) => ({ title: r.title, statusLabel: r.statusLabel, resultPublishedAt: r.resultPublishedAt, averageRating: r.averageRating, ratingCount: r.ratingCount, callback: r.callback, callbacks: r.callbacks })),
        }
      : null,
    department: triage.department,
    handling: item
      ? {
          resolutionId: item._id,
          assigneeName: item.assigneeName,
          dueAt: new Date(item.dueAt).toISOString(),
          statusLabel: RESOLUTION_STATUS_LABELS[resolutionStatus(item, now)],
          disclosures: item.disclosures.length,
          resultPublishedAt: item.resultPublishedAt ? new Date(item.resultPublishedAt).toISOString() : null,
          confirmed: item.confirmation ? (item.confirmation.solved ? 'solved' : 'unsolved') : null,
        }
      : null,
  }
}

/**
 * The report's own entries and the topic's public ones (kind `topic.<type>`) since the report joined it (its own
 * `topic` entry records the joining, so the topic's publication at that instant is not repeated), oldest first.
 */
function mergeTimelines(own: ReportView['timeline'], topic: TopicDetailView, joinedAt: Date | null): ReportView['timeline'] {
  const since = joinedAt ? new Date(joinedAt).getTime() : 0
  const fromTopic = topic.timeline.filter((e) => Date.parse(e.at) > since).map((e) => ({ at: e.at, kind: `topic.${e.type}`, text: e.summary }))
  return [...own, ...fromTopic].sort((a, b) => a.at.localeCompare(b.at))
}
