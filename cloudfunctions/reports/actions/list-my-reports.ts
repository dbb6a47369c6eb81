import { fail, ok, type Handler } from '../../_shared/router'
import { database } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { reportView } from '../../_shared/views'
import { withMatters } from '../matter'
import type { Community, Report } from '../../../src/domain/model'
import type * as contracts from '../../../src/contracts/reports'
import { withSurvivors } from '../lib'

export const listMyReports: Handler<typeof contracts.listMyReports> = async (input, ctx) => {
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
  // A duplicate shows its survivor's progress, which its reporter follows.
  const reports = await withSurvivors(res.data as Report[])
  const communities = new Map<string, Community | null>()
  for (const r of reports) if (!communities.has(r.communityId)) communities.set(r.communityId, await loadCommunity(r.communityId))
  const views = reports.map((r) => reportView(r, actor, { communityId: r.communityId, townshipId: communities.get(r.communityId)?.townshipId ?? '', gridId: r.gridId, report: r }, ctx.now))
  // Each report with its matter's live status and the topic's events in its timeline (issue 11).
  return ok({ reports: await withMatters(views, reports, ctx) })
}
