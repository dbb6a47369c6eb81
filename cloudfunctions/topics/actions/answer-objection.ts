import { fail } from '../../_shared/router'
import { appendEvent } from '../../_shared/history'
import { database, getDoc } from '../../_shared/db'
import { notify } from '../../_shared/notify'
import type { Objection } from '../../../src/domain/model'
import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { permitted, answer } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'

export const answerObjection: Handler<typeof contracts.answerObjection> = async (input, ctx) => {
  const objection = await getDoc<Objection>('objections', input.objectionId)
  if (!objection) return fail('NOT_FOUND', '异议不存在')
  const c = await permitted(contracts.answerObjection, objection.topicId, ctx, { objection })
  if (isFailure(c)) return c
  const res = await database()
    .collection('objections')
    .where({ _id: objection._id, answer: null })
    .update({ data: { answer: { text: input.text, at: ctx.now, by: ctx.openid } } })
  if (res.stats.updated !== 1) return fail('ALREADY_DONE', '该异议已答复')
  await database().collection('topics').doc(c.topic._id).update({ data: { 'counts.unansweredObjections': database().command.inc(-1) } })
  await appendEvent(newTopicEvent(c.topic, c.actor, ctx.now, 'objectionAnswered', '公开答复居民异议', { objectionId: objection._id }))
  await notify(objection.openid, 'statusChanged', { title: c.topic.title, status: '异议已答复', at: ctx.now })
  return answer(c.topic._id, ctx)
}
