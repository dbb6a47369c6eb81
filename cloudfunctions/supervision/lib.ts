/** Helpers the supervision actions share: the communities in the caller's reach, their items, and the report sheets. */
import { ALL, database, findAll } from '../_shared/db'
import { byIds } from '../_shared/summary-reads'
import { listCommunities } from '../_shared/caller'
import type { Actor, Community, Report, Resolution, Topic } from '../../src/domain/model'
import { communityCategories } from '../../src/domain/admin'
import { LIST_LABELS, planList, reportsList, tasksList, type ListKind, type ListSheet } from '../../src/domain/lists'
import { allowedActions, inScope } from '../../src/domain/policy'
import { formatBeijing, monthRange, type BeijingMonth } from '../../src/domain/calendar'
import { resourcesList } from '../../src/domain/resources'
import { resourcesOf } from './resources'
import { countYearInDatabase } from './year-counts'
import { itemsTouchingMonth } from '../_shared/callback-items'
import { CATEGORY_LABELS } from '../../src/domain/model'
import {
  monthlyCallbackList, quarterRange, quarterReview, summarizeYear, type BeijingQuarter, ITEM_OUTCOME_LABELS, supervisionReplyDueAt,
  type CycleEscalation, type CycleItem, type YearSummary,
} from '../../src/domain/reports-cycle'
import type { OutputOf } from '../../src/contracts/action'
import type * as contracts from '../../src/contracts/supervision'

/** An escalation the sweep raised (cloudfunctions/sweep), with the township's 督办 and the community's answer. */
export interface EscalationDoc {
  _id: string
  communityId: string
  townshipId: string
  resolutionId: string
  ratingId: string | null
  topicId: string | null
  deadline: string
  dueAt: Date
  escalatedAt: Date
  text: string
  supervisedAt?: Date | null
  /** The supervision's reply due date while its answer is owed and not yet escalated (the sweep's index); else null. */
  supervisionReplyPendingDueAt?: Date | null
  supervision?: {
    at: Date
    by: string
    byName: string
    note: string
    replyDueAt: Date
    answer: { text: string; at: Date; by: string; byName: string } | null
    /** When the sweep sent it to the county office unanswered (issue 12); absent on older documents. */
    overdueEscalatedAt?: Date | null
  } | null
}

/** The communities a township supervisor or the county office reaches, optionally narrowed to one township. */
export async function communitiesInReach(actor: Actor, townshipId?: string): Promise<Community[]> {
  return (await listCommunities()).filter(
    (c) => inScope(actor, { communityId: c._id, townshipId: c.townshipId }) && (!townshipId || c.townshipId === townshipId),
  )
}

type Fields = Record<string, boolean>

/** The communities' reads go out together, a few at a time: the database answers one while the function parses another. */
async function perCommunity<T>(communities: readonly Community[], read: (c: Community) => Promise<T[]>): Promise<T[]> {
  const out: T[][] = []
  for (let i = 0; i < communities.length; i += 4) out.push(...(await Promise.all(communities.slice(i, i + 4).map(read))))
  return out.flat()
}

export async function itemsOf(communities: readonly Community[], fields?: Fields): Promise<Resolution[]> {
  return perCommunity(communities, (c) => findAll<Resolution>('resolutions', { communityId: c._id }, { limit: ALL, fields }))
}

export async function topicsOf(communities: readonly Community[], fields?: Fields): Promise<Topic[]> {
  return perCommunity(communities, (c) => findAll<Topic>('topics', { communityId: c._id }, { limit: ALL, fields }))
}

type EscalationView = OutputOf<typeof contracts.getTownshipOverview>['escalations'][number]

/** An escalation as the workbench shows it; with its item loaded, 催办 is offered while the item is open. */
export function escalationView(e: EscalationDoc, community: Pick<Community, 'name' | 'townshipId'> | null, actor: Actor, now: Date, item?: Resolution): EscalationView {
  const s = e.supervision ?? null
  const subject = { communityId: e.communityId, townshipId: community?.townshipId ?? e.townshipId, escalation: { supervision: s }, ...(item ? { resolution: item } : {}) }
  return {
    id: e._id,
    communityId: e.communityId,
    communityName: community?.name ?? '',
    resolutionId: e.resolutionId,
    topicId: e.topicId ?? null,
    deadline: e.deadline,
    dueAt: new Date(e.dueAt).toISOString(),
    escalatedAt: new Date(e.escalatedAt).toISOString(),
    text: e.text,
    supervision: s
      ? {
          at: new Date(s.at).toISOString(),
          byName: s.byName,
          note: s.note,
          replyDueAt: new Date(s.replyDueAt).toISOString(),
          replyOverdue: !s.answer && now.getTime() > new Date(s.replyDueAt).getTime(),
          answer: s.answer ? { text: s.answer.text, at: new Date(s.answer.at).toISOString(), byName: s.answer.byName } : null,
          escalatedToCountyAt: s.overdueEscalatedAt ? new Date(s.overdueEscalatedAt).toISOString() : null,
        }
      : null,
    allowedActions: allowedActions(actor, subject, now, item ? ['superviseEscalation', 'answerSupervision', 'urgeItem'] : ['superviseEscalation', 'answerSupervision']),
  }
}

/** 督办 as stored: the reply is owed within SUPERVISION_REPLY_WORKING_DAYS working days. */
export function newSupervision(actor: Actor, note: string, now: Date): NonNullable<EscalationDoc['supervision']> {
  return { at: now, by: actor.openid, byName: actor.displayName, note, replyDueAt: supervisionReplyDueAt(now), answer: null }
}

// ——— the county cycle as sheets (screen and xlsx show the same rows) ———

type Cycle = OutputOf<typeof contracts.getCountyCycle>
type Sheet = Cycle['sheets'][number]

const day = (d: Date | null | undefined) => (d ? formatBeijing(d, 'YYYY-MM-DD') : '')
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`)
const categoryLabel = (id: string) => CATEGORY_LABELS[id] ?? id
const STATE_LABELS = { done: '已回访', due: '待回访', overdue: '逾期未回访' } as const
const REASON_LABELS = { decided: '上月决定', completed: '上月办结', both: '上月决定并办结' } as const

function bars(entries: [string, number][]): Cycle['bars'] {
  const max = Math.max(1, ...entries.map(([, v]) => v))
  return entries.map(([label, value]) => ({ label, value, share: value / max }))
}

/** The data 月回访 and 季盘点 read: the items and escalations of the communities in reach. */
export interface CycleData {
  communities: Community[]
  items: CycleItem[]
  escalations: CycleEscalation[]
}

/**
 * The fields 月回访 and 季盘点 read of an item (CycleItem), and only those: a year of a township is tens of thousands
 * of documents.
 */
const only = (keys: readonly string[]): Fields => Object.fromEntries(keys.map((k) => [k, true]))
const CYCLE_ITEM_FIELDS = only([
  '_id', 'communityId', 'townshipId', 'title', 'passed', 'assigneeName', 'dueAt', 'handlingFrom', 'disclosures', 'resultPublishedAt',
  'ratingCount', 'ratingSum', 'topicId', 'source', 'decidedAt', 'category', 'callback', 'callbacks',
])

/**
 * 月回访 reads the month's candidates through its milestone index ranges (the loader listCallbacks and the sweep's
 * clock use), kept to the communities in reach; 季盘点 the items still open or completed since the quarter began, and
 * the quarter's escalations.
 */
async function loadCycleData(actor: Actor, kind: 'month' | 'quarter', period: string): Promise<CycleData> {
  const communities = await communitiesInReach(actor)
  if (kind === 'month') {
    const reach = new Set(communities.map((c) => c._id))
    const items = (await itemsTouchingMonth(period as BeijingMonth, ALL)).filter((r) => reach.has(r.communityId))
    return { communities, items: items as CycleItem[], escalations: [] }
  }
  // 季盘点 counts an item decided in the quarter, completed in it or open at its end: each is still open or has its
  // result published since the quarter began, so only those are read (not the township's whole history); and the
  // escalations raised or supervised in the quarter, with any item of theirs completed before it (a late reply to a
  // rating is escalated after the result).
  const _ = database().command
  const range = quarterRange(period as BeijingQuarter)
  const ids = communities.map((c) => c._id)
  const inQuarter = _.gte(range.from).and(_.lte(range.to))
  const [items, escalations] = await Promise.all([
    findAll<CycleItem>('resolutions', _.and([{ communityId: _.in(ids) }, _.or([{ resultPublishedAt: null }, { resultPublishedAt: _.gte(range.from) }])]), { limit: ALL, fields: CYCLE_ITEM_FIELDS }),
    findAll<EscalationDoc>('escalations', _.and([{ communityId: _.in(ids) }, _.or([{ escalatedAt: inQuarter }, { supervisedAt: inQuarter }])]), { limit: ALL }),
  ])
  const loaded = new Set(items.map((r) => r._id))
  const earlier = [...new Set(escalations.map((e) => e.resolutionId))].filter((id) => !loaded.has(id))
  return {
    communities,
    items: [...items, ...(await byIds<CycleItem>('resolutions', earlier))],
    escalations: escalations.map((e) => ({ _id: e._id, communityId: e.communityId, resolutionId: e.resolutionId, escalatedAt: e.escalatedAt, supervisedAt: e.supervisedAt ?? null })),
  }
}

/**
 * The cycle report of the caller's reach (the county: all; a township supervisor: the township): 月回访 and 季盘点
 * from the items, 年总结 counted by the database (year-counts.ts).
 */
export async function cycleReportFor(actor: Actor, input: { kind: Cycle['kind']; period: string }, now: Date): Promise<Cycle> {
  if (input.kind !== 'year') return cycleReport(await loadCycleData(actor, input.kind, input.period), input.kind, input.period, now)
  const year = Number(input.period)
  const communities = await communitiesInReach(actor)
  return yearReport(summarizeYear(await countYearInDatabase(communities.map((c) => c._id), year, now), year))
}

/** 月回访 or 季盘点 as a headline, bars for the screen and sheets for the screen and xlsx. */
function cycleReport(data: CycleData, kind: 'month' | 'quarter', period: string, now: Date): Cycle {
  const names = new Map(data.communities.map((c) => [c._id, c.name]))
  const name = (id: string) => names.get(id) ?? id
  if (kind === 'month') {
    const list = monthlyCallbackList(data.items, period, now)
    const count = (s: keyof typeof STATE_LABELS) => list.rows.filter((r) => r.state === s).length
    const sheet: Sheet = {
      name: '月回访',
      columns: ['社区', '事项', '来源', '承办人', '列入原因', '决定日期', '办结日期', '回访期限', '状态'],
      rows: list.rows.map((r) => [name(r.communityId), r.title, r.sourceLabel, r.assigneeName, REASON_LABELS[r.reason], day(r.decidedAt), day(r.resultPublishedAt), day(r.dueAt), STATE_LABELS[r.state]]),
    }
    return {
      kind,
      period,
      headline: `${period} 月回访：${list.rows.length} 项，须于 ${day(list.dueAt)} 前回访；已回访 ${count('done')} 项，待回访 ${count('due')} 项，逾期 ${count('overdue')} 项`,
      bars: bars([['已回访', count('done')], ['待回访', count('due')], ['逾期未回访', count('overdue')]]),
      sheets: [sheet],
    }
  }
  const q = quarterReview(data.items, data.escalations, period, now)
  const sheet: Sheet = {
    name: '季盘点',
    columns: ['社区', '事项', '来源', '承办人', '逾期提请次数', '街道督办', '目前状态'],
    rows: q.needingCounty.map((r) => [name(r.communityId), r.title, r.sourceLabel, r.assigneeName, r.escalations, r.supervised ? '是' : '否', r.open ? '未办结' : '已办结']),
  }
  return {
    kind,
    period,
    headline: `${period} 季盘点：本季决定 ${q.decided} 项、办结 ${q.completed} 项；需县级关注（逾期提请或督办）${q.needingCounty.length} 项，仍未办结 ${q.stillOpen} 项；季末在办 ${q.openAtEnd} 项`,
    bars: bars([['本季决定', q.decided], ['本季办结', q.completed], ['需县级关注', q.needingCounty.length], ['仍未办结', q.stillOpen]]),
    sheets: [sheet],
  }
}

/** 年总结 as a headline, bars by category and two sheets (figures; categories by outcome). */
function yearReport(s: YearSummary): Cycle {
  const period = String(s.year)
  const categories = Object.entries(s.byCategory)
  const summary: Sheet = {
    name: '年总结',
    columns: ['指标', '数值'],
    rows: [
      ['议事次数', s.meetings],
      ['参与人数', s.participants],
      ['参与户数', s.households],
      ['议定事项', s.items],
      ['其中议事决议', s.bySource.meeting],
      ['其中受理自办', s.bySource.handle],
      ['其中转交办理', s.bySource.transfer],
      ['按时公示率', pct(s.onTimeRate)],
      ['评价数', s.ratings],
      ['平均评分', s.averageStars ?? '—'],
      ['满意率（4–5 星）', pct(s.satisfiedRate)],
      ['逾期事项', s.overdue],
      ['逾期提请', s.escalations],
    ],
  }
  const byCategory: Sheet = {
    name: '分类与结果',
    columns: ['分类', ITEM_OUTCOME_LABELS.done, ITEM_OUTCOME_LABELS.open, ITEM_OUTCOME_LABELS.rejected],
    rows: categories.map(([c, o]) => [categoryLabel(c), o.done, o.open, o.rejected]),
  }
  return {
    kind: 'year',
    period,
    headline: `${period} 年总结：${s.phrase}；按时公示率 ${pct(s.onTimeRate)}，满意率 ${pct(s.satisfiedRate)}，逾期 ${s.overdue} 项，逾期提请 ${s.escalations} 次`,
    bars: bars(categories.map(([c, o]) => [categoryLabel(c), o.done + o.open + o.rejected])),
    sheets: [summary, byCategory],
  }
}

// ——— a community's lists (清单) ———

/** The community a list is about: the caller's own, or the one named (decided in reach by the action's rule). */
export async function listSheets(community: Community, list: ListKind, month: string, now: Date): Promise<{ title: string; sheets: ListSheet[] }> {
  const entries = communityCategories(community)
  const category = (id: string) => entries.find((e) => e.id === id)?.label ?? CATEGORY_LABELS[id] ?? id
  const grid = (id: string) => community.grids.find((g) => g.id === id)?.name ?? id
  const title = `${community.name} ${month} ${LIST_LABELS[list]}`
  if (list === 'reports') {
    const reports = await findAll<Report>('reports', { communityId: community._id }, { limit: ALL })
    return { title, sheets: reportsList(reports, month, { category, grid }) }
  }
  if (list === 'plan') return { title, sheets: planList(await topicsOf([community]), month, now, category) }
  if (list === 'resources') return { title, sheets: resourcesList(await resourcesOf(community._id), monthRange(month)) }
  return { title, sheets: tasksList(await itemsOf([community]), month, now) }
}
