import { fail, type Handler } from '../../_shared/router'
import { getDoc } from '../../_shared/db'
import type { Objection } from '../../../src/domain/model'
import { isFailure, guardedWrite, readIn } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { permitted, answer } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'

/** Staff clear an objection the content check held (mirrors reports.clearReport): from then on the community sees it. */
export const clearObjection: Handler<typeof contracts.clearObjection> = async (input, ctx) => {
  const objection = await getDoc<Objection>('objections', input.objectionId)
  if (!objection) return fail('NOT_FOUND', '异议不存在')
  const c = await permitted(contracts.clearObjection, objection.topicId, ctx, { objection })
  if (isFailure(c)) return c
  // Cleared once: re-read in the transaction, one cleared meanwhile is refused.
  const refused = await guardedWrite({ WRONG_STAGE: '该异议不在待审核状态' }, async (tx) => {
    const fresh = await readIn<Objection>(tx, 'objections', objection._id)
    if (!fresh || !fresh.heldForReviewAt || fresh.clearedAt) await tx.rollback('WRONG_STAGE')
    await tx.collection('objections').doc(objection._id).update({ data: { clearedAt: ctx.now } })
    return [newTopicEvent(c.topic, c.actor, ctx.now, 'objectionCleared', '工作人员审核通过一条异议', { objectionId: objection._id })]
  })
  if (refused) return refused
  return answer(c.topic._id, ctx)
}
