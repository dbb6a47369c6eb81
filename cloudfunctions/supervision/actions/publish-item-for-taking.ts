import { fail, ok, type Handler } from '../../_shared/router'
import { getDoc } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { decided, guardedWrite, readIn } from '../../_shared/pipeline'
import { newItemEvent } from '../../../src/domain/records'
import { itemOpen, type Takeable } from '../../../src/domain/resources'
import type { Resolution } from '../../../src/domain/model'
import * as contracts from '../../../src/contracts/supervision'

// 揭榜 (张榜): staff publish an open item once for an entry on the roll to take; re-read in the transaction, so a
// twin publishing at the same time answers ALREADY_DONE.
export const publishItemForTaking: Handler<typeof contracts.publishItemForTaking> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const item = await getDoc<Resolution & Takeable>('resolutions', input.resolutionId)
  if (!item) return actor ? fail('NOT_FOUND', '找不到该事项') : fail('UNAUTHENTICATED', '请先登录')
  const community = await loadCommunity(item.communityId)
  const denied = decided(contracts.publishItemForTaking, actor, { communityId: item.communityId, townshipId: community?.townshipId ?? item.townshipId, resolution: item }, ctx.now)
  if (denied) return denied
  const refused = await guardedWrite({ WRONG_STAGE: '只有办理中的事项可以张榜', ALREADY_DONE: '该事项已张榜' }, async (tx) => {
    const fresh = await readIn<Resolution & Takeable>(tx, 'resolutions', item._id)
    if (!fresh || !itemOpen(fresh)) await tx.rollback('WRONG_STAGE')
    if (fresh!.openForTakingAt) await tx.rollback('ALREADY_DONE')
    await tx.collection('resolutions').doc(item._id).update({ data: { openForTakingAt: ctx.now, takenAt: null, takingNeed: input.need ?? '' } })
    return [newItemEvent(item, actor, ctx.now, 'item_published_for_taking', `揭榜：「${item.title}」张榜待资源揭榜承办`, { resolutionId: item._id })]
  })
  if (refused) return refused
  return ok({ resolutionId: item._id, openForTakingAt: ctx.now.toISOString() })
}
