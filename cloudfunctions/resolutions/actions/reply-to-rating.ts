import { fail, type Handler } from '../../_shared/router'
import { getDoc } from '../../_shared/db'
import { notify } from '../../_shared/notify'
import type { Rating } from '../../../src/domain/model'
import { isFailure, guardedWrite, readIn } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'
import { permitted, answer } from '../lib'
import { newItemEvent } from '../../../src/domain/records'

export const replyToRating: Handler<typeof contracts.replyToRating> = async (input, ctx) => {
  const rating = await getDoc<Rating>('ratings', input.ratingId)
  if (!rating) return fail('NOT_FOUND', '评价不存在')
  const r = await permitted(contracts.replyToRating, rating.resolutionId, ctx, { rating })
  if (isFailure(r)) return r
  // A low rating is replied to once: re-read in the transaction, one replied to meanwhile is refused.
  const refused = await guardedWrite({ ALREADY_DONE: '该评价已回复' }, async (tx) => {
    const fresh = await readIn<Rating>(tx, 'ratings', rating._id)
    if (!fresh || fresh.reply) await tx.rollback('ALREADY_DONE')
    await tx.collection('ratings').doc(rating._id).update({ data: { reply: { text: input.text, at: ctx.now, by: ctx.openid }, pendingReplyDueAt: null } })
    return [newItemEvent(r.resolution, r.actor, ctx.now, 'ratingReplied', `公开回复一条差评（「${r.resolution.title}」）`, { ratingId: rating._id })]
  })
  if (refused) return refused
  await notify(rating.openid, 'statusChanged', { title: r.resolution.title, status: '差评已回复', at: ctx.now, link: r.topic ? { kind: 'topic', id: r.topic._id } : { kind: 'report', id: r.report?._id ?? '' } })
  return answer(r.resolution._id, ctx)
}
