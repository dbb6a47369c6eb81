import { fail, ok, type Handler } from '../../_shared/router'
import { findAll, newId } from '../../_shared/db'
import { loadActor } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import { newCommunity, type StoredCommunity } from '../../../src/domain/admin'
import * as contracts from '../../../src/contracts/account'
import { activeTownship, writeAdmin } from '../lib'
import { communityAdminView } from './list-places'

/** A community with its grids and buildings, in a township in service; it starts on the default settings. */
export const createCommunity: Handler<typeof contracts.createCommunity> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const denied = decided(contracts.createCommunity, actor, { communityId: '', townshipId: input.townshipId }, ctx.now)
  if (denied) return denied
  const township = await activeTownship(input.townshipId)
  if (!township) return fail('UNKNOWN_PLACE', '街道不存在或已撤销')
  const siblings = await findAll<StoredCommunity>('communities', { townshipId: township._id }, { limit: 500 })
  if (siblings.some((c) => !c.retiredAt && c.name === input.name)) return fail('PLACE_NAME_TAKEN', '本街道已有同名社区')
  const community = newCommunity(
    newId('c'),
    township,
    input.name,
    input.grids.map((g) => ({ id: newId('g'), name: g.name, buildings: g.buildings.map((b) => ({ id: newId('b'), name: b.name })) })),
    ctx.now,
  )
  await writeAdmin(actor!, ctx.now, async (tx) => {
    await tx.collection('communities').add({ data: community })
    return {
      result: null,
      events: [{ type: 'community_created', townshipId: township._id, communityId: community._id, summary: `新建社区：${community.name}`, data: { name: community.name, grids: community.grids } }],
    }
  })
  return ok({ community: communityAdminView(community) })
}
