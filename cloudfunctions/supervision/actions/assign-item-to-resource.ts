import { fail, ok, type Handler } from '../../_shared/router'
import { getDoc } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { decided, guardedWrite } from '../../_shared/pipeline'
import { newItemEvent } from '../../../src/domain/records'
import type { Resolution } from '../../../src/domain/model'
import * as contracts from '../../../src/contracts/supervision'
import { giveItem, loadResource } from '../resources'

// 接单: staff give an open item of their community to an entry on its roll; the assignee, the history event and the
// board summaries change in one transaction.
export const assignItemToResource: Handler<typeof contracts.assignItemToResource> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const item = await getDoc<Resolution>('resolutions', input.resolutionId)
  if (!item) return actor ? fail('NOT_FOUND', '找不到该事项') : fail('UNAUTHENTICATED', '请先登录')
  const resource = await loadResource(input.resourceId)
  if (resource && resource.communityId !== item.communityId) return fail('NOT_FOUND', '本社区资源清单中没有该资源')
  const community = await loadCommunity(item.communityId)
  const denied = decided(contracts.assignItemToResource, actor, { communityId: item.communityId, townshipId: community?.townshipId ?? item.townshipId, resolution: item, ...(resource ? { resource } : {}) }, ctx.now)
  if (denied) return denied
  const refused = await guardedWrite({ WRONG_STAGE: '只有办理中的事项可以接单' }, async (tx) => {
    await giveItem(tx, item._id, resource!, ctx.now, false)
    return [newItemEvent(item, actor, ctx.now, 'item_assigned_to_resource', `接单：「${item.title}」由${resource!.name}承办`, { resolutionId: item._id, resourceId: resource!._id })]
  })
  if (refused) return refused
  return ok({ resolutionId: item._id, resourceId: resource!._id, assigneeName: resource!.name })
}
