import { tallyItem } from '../../_shared/summaries'
import { fail, ok, type Handler } from '../../_shared/router'
import { getDoc } from '../../_shared/db'
import { reportView } from '../../_shared/views'
import type { Report, Resolution, TimelineEntry, UserProfile } from '../../../src/domain/model'
import { TRIAGE_LABELS } from '../../../src/domain/model'
import { decided, guardedWrite, readIn } from '../../_shared/pipeline'
import { ASSIGNEE_ROLES } from '../../../src/domain/policy'
import { endOfBeijingDay, formatBeijing, isBeijingDate } from '../../../src/domain/calendar'
import { newItemEvent, newTriageItem } from '../../../src/domain/records'
import { notify } from '../../_shared/notify'
import { loadUser } from '../../_shared/caller'
import * as contracts from '../../../src/contracts/reports'
import { subjectOf, loadReportFor, notifyReporter } from '../lib'
import { departmentMembers, loadDepartment } from '../../_shared/departments'
import { departmentServes } from '../../../src/domain/departments'

// Triage happens once: the transaction re-reads the report and refuses one already triaged, so two staff racing on
// the same report cannot both decide it. 受理自办 and 转交办理 (三单) name an assignee (one listAssignees offers:
// staff or a grid worker of the report's community; a transfer names its registered department and may add one) and a due date
// (a Beijing date, today or later), and create the item in `resolutions` in the same transaction: from the triage
// instant it runs on the same disclosure clock as a meeting's decided items.
export const triageReport: Handler<typeof contracts.triageReport> = async (input, ctx) => {
  const { actor, report, community } = await loadReportFor(input.reportId, ctx)
  if (!report || !community) return fail('NOT_FOUND', '诉求不存在')
  const denied = decided(contracts.triageReport, actor, subjectOf(report, community), ctx.now)
  if (denied) return denied
  // 转交办理 only to a registered department (the contract requires its id; no free-text name): open, and county-level
  // or of the community's township (UNKNOWN_DEPARTMENT otherwise); the item carries its departmentId, so the
  // department's staff see and answer it, and the triage stores the department's name as it is now.
  const department = input.kind === 'transfer' ? await loadDepartment(input.departmentId) : null
  if (input.kind === 'transfer' && !departmentServes(department, community.townshipId)) return fail('UNKNOWN_DEPARTMENT', '部门不存在、已撤销或不服务本街道')
  const departmentName = department?.name ?? null
  let item: Resolution | null = null
  if (input.kind !== 'reply') {
    const dueDate = input.dueDate!
    if (!isBeijingDate(dueDate) || endOfBeijingDay(dueDate).getTime() < ctx.now.getTime()) return fail('INVALID_DUE_DATE', '办理期限须是今天或以后的日期')
    let assignee: UserProfile | null = null
    if (input.assigneeOpenid) {
      const found = await loadUser(input.assigneeOpenid)
      assignee = found && found.communityId === report.communityId && (ASSIGNEE_ROLES as readonly string[]).includes(found.role) ? found : null
      if (!assignee) return fail('UNKNOWN_ASSIGNEE', '承办人不是本社区的工作人员或网格员')
    }
    item = newTriageItem({
      report,
      townshipId: community.townshipId,
      kind: input.kind,
      assigneeName: assignee?.displayName ?? departmentName!,
      assigneeOpenid: assignee?.openid ?? null,
      departmentId: department?._id ?? null,
      dueDate,
      at: ctx.now,
      settings: community.settings,
    })
  }
  const triage = { kind: input.kind, by: actor!.openid, byName: actor!.displayName, note: input.note, department: input.kind === 'transfer' ? departmentName : null, topicId: null }
  const label = TRIAGE_LABELS[input.kind]
  const promise = item ? `承办：${item.assigneeName}，${formatBeijing(item.dueAt, 'M月D日')}前办结。` : ''
  const entry: TimelineEntry = { at: ctx.now, kind: input.kind, text: input.kind === 'transfer' ? `${label}：${departmentName}。${input.note}${promise}` : `${label}：${input.note}${promise}` }
  const refused = await guardedWrite({ ALREADY_DONE: '该诉求已被处理' }, async (tx) => {
    const fresh = await readIn<Report>(tx, 'reports', report._id)
    if (!fresh || fresh.triagedAt) await tx.rollback('ALREADY_DONE')
    await tx.collection('reports').doc(report._id).update({ data: { triagedAt: ctx.now, triage, timeline: [...fresh!.timeline, entry], resolutionId: item?._id ?? null } })
    if (!item) return []
    await tx.collection('resolutions').add({ data: item })
    await tallyItem(tx, item._id, null, ctx.now)
    return [newItemEvent(item, actor, ctx.now, 'itemDecided', `${label}「${item.title}」，承办：${item.assigneeName}`, { kind: input.kind })]
  })
  if (refused) return refused
  const updated = (await getDoc<Report>('reports', report._id))!
  await notifyReporter(updated, ctx.now)
  if (item?.assigneeOpenid && item.assigneeOpenid !== ctx.openid) {
    await notify(item.assigneeOpenid, 'deadline', { title: item.title, status: '新承办事项', at: item.disclosureDueAt!, link: { kind: 'staffItem', id: item._id } })
  }
  // A transferred item lands in its department's inbox: each of its staff hears of it.
  if (item && department) {
    for (const member of await departmentMembers(department)) {
      await notify(member.openid, 'deadline', { title: item.title, status: '新转交事项', at: item.disclosureDueAt!, link: { kind: 'staffItem', id: item._id } })
    }
  }
  return ok({ report: reportView(updated, actor, subjectOf(updated, community), ctx.now) })
}
