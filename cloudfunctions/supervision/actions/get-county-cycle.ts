import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/supervision'
import { cycleReportFor } from '../lib'

// 月回访 / 季盘点 / 年总结 over every item in the caller's reach (the county: all; a township supervisor: the township).
export const getCountyCycle: Handler<typeof contracts.getCountyCycle> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const denied = decided(contracts.getCountyCycle, actor, { communityId: actor.communityId ?? '', townshipId: actor.townshipId ?? '' }, ctx.now)
  if (denied) return denied
  return ok(await cycleReportFor(actor, input, ctx.now))
}
