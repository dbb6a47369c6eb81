import { formatBeijing, monthRange, type BeijingMonth } from './calendar'
import { itemSource, ITEM_SOURCE_LABELS, type ItemSource } from './items'
import type { Report, Resolution, Topic } from './model'
import { REPORT_STATUS_LABELS, RESOLUTION_STATUS_LABELS, reportStatus, resolutionStatus, TOPIC_STAGE_LABELS, topicStage } from './stages'
import { decidedAtOf } from './reports-cycle'

/**
 * A community's lists (清单) for a Beijing month, as sheets the screen and the xlsx/csv exports show alike
 * (seed 002: 需求清单/问题清单 → 议事计划 → 任务清单; seed 000: 问题清单 → 资源清单 → 决议清单):
 * - reports: every report collected in the month, with its category and state, and a count by category × state;
 * - plan: the topics published in the month for deliberation (议事计划);
 * - tasks: the decided items (meeting and 三单 alike) decided in the month or still open at its end, with assignee,
 *   due date and state (任务清单 / 决议清单);
 * - resources: the units, Party members and volunteers on the roll during the month (资源清单, src/domain/resources.ts).
 * Residents' names are not listed: a list is shared beyond the staff who handle the report.
 */
export const LIST_KINDS = ['reports', 'plan', 'tasks', 'resources'] as const
export type ListKind = (typeof LIST_KINDS)[number]
export const LIST_LABELS: Record<ListKind, string> = { reports: '需求清单/问题清单', plan: '议事计划', tasks: '任务清单/决议清单', resources: '资源清单' }

export interface ListSheet {
  name: string
  columns: string[]
  rows: (string | number)[][]
}

const day = (d: Date | null | undefined) => (d ? formatBeijing(d, 'YYYY-MM-DD') : '')
const within = (at: Date | null | undefined, range: { from: Date; to: Date }) => !!at && at.getTime() >= range.from.getTime() && at.getTime() <= range.to.getTime()
const byTime = <T>(at: (x: T) => Date | null | undefined) => (a: T, b: T) => (at(a)?.getTime() ?? 0) - (at(b)?.getTime() ?? 0)

export type ListReport = Pick<Report, '_id' | 'communityId' | 'gridId' | 'text' | 'category' | 'submittedAt' | 'heldForReviewAt' | 'clearedAt' | 'triage'>
export type ListTopic = Pick<Topic, '_id' | 'title' | 'category' | 'reportIds' | 'meetingAt' | 'meetingPlace' | 'publishedAt' | 'heldAt' | 'noticedAt' | 'notice' | 'resultPublishedAt'>
export type ListItem = Pick<Resolution, '_id' | 'title' | 'passed' | 'assigneeName' | 'dueAt' | 'handlingFrom' | 'disclosureDueAt' | 'resultPublishedAt'> & {
  source?: ItemSource | null
  decidedAt?: Date | null
}

/** 需求清单/问题清单: the month's reports one by one, then counted by category and state. */
export function reportsList(reports: readonly ListReport[], month: BeijingMonth, labels: { category: (id: string) => string; grid: (id: string) => string }): ListSheet[] {
  const range = monthRange(month)
  const rows = reports.filter((r) => within(r.submittedAt, range)).sort(byTime((r) => r.submittedAt))
  const counts = new Map<string, Map<string, number>>()
  for (const r of rows) {
    const c = labels.category(r.category)
    const s = REPORT_STATUS_LABELS[reportStatus(r)]
    counts.set(c, counts.get(c) ?? new Map())
    counts.get(c)!.set(s, (counts.get(c)!.get(s) ?? 0) + 1)
  }
  const states = Object.values(REPORT_STATUS_LABELS)
  return [
    {
      name: '需求清单与问题清单',
      columns: ['反映日期', '网格', '分类', '内容', '状态'],
      rows: rows.map((r) => [day(r.submittedAt), labels.grid(r.gridId), labels.category(r.category), r.text, REPORT_STATUS_LABELS[reportStatus(r)]]),
    },
    {
      name: '按分类与状态',
      columns: ['分类', ...states, '合计'],
      rows: [...counts.entries()].map(([c, m]) => [c, ...states.map((s) => m.get(s) ?? 0), [...m.values()].reduce((a, b) => a + b, 0)]),
    },
  ]
}

/** 议事计划: the topics published in the month, with their meeting and stage now. */
export function planList(topics: readonly ListTopic[], month: BeijingMonth, now: Date, category: (id: string) => string): ListSheet[] {
  const range = monthRange(month)
  const rows = topics.filter((t) => within(t.publishedAt, range)).sort(byTime((t) => t.meetingAt))
  return [
    {
      name: '议事计划',
      columns: ['议题', '分类', '议事时间', '议事地点', '来自诉求', '阶段'],
      rows: rows.map((t) => [t.title, category(t.category), formatBeijing(t.meetingAt), t.meetingPlace, t.reportIds.length, TOPIC_STAGE_LABELS[topicStage(t, now)]]),
    },
  ]
}

/** 任务清单/决议清单: items decided in the month, or decided earlier and still open at the month's end. */
export function tasksList(items: readonly ListItem[], month: BeijingMonth, now: Date): ListSheet[] {
  const range = monthRange(month)
  const rows = items
    .filter((i) => {
      const at = decidedAtOf(i)
      if (!at || at.getTime() > range.to.getTime()) return false
      return at.getTime() >= range.from.getTime() || (i.passed && (!i.resultPublishedAt || i.resultPublishedAt.getTime() > range.to.getTime()))
    })
    .sort(byTime((i) => decidedAtOf(i)))
  return [
    {
      name: '任务清单与决议清单',
      columns: ['事项', '来源', '决定日期', '承办人', '办理期限', '状态', '办结日期'],
      rows: rows.map((i) => [i.title, ITEM_SOURCE_LABELS[itemSource(i)], day(decidedAtOf(i)), i.assigneeName, day(i.dueAt), RESOLUTION_STATUS_LABELS[resolutionStatus(i, now)], day(i.resultPublishedAt)]),
    },
  ]
}
