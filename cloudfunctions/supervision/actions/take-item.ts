import { fail, ok, type Handler } from '../../_shared/router'
import { getDoc } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { decided, guardedWrite } from '../../_shared/pipeline'
import { newItemEvent } from '../../../src/domain/records'
import type { Takeable } from '../../../src/domain/resources'
import type { Resolution } from '../../../src/domain/model'
import * as contracts from '../../../src/contracts/supervision'
import { giveItem, loadResource } from '../resources'

// 揭榜承办: an entry on the roll takes a published item — staff acting for it, or the registered volunteer in person.
// The first taker wins: the item is re-read in the transaction and a second taker answers ALREADY_DONE.
export const takeItem: Handler<typeof contracts.takeItem> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const item = await getDoc<Resolution & Takeable>('resolutions', input.resolutionId)
  if (!item) return actor ? fail('NOT_FOUND', '找不到该事项') : fail('UNAUTHENTICATED', '请先登录')
  const resource = await loadResource(input.resourceId)
  if (resource && resource.communityId !== item.communityId) return fail('NOT_FOUND', '本社区资源清单中没有该资源')
  const community = await loadCommunity(item.communityId)
  const denied = decided(contracts.takeItem, actor, { communityId: item.communityId, townshipId: community?.townshipId ?? item.townshipId, resolution: item, ...(resource ? { resource } : {}) }, ctx.now)
  if (denied) return denied
  const refused = await guardedWrite({ WRONG_STAGE: '该事项未张榜或已办结', ALREADY_DONE: '该事项已被揭榜' }, async (tx) => {
    await giveItem(tx, item._id, resource!, ctx.now, true)
    return [newItemEvent(item, actor, ctx.now, 'item_taken', `揭榜：${resource!.name}揭榜承办「${item.title}」`, { resolutionId: item._id, resourceId: resource!._id })]
  })
  if (refused) return refused
  return ok({ resolutionId: item._id, resourceId: resource!._id, assigneeName: resource!.name })
}
