/** Helpers the reports actions share. */
import { type CallContext } from '../_shared/router'
import { getDoc } from '../_shared/db'
import { loadActor, loadCommunity } from '../_shared/caller'
import { notify } from '../_shared/notify'
import type { Actor, Community, Report } from '../../src/domain/model'
import { decide, type Subject } from '../../src/domain/policy'
import { reportStatus, REPORT_STATUS_LABELS } from '../../src/domain/stages'

export const subjectOf = (r: Report, community: Community): Subject => ({ communityId: r.communityId, townshipId: community.townshipId, gridId: r.gridId, report: r })

export async function loadReportFor(reportId: string, ctx: CallContext) {
  const actor = await loadActor(ctx.openid)
  const report = await getDoc<Report>('reports', reportId)
  const community = report ? await loadCommunity(report.communityId) : null
  return { actor, report, community }
}

/** A reporter sees their own report; staff see reports in their reach. */
export function mayRead(actor: Actor | null, report: Report, subject: Subject, now: Date): boolean {
  return actor?.openid === report.reporterOpenid || decide('viewPrivateDetails', actor, subject, now).allowed
}

export async function notifyReporter(report: Report, now: Date): Promise<void> {
  await notify(report.reporterOpenid, 'statusChanged', { title: report.text, status: REPORT_STATUS_LABELS[reportStatus(report)], at: now, link: { kind: 'report', id: report._id } })
}
