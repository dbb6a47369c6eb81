import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor } from '../../_shared/caller'
import type * as contracts from '../../../src/contracts/board'
import { communityFor, board } from '../lib'

export const getBoard: Handler<typeof contracts.getBoard> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const community = await communityFor(actor, input?.communityId)
  if (!community) return fail('NOT_IN_COMMUNITY', '请先加入社区')
  return ok({ communityId: community._id, board: await board(community, ctx.now) })
}
