import { fail, ok, type Handler } from '../../_shared/router'
import { database, findAll } from '../../_shared/db'
import { loadActor } from '../../_shared/caller'
import type { StoredCommunity, Township } from '../../../src/domain/admin'
import type * as contracts from '../../../src/contracts/account'
import { isoOrNull } from '../lib'

export function communityAdminView(c: StoredCommunity) {
  return {
    id: c._id,
    name: c.name,
    townshipId: c.townshipId,
    retiredAt: isoOrNull(c.retiredAt),
    grids: c.grids.map((g) => ({
      id: g.id,
      name: g.name,
      retiredAt: isoOrNull(g.retiredAt),
      buildings: g.buildings.map((b) => ({ id: b.id, name: b.name, retiredAt: isoOrNull(b.retiredAt) })),
    })),
  }
}

/**
 * The administration view of places, retired ones included: the county office sees every township, a township
 * supervisor their township, community staff their community. Residents use listCommunities.
 */
export const listPlaces: Handler<typeof contracts.listPlaces> = async (_input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  if (!['county_office', 'township_supervisor', 'community_staff'].includes(actor.role)) return fail('FORBIDDEN', '只有工作人员可以管理地点')
  const townships =
    actor.role === 'county_office'
      ? await findAll<Township>('townships', { name: database().command.exists(true) }, { orderBy: ['name', 'asc'], limit: 1000 })
      : await findAll<Township>('townships', { _id: actor.townshipId ?? '' }, { limit: 1 })
  const communities = (await database().collection('communities').limit(1000).get()).data as StoredCommunity[]
  const visible = (c: StoredCommunity) => actor.role !== 'community_staff' || c._id === actor.communityId
  return ok({
    townships: townships.map((t) => ({
      id: t._id,
      name: t.name,
      retiredAt: isoOrNull(t.retiredAt),
      communities: communities.filter((c) => c.townshipId === t._id && visible(c)).map(communityAdminView),
    })),
  })
}
