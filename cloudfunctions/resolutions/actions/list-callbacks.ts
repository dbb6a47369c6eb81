import { fail, ok, type Handler } from '../../_shared/router'
import { database, findAll } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import type { Community, Resolution } from '../../../src/domain/model'
import { inScope } from '../../../src/domain/policy'
import { beijingMonthOf, callbackDueAt, monthRange, nextMonth, previousMonth } from '../../../src/domain/calendar'
import { decided } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'

// 月回访: items whose result was published last month (Beijing), due by the 20th of this month.
export const listCallbacks: Handler<typeof contracts.listCallbacks> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  // Who may list (ACTION_RULES.listCallbacks); what each caller sees of the list is their reach (inScope below).
  const denied = decided(contracts.listCallbacks, actor, { communityId: actor.communityId ?? '', townshipId: actor.townshipId ?? '' }, ctx.now)
  if (denied) return denied
  const thisMonth = beijingMonthOf(ctx.now)
  const month = input?.month ?? previousMonth(thisMonth)
  const range = monthRange(month)
  const _ = database().command
  const items = await findAll<Resolution>('resolutions', { resultPublishedAt: _.gte(range.from).and(_.lte(range.to)) }, { limit: 2000 })
  const communities = new Map<string, Community | null>()
  const visible: Resolution[] = []
  for (const item of items) {
    if (!communities.has(item.communityId)) communities.set(item.communityId, await loadCommunity(item.communityId))
    const community = communities.get(item.communityId)
    // Listed by reach, not by whether a callback may still be recorded: an item stays on its month's list, with the
    // callback once recorded (recordCallback allows one per result).
    if (community && inScope(actor, { communityId: item.communityId, townshipId: community.townshipId })) {
      visible.push(item)
    }
  }
  const due = callbackDueAt(nextMonth(month))
  return ok({
    month,
    callbackDueAt: due.toISOString(),
    items: visible.map((item) => ({
      resolutionId: item._id,
      topicId: item.topicId,
      title: item.title,
      assigneeName: item.assigneeName,
      resultPublishedAt: item.resultPublishedAt!.toISOString(),
      callbackDueAt: due.toISOString(),
      callback: item.callback
        ? { outcome: item.callback.outcome, note: item.callback.note, at: item.callback.at.toISOString(), method: item.callback.method ?? null, reached: item.callback.reached ?? null }
        : null,
    })),
  })
}
