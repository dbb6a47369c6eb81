import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor, loadCommunity } from '../../_shared/caller'
import type { Community, Resolution } from '../../../src/domain/model'
import { inScope } from '../../../src/domain/policy'
import { beijingMonthOf, callbackDueAt, nextMonth, previousMonth } from '../../../src/domain/calendar'
import { decided } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'
import type { OutputOf } from '../../../src/contracts/action'
import { callbackFor, callbackReason, decidedAtOf } from '../../../src/domain/reports-cycle'
import { itemsTouchingMonth } from '../../_shared/callback-items'

// 月回访: every item decided or completed last month (Beijing; meeting and 三单 items alike), due by the 20th of this
// month (src/domain/reports-cycle.ts callbackReason), read through the month's milestone index ranges (itemsTouchingMonth).
export const listCallbacks: Handler<typeof contracts.listCallbacks> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  // Who may list (ACTION_RULES.listCallbacks); what each caller sees of the list is their reach (inScope below).
  const denied = decided(contracts.listCallbacks, actor, { communityId: actor.communityId ?? '', townshipId: actor.townshipId ?? '' }, ctx.now)
  if (denied) return denied
  const thisMonth = beijingMonthOf(ctx.now)
  const month = input?.month ?? previousMonth(thisMonth)
  const items = (await itemsTouchingMonth(month, 2000))
    .filter((r) => callbackReason(r, month))
    .sort((a, b) => a.communityId.localeCompare(b.communityId) || a._id.localeCompare(b._id))
  const communities = new Map<string, Community | null>()
  const visible: Resolution[] = []
  for (const item of items) {
    if (!communities.has(item.communityId)) communities.set(item.communityId, await loadCommunity(item.communityId))
    const community = communities.get(item.communityId)
    // Listed by reach, not by whether a callback may still be recorded: an item stays on its month's list, with the
    // month's callback once recorded (recordCallback allows one per item and month).
    if (community && inScope(actor, { communityId: item.communityId, townshipId: community.townshipId })) {
      visible.push(item)
    }
  }
  const due = callbackDueAt(nextMonth(month))
  return ok({
    month,
    callbackDueAt: due.toISOString(),
    items: visible.map((item) => callbackView(item, month, due)),
  })
}

/** A row of month M's list with M's own callback (another month's callback of the same item is not this list's). */
function callbackView(item: Resolution, month: string, due: Date): OutputOf<typeof contracts.listCallbacks>['items'][number] {
  const callback = callbackFor(item, month)
  return {
    resolutionId: item._id,
    topicId: item.topicId,
    title: item.title,
    assigneeName: item.assigneeName,
    resultPublishedAt: item.resultPublishedAt ? item.resultPublishedAt.toISOString() : null,
    decidedAt: decidedAtOf(item)?.toISOString() ?? null,
    reason: callbackReason(item, month)!,
    callbackDueAt: due.toISOString(),
    callback: callback
      ? { outcome: callback.outcome, note: callback.note, at: callback.at.toISOString(), method: callback.method ?? null, reached: callback.reached ?? null }
      : null,
  }
}
