import { fail, ok, type Handler } from '../../_shared/router'
import { getDoc } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import { applyMediaOutcome, checksOfFile } from '../../_shared/media-check'
import type { Report } from '../../../src/domain/model'
import * as contracts from '../../../src/contracts/media'

/** Staff decide a photo the image check sent to human review (or could not check): publish it or remove it. */
export const clearMedia: Handler<typeof contracts.clearMedia> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const checks = await checksOfFile(input.fileId)
  const check = checks.find((c) => c.status === 'review') ?? checks[0]
  const community = check ? await loadCommunity(check.communityId) : null
  if (!check || !community) return fail('NOT_FOUND', '没有这张图片的检测记录')
  // A report photo is decided in the report's grid (grid workers clear their own grid); other photos in the community.
  const report = check.subject.kind === 'report' ? await getDoc<Report>('reports', check.subject.id) : null
  const denied = decided(contracts.clearMedia, actor, { communityId: community._id, townshipId: community.townshipId, gridId: report?.gridId ?? null, media: { status: check.status, subject: check.subject.kind } }, ctx.now)
  if (denied) return denied
  const { applied, check: after } = await applyMediaOutcome(check._id, input.verdict, { decidedBy: ctx.openid, actor, staff: true }, ctx.now)
  if (!applied || !after) return fail('WRONG_STAGE', '该图片已审核')
  return ok({ fileId: input.fileId, status: after.status })
}
