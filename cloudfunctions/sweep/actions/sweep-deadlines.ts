import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor } from '../../_shared/caller'
import type * as contracts from '../../../src/contracts/board'
import { runSweep } from '../sweep'

/** Runs on its timer (config.json, hourly at :05); staff may also start it by hand. Nobody else may. */
const MANUAL_ROLES = ['community_staff', 'township_supervisor', 'county_office']

export const sweepDeadlines: Handler<typeof contracts.sweepDeadlines> = async (_input, ctx) => {
  if (ctx.source !== 'wx_trigger') {
    const actor = await loadActor(ctx.openid)
    if (!actor) return fail('UNAUTHENTICATED', '请先登录')
    if (!MANUAL_ROLES.includes(actor.role)) return fail('FORBIDDEN', '只有工作人员可以手动执行巡检')
  }
  return ok(await runSweep(ctx.now))
}
