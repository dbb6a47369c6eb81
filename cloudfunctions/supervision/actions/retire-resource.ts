import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { decided, guardedWrite, readIn } from '../../_shared/pipeline'
import { newTopicEvent } from '../../../src/domain/records'
import type { Resource } from '../../../src/domain/resources'
import * as contracts from '../../../src/contracts/supervision'
import { loadResource, resourceView, RESOURCES } from '../resources'

// 资源退出: an entry leaves the roll once (no new items), never deleted: the items it took keep their assignee.
export const retireResource: Handler<typeof contracts.retireResource> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const resource = await loadResource(input.resourceId)
  if (!resource) return actor ? fail('NOT_FOUND', '找不到该资源') : fail('UNAUTHENTICATED', '请先登录')
  const community = await loadCommunity(resource.communityId)
  const denied = decided(contracts.retireResource, actor, { communityId: resource.communityId, townshipId: community?.townshipId ?? resource.townshipId, resource }, ctx.now)
  if (denied) return denied
  const refused = await guardedWrite({ ALREADY_DONE: '该资源已退出' }, async (tx) => {
    const fresh = await readIn<Resource>(tx, RESOURCES, resource._id)
    if (!fresh || fresh.retiredAt) await tx.rollback('ALREADY_DONE')
    await tx.collection(RESOURCES).doc(resource._id).update({ data: { retiredAt: ctx.now, updatedAt: ctx.now } })
    return [newTopicEvent({ _id: resource._id, communityId: resource.communityId }, actor, ctx.now, 'resource_retired', `资源退出：${resource.name}`, { resourceId: resource._id })]
  })
  if (refused) return refused
  return ok({ resource: resourceView({ ...resource, retiredAt: ctx.now, updatedAt: ctx.now }, actor!, community ?? { townshipId: resource.townshipId }, ctx.now) })
}
