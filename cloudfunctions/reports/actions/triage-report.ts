import { fail, ok, type Handler } from '../../_shared/router'
import { database, getDoc } from '../../_shared/db'
import { reportView } from '../../_shared/views'
import type { Report, TimelineEntry } from '../../../src/domain/model'
import { TRIAGE_LABELS } from '../../../src/domain/model'
import { decided } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/reports'
import { subjectOf, loadReportFor, notifyReporter } from '../lib'

// Triage happens once: the update is conditional on the report still being untriaged, so two staff racing on the
// same report cannot both decide it.
export const triageReport: Handler<typeof contracts.triageReport> = async (input, ctx) => {
  const { actor, report, community } = await loadReportFor(input.reportId, ctx)
  if (!report || !community) return fail('NOT_FOUND', '诉求不存在')
  const denied = decided(contracts.triageReport, actor, subjectOf(report, community), ctx.now)
  if (denied) return denied
  const triage = { kind: input.kind, by: actor!.openid, byName: actor!.displayName, note: input.note, department: input.kind === 'transfer' ? input.department! : null, topicId: null }
  const label = TRIAGE_LABELS[input.kind]
  const entry: TimelineEntry = { at: ctx.now, kind: input.kind, text: input.kind === 'transfer' ? `${label}：${input.department}。${input.note}` : `${label}：${input.note}` }
  const _ = database().command
  const res = await database()
    .collection('reports')
    .where({ _id: report._id, triagedAt: null })
    .update({ data: { triagedAt: ctx.now, triage, timeline: _.push([entry]) } })
  if (res.stats.updated !== 1) return fail('ALREADY_DONE', '该诉求已被处理')
  const updated = (await getDoc<Report>('reports', report._id))!
  await notifyReporter(updated, ctx.now)
  return ok({ report: reportView(updated, actor, subjectOf(updated, community), ctx.now) })
}
