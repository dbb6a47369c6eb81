import { fail, ok, type Handler } from '../../_shared/router'
import { checkText } from '../../_shared/content-check'
import { database, findAll, getDoc, isDuplicate, stableId } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { nearbyReportView, reportView } from '../../_shared/views'
import { meTooId } from '../../_shared/opaque-id'
import type { Report } from '../../../src/domain/model'
import { decided } from '../../_shared/pipeline'
import { distanceMeters, DUPLICATE_RADIUS_METERS } from '../../../src/domain/geo'
import * as contracts from '../../../src/contracts/reports'
import { subjectOf } from '../lib'
import { newReport } from '../../../src/domain/records'
import { heldPatch, startMediaChecks } from '../../_shared/media-check'
import { categoryOpen, communityCategoryLabel } from '../../../src/domain/admin'
import { takeRateLimit } from '../../_shared/rate-limit'

export const submitReport: Handler<typeof contracts.submitReport> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const community = await loadCommunity(actor?.communityId)
  if (!actor) return fail('NOT_IN_COMMUNITY', '请先加入社区再反映问题')
  // The role is decided before the place (as decide does): staff without a community are refused, not sent to join one.
  const denied = decided(contracts.submitReport, actor, { communityId: community?._id ?? '', townshipId: community?.townshipId ?? '' }, ctx.now)
  if (denied && (community || denied.error.code === 'FORBIDDEN')) return denied
  if (!community) return fail('NOT_IN_COMMUNITY', '请先加入社区再反映问题')
  // A retired community takes no new reports; a report is filed under one of the community's open categories.
  if (community.retiredAt) return fail('NOT_IN_COMMUNITY', '该社区已撤销')
  if (!categoryOpen(community, input.category)) return fail('UNKNOWN_CATEGORY', '本社区没有这个分类或该分类已停用')

  // A retried submission (same client request id) finds the report the first attempt created.
  const id = stableId('rp', ctx.openid, input.clientRequestId)
  const subject = (r: Report) => subjectOf(r, community)
  const earlier = await getDoc<Report>('reports', id)
  if (earlier) return ok({ report: reportView(earlier, actor, subject(earlier), ctx.now), duplicateRequest: true, similarNearby: [] })

  // A retried request (answered above) is not counted again; a new one takes from the hourly allowance.
  const limited = await takeRateLimit('submitReport', ctx.openid, actor, ctx.now)
  if (limited) return limited
  const verdict = await checkText(input.text, ctx.openid, 1)
  if (verdict === 'risky') return fail('CONTENT_RISKY', '内容含有不当信息，请修改后再提交')

  const user = await database().collection('users').where({ openid: ctx.openid }).limit(1).get()
  const report = newReport({
    id,
    communityId: community._id,
    gridId: actor.gridId ?? community.grids[0]?.id ?? 'unknown',
    buildingId: (user.data[0]?.buildingId as string | null | undefined) ?? null,
    reporter: actor,
    clientRequestId: input.clientRequestId,
    text: input.text,
    category: input.category,
    categoryLabel: communityCategoryLabel(community, input.category),
    photos: input.photos,
    location: input.location,
    submittedAt: ctx.now,
    heldForReview: verdict === 'review',
  })
  // Its photos are shown to others only once the image check passes them.
  Object.assign(report, heldPatch(report, input.photos))
  try {
    await database().collection('reports').add({ data: report })
  } catch (err) {
    if (!isDuplicate(err)) throw err
    const winner = await getDoc<Report>('reports', id)
    if (winner) return ok({ report: reportView(winner, actor, subject(winner), ctx.now), duplicateRequest: true, similarNearby: [] })
    throw err
  }

  await startMediaChecks(input.photos, { kind: 'report', id, communityId: community._id, openid: ctx.openid, now: ctx.now, scene: 1 })

  // Possible duplicates: neighbours' open reports of the same category within the radius — never the caller's own,
  // never one held for review — shown as any resident may see them, with 我也遇到.
  const near: { report: Report; meters: number }[] = []
  if (input.location) {
    const open = await findAll<Report>('reports', { communityId: community._id, triagedAt: null }, { limit: 500 })
    for (const other of open) {
      if (other.reporterOpenid === ctx.openid || other.category !== input.category || !other.location) continue
      if (other.heldForReviewAt && !other.clearedAt) continue
      const meters = distanceMeters(input.location, other.location)
      if (meters <= DUPLICATE_RADIUS_METERS) near.push({ report: other, meters })
    }
    near.sort((a, b) => a.meters - b.meters)
  }
  const shown = near.slice(0, 5)
  const mine = shown.length
    ? new Set((await findAll<{ reportId: string }>('me_toos', { _id: database().command.in(shown.map((n) => meTooId(n.report._id, ctx.openid))) })).map((m) => m.reportId))
    : new Set<string>()
  const similarNearby = shown.map((n) => nearbyReportView(n.report, n.meters, mine.has(n.report._id)))
  // No message at submission: the reporter is looking at the answer, and the one send their 随手拍 tap granted is
  // kept for the triage that follows (notifyReporter in triageReport).
  return ok({ report: reportView(report, actor, subject(report), ctx.now), duplicateRequest: false, similarNearby })
}
