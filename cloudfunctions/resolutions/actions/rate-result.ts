import { fail } from '../../_shared/router'
import { appendEvent } from '../../_shared/history'
import { checkText } from '../../_shared/content-check'
import { database, getDoc, isDuplicate, pairId } from '../../_shared/db'
import { notify } from '../../_shared/notify'
import type { Rating } from '../../../src/domain/model'
import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'
import { permitted, answer } from '../lib'
import { newRating, newTopicEvent } from '../../../src/domain/records'

// One rating per resident per item, changeable; a rating of 2 or less starts the public-reply clock.
export const rateResult: Handler<typeof contracts.rateResult> = async (input, ctx) => {
  const r = await permitted(contracts.rateResult, input.resolutionId, ctx)
  if (isFailure(r)) return r
  if (input.comment) {
    const verdict = await checkText(input.comment, ctx.openid, 2)
    if (verdict !== 'pass') return fail('CONTENT_RISKY', '评价内容需修改后再提交')
  }
  const id = pairId('rt', r.resolution._id, ctx.openid)
  const rating = newRating({ id, resolution: r.resolution, rater: r.actor!, stars: input.stars, comment: input.comment, at: ctx.now, settings: r.community.settings })
  const { replyDueAt } = rating
  // The totals move by exactly what the stored rating changed: the write is conditional on the rating as read
  // (compare-and-set on its stars), so a double tap neither fails nor counts twice.
  const _ = database().command
  const { _id: _ignored, ...fields } = rating
  let recorded = false
  for (let attempt = 0; attempt < 5 && !recorded; attempt++) {
    const previous = await getDoc<Rating>('ratings', id)
    if (!previous) {
      try {
        await database().collection('ratings').add({ data: rating })
      } catch (err) {
        if (isDuplicate(err)) continue
        throw err
      }
      await database().collection('resolutions').doc(r.resolution._id).update({ data: { ratingSum: _.inc(input.stars), ratingCount: _.inc(1) } })
      recorded = true
    } else {
      const res = await database().collection('ratings').where({ _id: id, stars: previous.stars }).update({ data: fields })
      if (res.stats.updated !== 1) continue
      if (input.stars !== previous.stars) {
        await database().collection('resolutions').doc(r.resolution._id).update({ data: { ratingSum: _.inc(input.stars - previous.stars) } })
      }
      recorded = true
    }
  }
  if (!recorded) return fail('CONFLICT', '评价刚被更新，请刷新后再试')
  await appendEvent(newTopicEvent(r.topic, r.actor, ctx.now, 'rated', `居民评价「${r.resolution.title}」${input.stars} 星`, { resolutionId: r.resolution._id, stars: input.stars }))
  if (replyDueAt) await notify(r.topic.publishedBy, 'deadline', { title: r.resolution.title, status: '差评待回复', at: replyDueAt })
  return answer(r.resolution._id, ctx)
}
