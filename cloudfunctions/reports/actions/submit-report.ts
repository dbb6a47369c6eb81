import { fail, ok, type Handler } from '../../_shared/router'
import { checkText } from '../../_shared/content-check'
import { database, findAll, getDoc, isDuplicate, stableId } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { reportView } from '../../_shared/views'
import type { Report } from '../../../src/domain/model'
import { decided } from '../../_shared/pipeline'
import { distanceMeters, DUPLICATE_RADIUS_METERS } from '../../../src/domain/geo'
import * as contracts from '../../../src/contracts/reports'
import { subjectOf } from '../lib'
import { newReport } from '../../../src/domain/records'

export const submitReport: Handler<typeof contracts.submitReport> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const community = await loadCommunity(actor?.communityId)
  if (!actor) return fail('NOT_IN_COMMUNITY', '请先加入社区再反映问题')
  // The role is decided before the place (as decide does): staff without a community are refused, not sent to join one.
  const denied = decided(contracts.submitReport, actor, { communityId: community?._id ?? '', townshipId: community?.townshipId ?? '' }, ctx.now)
  if (denied && (community || denied.error.code === 'FORBIDDEN')) return denied
  if (!community) return fail('NOT_IN_COMMUNITY', '请先加入社区再反映问题')

  // A retried submission (same client request id) finds the report the first attempt created.
  const id = stableId('rp', ctx.openid, input.clientRequestId)
  const subject = (r: Report) => subjectOf(r, community)
  const earlier = await getDoc<Report>('reports', id)
  if (earlier) return ok({ report: reportView(earlier, actor, subject(earlier), ctx.now), duplicateRequest: true, similarNearby: [] })

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
    photos: input.photos,
    location: input.location,
    submittedAt: ctx.now,
    heldForReview: verdict === 'review',
  })
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
  // No message at submission: the reporter is looking at the answer, and the one send their 随手拍 tap granted is
  // kept for the triage that follows (notifyReporter in triageReport).
  return ok({ report: reportView(report, actor, subject(report), ctx.now), duplicateRequest: false, similarNearby: similarNearby.slice(0, 5) })
}
