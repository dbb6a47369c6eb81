import { fail, ok, type Handler } from '../../_shared/router'
import { reportView } from '../../_shared/views'
import { withMatters } from '../matter'
import type * as contracts from '../../../src/contracts/reports'
import { subjectOf, loadReportFor, mayRead, withSurvivors } from '../lib'

export const getReport: Handler<typeof contracts.getReport> = async (input, ctx) => {
  const { actor, report, community } = await loadReportFor(input.reportId, ctx)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  if (!report || !community) return fail('NOT_FOUND', '诉求不存在')
  const subject = subjectOf(report, community)
  if (!mayRead(actor, report, subject, ctx.now)) return fail('OUT_OF_SCOPE', '只能查看本人或辖区内的诉求')
  const [shown] = await withSurvivors([report])
  // The reporter sees the matter's live status and the topic's events in the timeline (issue 11).
  const [view] = await withMatters([reportView(shown!, actor, subject, ctx.now)], [shown!], ctx)
  return ok({ report: view! })
}
