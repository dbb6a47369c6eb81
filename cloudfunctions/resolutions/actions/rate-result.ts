import { fail, type Handler } from '../../_shared/router'
import { checkText } from '../../_shared/content-check'
import { database } from '../../_shared/db'
import { ratingId } from '../../_shared/opaque-id'
import { notify } from '../../_shared/notify'
import type { Rating } from '../../../src/domain/model'
import { isFailure, readIn, writeWithHistory } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'
import { permitted, answer, itemOwner, staffLinkOf } from '../lib'
import { newItemEvent, newRating } from '../../../src/domain/records'
import { tallyRating } from '../../_shared/summaries'

// One rating per resident per item, changeable; a rating of 2 or less starts the public-reply clock.
export const rateResult: Handler<typeof contracts.rateResult> = async (input, ctx) => {
  const r = await permitted(contracts.rateResult, input.resolutionId, ctx)
  if (isFailure(r)) return r
  if (input.comment) {
    const verdict = await checkText(input.comment, ctx.openid, 2)
    if (verdict !== 'pass') return fail('CONTENT_RISKY', '评价内容需修改后再提交')
  }
  // The id is public (replyToRating takes it): opaque, not made of the rater's openid.
  const id = ratingId(r.resolution._id, ctx.openid)
  const rating = newRating({ id, resolution: r.resolution, rater: r.actor!, stars: input.stars, comment: input.comment, at: ctx.now, settings: r.community.settings })
  const { replyDueAt } = rating
  // The totals move by exactly what the stored rating changed, in the transaction that writes it (with its history
  // event): a double tap neither fails nor counts twice.
  const _ = database().command
  const { _id: _ignored, ...fields } = rating
  await writeWithHistory(async (tx) => {
    const previous = await readIn<Rating>(tx, 'ratings', id)
    const item = tx.collection('resolutions').doc(r.resolution._id)
    if (!previous) {
      await tx.collection('ratings').add({ data: rating })
      await item.update({ data: { ratingSum: _.inc(input.stars), ratingCount: _.inc(1) } })
    } else {
      await tx.collection('ratings').doc(id).update({ data: fields })
      if (input.stars !== previous.stars) await item.update({ data: { ratingSum: _.inc(input.stars - previous.stars) } })
    }
    await tallyRating(tx, r.resolution._id, previous ? 0 : 1, previous ? input.stars - previous.stars : input.stars)
    const event = newItemEvent(r.resolution, r.actor, ctx.now, 'rated', `居民评价「${r.resolution.title}」${input.stars} 星`, { stars: input.stars })
    return { result: null, events: [event] }
  })
  if (replyDueAt) await notify(itemOwner(r), 'deadline', { title: r.resolution.title, status: '差评待回复', at: replyDueAt, link: staffLinkOf(r.resolution) })
  return answer(r.resolution._id, ctx)
}
