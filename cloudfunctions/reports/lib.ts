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

/** The reporter hears of each change — and so do the reporters of duplicates merged into the report (its followers). */
export async function notifyReporter(report: Report, now: Date): Promise<void> {
  for (const openid of [report.reporterOpenid, ...(report.followers ?? [])]) {
    await notify(openid, 'statusChanged', { title: report.text, status: REPORT_STATUS_LABELS[reportStatus(report)], at: now, link: { kind: 'report', id: report._id } })
  }
}

/**
 * A duplicate as its reporter follows it: its own text, photos and history, with the survivor's triage, item and the
 * survivor's steps since the merge. A report that is no duplicate (or whose survivor is gone) is itself.
 */
export function asFollowed(r: Report, survivor: Report | null): Report {
  if (!r.duplicateOf || !survivor) return r
  const mergedAt = r.triagedAt ? new Date(r.triagedAt).getTime() : 0
  const since = survivor.timeline.filter((t) => new Date(t.at).getTime() > mergedAt && t.kind !== 'duplicateJoined')
  return { ...r, triage: survivor.triage, resolutionId: survivor.resolutionId ?? null, timeline: [...r.timeline, ...since] }
}

/** Each report as its reporter sees it: duplicates with their survivors (asFollowed). */
export async function withSurvivors(reports: Report[]): Promise<Report[]> {
  const out: Report[] = []
  for (const r of reports) out.push(r.duplicateOf ? asFollowed(r, await getDoc<Report>('reports', r.duplicateOf)) : r)
  return out
}
