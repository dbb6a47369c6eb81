import { fail, ok, type Handler } from '../../_shared/router'
import { database } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { reportView } from '../../_shared/views'
import type { Report } from '../../../src/domain/model'
import type * as contracts from '../../../src/contracts/reports'
import { subjectOf } from '../lib'

export const listTriageInbox: Handler<typeof contracts.listTriageInbox> = async (input, ctx) => {
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
}
