import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { allowedActions } from '../../../src/domain/policy'
import { decided } from '../../_shared/pipeline'
import { RESOURCE_KINDS } from '../../../src/domain/resources'
import * as contracts from '../../../src/contracts/supervision'
import { resourcesOf, resourceView } from '../resources'

// 资源清单 on screen: a community's entries (on the roll, or all), by kind then name, contacts included (staff only).
export const listResources: Handler<typeof contracts.listResources> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const community = await loadCommunity(input.communityId ?? actor.communityId)
  if (!community) return fail('NOT_IN_COMMUNITY', '请指定社区')
  const place = { communityId: community._id, townshipId: community.townshipId }
  const denied = decided(contracts.listResources, actor, place, ctx.now)
  if (denied) return denied
  const order = (k: (typeof RESOURCE_KINDS)[number]) => RESOURCE_KINDS.indexOf(k)
  const resources = (await resourcesOf(community._id, input.includeRetired)).sort((a, b) => order(a.kind) - order(b.kind) || a.name.localeCompare(b.name, 'zh-CN'))
  return ok({
    communityId: community._id,
    resources: resources.map((r) => resourceView(r, actor, community, ctx.now)),
    allowedActions: allowedActions(actor, place, ctx.now, ['saveResource']),
  })
}
