import { fail, ok, type Handler } from '../../_shared/router'
import { database } from '../../_shared/db'
import { meTooId } from '../../_shared/opaque-id'
import { takeRateLimit } from '../../_shared/rate-limit'
import type { Report } from '../../../src/domain/model'
import { decided, readIn, writeWithHistory } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/reports'
import { subjectOf, loadReportFor } from '../lib'

type Counted = Report

/**
 * 我也遇到 on a neighbour's report: one per resident per report. The mark and the report's count are written in one
 * transaction that first looks for the caller's mark, so a repeated or doubled tap counts once.
 */
export const meTooReport: Handler<typeof contracts.meTooReport> = async (input, ctx) => {
  const { actor, report, community } = await loadReportFor(input.reportId, ctx)
  if (!report || !community) return fail('NOT_FOUND', '诉求不存在')
  const denied = decided(contracts.meTooReport, actor, subjectOf(report, community), ctx.now)
  if (denied) return denied
  const limited = await takeRateLimit('meTooReport', ctx.openid, actor, ctx.now)
  if (limited) return limited
  const id = meTooId(report._id, ctx.openid)
  const count = await writeWithHistory(async (tx) => {
    const fresh = await readIn<Counted>(tx, 'reports', report._id)
    if (await readIn(tx, 'me_toos', id)) return { result: fresh?.meTooCount ?? 0, events: [] }
    await tx.collection('me_toos').add({ data: { _id: id, reportId: report._id, communityId: report.communityId, at: ctx.now } })
    await tx.collection('reports').doc(report._id).update({ data: { meTooCount: database().command.inc(1) } })
    return { result: (fresh?.meTooCount ?? 0) + 1, events: [] }
  })
  return ok({ reportId: report._id, meTooCount: count, meTooByMe: true })
}
