import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/supervision'
import { listSheets } from '../lib'
import { saveWorkbook } from '../export'

// The same list as an xlsx (every sheet) or a csv (the list itself) in cloud storage, handed out as a temp URL.
export const exportCommunityList: Handler<typeof contracts.exportCommunityList> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const community = await loadCommunity(input.communityId ?? actor.communityId)
  if (!community) return fail('NOT_IN_COMMUNITY', '请指定社区')
  const denied = decided(contracts.exportCommunityList, actor, { communityId: community._id, townshipId: community.townshipId }, ctx.now)
  if (denied) return denied
  const { title, sheets } = await listSheets(community, input.list, input.month, ctx.now)
  const saved = await saveWorkbook(sheets, `exports/${community._id}-${input.list}-${input.month}`, title, ctx, input.format)
  if (!saved) return fail('EXPORT_FAILED', '导出失败，请稍后再试')
  return ok({ ...saved, rows: input.format === 'csv' ? sheets[0]!.rows.length : sheets.reduce((n, s) => n + s.rows.length, 0) })
}
