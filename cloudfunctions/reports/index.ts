import { createHandler, fail, ok, route, type CallContext } from '../_shared/router'
import { checkText, database, findAll, getDoc, isDuplicate, loadActor, loadCommunity, notify, stableId } from '../_shared/server'
import { reportView } from '../_shared/views'
import { clearReport, getReport, listMyReports, listTriageInbox, submitReport, triageReport } from '../../src/contracts/reports'
import type { Actor, Community, Report, TimelineEntry } from '../../src/domain/model'
import { TRIAGE_LABELS } from '../../src/domain/model'
import { decide, type Subject } from '../../src/domain/policy'
import { distanceMeters, DUPLICATE_RADIUS_METERS } from '../../src/domain/geo'
import { reportStatus, REPORT_STATUS_LABELS } from '../../src/domain/stages'

const subjectOf = (r: Report, community: Community): Subject => ({ communityId: r.communityId, townshipId: community.townshipId, gridId: r.gridId, report: r })

async function loadReportFor(reportId: string, ctx: CallContext) {
  const actor = await loadActor(ctx.openid)
  const report = await getDoc<Report>('reports', reportId)
  const community = report ? await loadCommunity(report.communityId) : null
  return { actor, report, community }
}

/** A reporter sees their own report; staff see reports in their reach. */
function mayRead(actor: Actor | null, report: Report, subject: Subject, now: Date): boolean {
  return actor?.openid === report.reporterOpenid || decide('viewPrivateDetails', actor, subject, now).allowed
}

async function notifyReporter(report: Report, now: Date): Promise<void> {
  await notify(report.reporterOpenid, 'statusChanged', { title: report.text, status: REPORT_STATUS_LABELS[reportStatus(report)], at: now })
}

export const main = createHandler('reports', [
  route(submitReport, async (input, ctx) => {
    const actor = await loadActor(ctx.openid)
    const community = await loadCommunity(actor?.communityId)
    if (!actor) return fail('NOT_IN_COMMUNITY', '请先加入社区再反映问题')
    // The role is decided before the place (as decide does): staff without a community are refused, not sent to join one.
    const decision = decide('submitReport', actor, { communityId: community?._id ?? '', townshipId: community?.townshipId ?? '' }, ctx.now)
    if (!decision.allowed && (community || decision.code === 'FORBIDDEN')) return fail(decision.code, decision.reason)
    if (!community) return fail('NOT_IN_COMMUNITY', '请先加入社区再反映问题')

    // A retried submission (same client request id) finds the report the first attempt created.
    const id = stableId('rp', ctx.openid, input.clientRequestId)
    const subject = (r: Report) => subjectOf(r, community)
    const earlier = await getDoc<Report>('reports', id)
    if (earlier) return ok({ report: reportView(earlier, actor, subject(earlier), ctx.now), duplicateRequest: true, similarNearby: [] })

    const verdict = await checkText(input.text, ctx.openid, 1)
    if (verdict === 'risky') return fail('CONTENT_RISKY', '内容含有不当信息，请修改后再提交')

    const user = await database().collection('users').where({ openid: ctx.openid }).limit(1).get()
    const timeline: TimelineEntry[] = [{ at: ctx.now, kind: 'submitted', text: '已提交诉求' }]
    if (verdict === 'review') timeline.push({ at: ctx.now, kind: 'held', text: '内容待人工审核，审核通过后进入处理' })
    const report: Report = {
      _id: id,
      communityId: community._id,
      gridId: actor.gridId ?? community.grids[0]?.id ?? 'unknown',
      buildingId: (user.data[0]?.buildingId as string | null | undefined) ?? null,
      reporterOpenid: ctx.openid,
      reporterName: actor.displayName,
      clientRequestId: input.clientRequestId,
      text: input.text,
      category: input.category,
      photos: input.photos,
      location: input.location,
      submittedAt: ctx.now,
      heldForReviewAt: verdict === 'review' ? ctx.now : null,
      clearedAt: null,
      triagedAt: null,
      triage: null,
      timeline,
    }
    try {
      await database().collection('reports').add({ data: report })
    } catch (err) {
      if (!isDuplicate(err)) throw err
      const winner = await getDoc<Report>('reports', id)
      if (winner) return ok({ report: reportView(winner, actor, subject(winner), ctx.now), duplicateRequest: true, similarNearby: [] })
      throw err
    }

    // Possible duplicates: open reports of the same category within the radius.
    const similarNearby: { id: string; text: string; distanceMeters: number; submittedAt: string }[] = []
    if (input.location) {
      const open = await findAll<Report>('reports', { communityId: community._id, triagedAt: null }, { limit: 500 })
      for (const other of open) {
        if (other._id === id || other.category !== input.category || !other.location) continue
        const d = distanceMeters(input.location, other.location)
        if (d <= DUPLICATE_RADIUS_METERS) similarNearby.push({ id: other._id, text: other.text, distanceMeters: Math.round(d), submittedAt: new Date(other.submittedAt).toISOString() })
      }
      similarNearby.sort((a, b) => a.distanceMeters - b.distanceMeters)
    }
    await notifyReporter(report, ctx.now)
    return ok({ report: reportView(report, actor, subject(report), ctx.now), duplicateRequest: false, similarNearby: similarNearby.slice(0, 5) })
  }),

  route(listMyReports, async (input, ctx) => {
    const actor = await loadActor(ctx.openid)
    if (!actor) return fail('UNAUTHENTICATED', '请先登录')
    const page = input ?? { limit: 20, offset: 0 }
    const res = await database()
      .collection('reports')
      .where({ reporterOpenid: ctx.openid })
      .orderBy('submittedAt', 'desc')
      .skip(page.offset)
      .limit(page.limit)
      .get()
    const reports = res.data as Report[]
    const communities = new Map<string, Community | null>()
    for (const r of reports) if (!communities.has(r.communityId)) communities.set(r.communityId, await loadCommunity(r.communityId))
    return ok({
      reports: reports.map((r) => reportView(r, actor, { communityId: r.communityId, townshipId: communities.get(r.communityId)?.townshipId ?? '', gridId: r.gridId, report: r }, ctx.now)),
    })
  }),

  route(getReport, async (input, ctx) => {
    const { actor, report, community } = await loadReportFor(input.reportId, ctx)
    if (!actor) return fail('UNAUTHENTICATED', '请先登录')
    if (!report || !community) return fail('NOT_FOUND', '诉求不存在')
    const subject = subjectOf(report, community)
    if (!mayRead(actor, report, subject, ctx.now)) return fail('OUT_OF_SCOPE', '只能查看本人或辖区内的诉求')
    return ok({ report: reportView(report, actor, subject, ctx.now) })
  }),

  route(listTriageInbox, async (input, ctx) => {
    const actor = await loadActor(ctx.openid)
    if (!actor) return fail('UNAUTHENTICATED', '请先登录')
    if (actor.role !== 'grid_worker' && actor.role !== 'community_staff') return fail('FORBIDDEN', '只有网格员和社区工作人员处理诉求')
    const community = await loadCommunity(actor.communityId)
    if (!community) return fail('OUT_OF_SCOPE', '尚未绑定社区')
    const page = input ?? { limit: 20, offset: 0 }
    const where: Record<string, unknown> = { communityId: community._id, triagedAt: null }
    if (actor.role === 'grid_worker') where.gridId = actor.gridId
    const res = await database().collection('reports').where(where).orderBy('submittedAt', 'asc').skip(page.offset).limit(page.limit).get()
    return ok({ reports: (res.data as Report[]).map((r) => reportView(r, actor, subjectOf(r, community), ctx.now)) })
  }),

  route(clearReport, async (input, ctx) => {
    const { actor, report, community } = await loadReportFor(input.reportId, ctx)
    if (!report || !community) return fail('NOT_FOUND', '诉求不存在')
    const decision = decide('clearReport', actor, subjectOf(report, community), ctx.now)
    if (!decision.allowed) return fail(decision.code, decision.reason)
    const _ = database().command
    const entry: TimelineEntry = { at: ctx.now, kind: 'cleared', text: '审核通过，进入处理' }
    const res = await database()
      .collection('reports')
      .where({ _id: report._id, clearedAt: null })
      .update({ data: { clearedAt: ctx.now, timeline: _.push([entry]) } })
    if (res.stats.updated !== 1) return fail('WRONG_STAGE', '该诉求已审核')
    const updated = (await getDoc<Report>('reports', report._id))!
    return ok({ report: reportView(updated, actor, subjectOf(updated, community), ctx.now) })
  }),

  // Triage happens once: the update is conditional on the report still being untriaged, so two staff racing on the
  // same report cannot both decide it.
  route(triageReport, async (input, ctx) => {
    const { actor, report, community } = await loadReportFor(input.reportId, ctx)
    if (!report || !community) return fail('NOT_FOUND', '诉求不存在')
    const decision = decide('triageReport', actor, subjectOf(report, community), ctx.now)
    if (!decision.allowed) return fail(decision.code, decision.reason)
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
  }),
])
