import { fail, ok, type Handler } from '../../_shared/router'
import { database, getDoc } from '../../_shared/db'
import { reportView } from '../../_shared/views'
import type { Report, TimelineEntry } from '../../../src/domain/model'
import { decided } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/reports'
import { subjectOf, loadReportFor } from '../lib'

export const clearReport: Handler<typeof contracts.clearReport> = async (input, ctx) => {
  const { actor, report, community } = await loadReportFor(input.reportId, ctx)
  if (!report || !community) return fail('NOT_FOUND', '诉求不存在')
  const denied = decided(contracts.clearReport, actor, subjectOf(report, community), ctx.now)
  if (denied) return denied
  const _ = database().command
  const entry: TimelineEntry = { at: ctx.now, kind: 'cleared', text: '审核通过，进入处理' }
  const res = await database()
    .collection('reports')
    .where({ _id: report._id, clearedAt: null })
    .update({ data: { clearedAt: ctx.now, timeline: _.push([entry]) } })
  if (res.stats.updated !== 1) return fail('WRONG_STAGE', '该诉求已审核')
  const updated = (await getDoc<Report>('reports', report._id))!
  return ok({ report: reportView(updated, actor, subjectOf(updated, community), ctx.now) })
}
