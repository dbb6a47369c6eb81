import { fail, type Handler } from '../../_shared/router'
import { getDoc } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import type { Report, Resolution, Topic } from '../../../src/domain/model'
import { decide, inScope } from '../../../src/domain/policy'
import { itemSource } from '../../../src/domain/items'
import type * as contracts from '../../../src/contracts/resolutions'
import { answer } from '../lib'

// Who may open an item: a meeting item is public to its community as its topic is (ACTION_RULES.getTopic); a 三单
// item is a resident's own matter, seen by its reporter (and the reporters of duplicates merged into its report, who
// follow it) and by staff in reach (viewPrivateDetails), as its report is (reports.getReport).
export const getItem: Handler<typeof contracts.getItem> = async (input, ctx) => {
  const [actor, item] = await Promise.all([loadActor(ctx.openid), getDoc<Resolution>('resolutions', input.resolutionId)])
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const community = item ? await loadCommunity(item.communityId) : null
  if (!item || !community) return fail('NOT_FOUND', '事项不存在')
  const place = { communityId: item.communityId, townshipId: community.townshipId }
  if (itemSource(item) === 'meeting') {
    const topic = item.topicId ? await getDoc<Topic>('topics', item.topicId) : null
    if (!topic) return fail('NOT_FOUND', '事项不存在')
    const decision = decide('getTopic', actor, { ...place, topic }, ctx.now)
    if (!decision.allowed) return fail(decision.code === 'FORBIDDEN' ? 'FORBIDDEN' : 'OUT_OF_SCOPE', decision.reason)
  } else {
    const report = item.reportId ? await getDoc<Report>('reports', item.reportId) : null
    // A department's staff open the items transferred to their department (inScope by the item's departmentId).
    const ownDepartment = actor.role === 'department_staff' && inScope(actor, { ...place, resolution: item })
    const mayRead = ownDepartment || report?.reporterOpenid === actor.openid || !!report?.followers?.includes(actor.openid) || decide('viewPrivateDetails', actor, { ...place, gridId: report?.gridId ?? null }, ctx.now).allowed
    if (!mayRead) return fail('OUT_OF_SCOPE', '只能查看本人或辖区内的事项')
  }
  return answer(item._id, ctx)
}
