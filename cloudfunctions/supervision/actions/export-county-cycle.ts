import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/supervision'
import { cycleReportFor } from '../lib'
import { saveWorkbook } from '../export'

// The cycle report as an xlsx in cloud storage, handed out as a temporary URL (the same sheets the screen shows).
export const exportCountyCycle: Handler<typeof contracts.exportCountyCycle> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const denied = decided(contracts.exportCountyCycle, actor, { communityId: actor.communityId ?? '', townshipId: actor.townshipId ?? '' }, ctx.now)
  if (denied) return denied
  const report = await cycleReportFor(actor, input, ctx.now)
  const saved = await saveWorkbook(report.sheets, `exports/${input.kind}-${input.period}`, report.headline, ctx)
  if (!saved) return fail('EXPORT_FAILED', '导出失败，请稍后再试')
  return ok({ ...saved, rows: report.sheets.reduce((n, s) => n + s.rows.length, 0) })
}
