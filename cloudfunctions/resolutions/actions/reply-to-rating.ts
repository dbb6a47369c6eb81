import { fail } from '../../_shared/router'
import { appendEvent } from '../../_shared/history'
import { database, getDoc } from '../../_shared/db'
import { notify } from '../../_shared/notify'
import type { Rating } from '../../../src/domain/model'
import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/resolutions'
import { permitted, answer } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'

export const replyToRating: Handler<typeof contracts.replyToRating> = async (input, ctx) => {
  const rating = await getDoc<Rating>('ratings', input.ratingId)
  if (!rating) return fail('NOT_FOUND', '评价不存在')
  const r = await permitted(contracts.replyToRating, rating.resolutionId, ctx, { rating })
  if (isFailure(r)) return r
  const res = await database()
    .collection('ratings')
    .where({ _id: rating._id, reply: null })
    .update({ data: { reply: { text: input.text, at: ctx.now, by: ctx.openid }, pendingReplyDueAt: null } })
  if (res.stats.updated !== 1) return fail('ALREADY_DONE', '该评价已回复')
  await appendEvent(newTopicEvent(r.topic, r.actor, ctx.now, 'ratingReplied', `公开回复一条差评（「${r.resolution.title}」）`, { ratingId: rating._id }))
  await notify(rating.openid, 'statusChanged', { title: r.resolution.title, status: '差评已回复', at: ctx.now })
  return answer(r.resolution._id, ctx)
}
