import { ok, type Handler } from '../../_shared/router'
import { decided } from '../../_shared/pipeline'
import { loadActor } from '../../_shared/caller'
import * as contracts from '../../../src/contracts/board'
import { runSweep } from '../sweep'
import { correctSummaries } from '../summaries'

export const sweepDeadlines: Handler<typeof contracts.sweepDeadlines> = async (_input, ctx) => {
  // Runs on its timer (config.json, hourly at :05), which has no caller; by hand, ACTION_RULES.sweepDeadlines decides.
  if (ctx.source !== 'wx_trigger') {
    const actor = await loadActor(ctx.openid)
    const denied = decided(contracts.sweepDeadlines, actor, { communityId: actor?.communityId ?? '', townshipId: actor?.townshipId ?? '' }, ctx.now)
    if (denied) return denied
  }
  await correctSummaries(ctx.now)
  return ok(await runSweep(ctx.now))
}
