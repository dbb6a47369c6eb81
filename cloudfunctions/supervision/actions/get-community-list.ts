import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/supervision'
import { listSheets } from '../lib'

// A community's list for a month (需求清单/问题清单, 议事计划, 任务清单/决议清单), as sheets.
export const getCommunityList: Handler<typeof contracts.getCommunityList> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const community = await loadCommunity(input.communityId ?? actor.communityId)
  if (!community) return fail('NOT_IN_COMMUNITY', '请指定社区')
  const denied = decided(contracts.getCommunityList, actor, { communityId: community._id, townshipId: community.townshipId }, ctx.now)
  if (denied) return denied
  const { title, sheets } = await listSheets(community, input.list, input.month, ctx.now)
  return ok({ communityId: community._id, communityName: community.name, title, sheets })
}
