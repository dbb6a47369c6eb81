import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'
import { permitted, answer, disclose, notifyItemFollowers, appendToReport } from '../lib'
import { newItemEvent } from '../../../src/domain/records'
import { holdIn, startMediaChecks } from '../../_shared/media-check'

export const publishProgress: Handler<typeof contracts.publishProgress> = async (input, ctx) => {
  const r = await permitted(contracts.publishProgress, input.resolutionId, ctx)
  if (isFailure(r)) return r
  const event = newItemEvent(r.resolution, r.actor, ctx.now, 'progressPublished', `公示「${r.resolution.title}」办理情况`, { resolutionId: r.resolution._id })
  // The photos are held with the disclosure, and shown to others once the image check passes them.
  const conflict = await disclose(r, ctx, input.text, input.photos, false, event, async (tx, written) => {
    await holdIn(tx, 'resolution', written, input.photos)
    // A 三单 item's disclosure shows on its report (我的诉求) too.
    await appendToReport(tx, r.report, { at: ctx.now, kind: 'progress', text: `办理情况：${input.text}` })
    return []
  })
  if (conflict) return conflict
  await startMediaChecks(input.photos, { kind: 'resolution', id: r.resolution._id, communityId: r.resolution.communityId, openid: ctx.openid, now: ctx.now, scene: 3 })
  await notifyItemFollowers(r, '办理中', ctx.now)
  return answer(r.resolution._id, ctx)
}
