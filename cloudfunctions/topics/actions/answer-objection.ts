import { fail, type Handler } from '../../_shared/router'
import { database, getDoc } from '../../_shared/db'
import { notify } from '../../_shared/notify'
import type { Objection } from '../../../src/domain/model'
import { isFailure, guardedWrite, readIn } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { permitted, answer } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'

export const answerObjection: Handler<typeof contracts.answerObjection> = async (input, ctx) => {
  const objection = await getDoc<Objection>('objections', input.objectionId)
  if (!objection) return fail('NOT_FOUND', '异议不存在')
  const c = await permitted(contracts.answerObjection, objection.topicId, ctx, { objection })
  if (isFailure(c)) return c
  // An objection is answered once: re-read in the transaction, one answered meanwhile is refused.
  const refused = await guardedWrite({ ALREADY_DONE: '该异议已答复' }, async (tx) => {
    const fresh = await readIn<Objection>(tx, 'objections', objection._id)
    if (!fresh || fresh.answer) await tx.rollback('ALREADY_DONE')
    await tx.collection('objections').doc(objection._id).update({ data: { answer: { text: input.text, at: ctx.now, by: ctx.openid } } })
    await tx.collection('topics').doc(c.topic._id).update({ data: { 'counts.unansweredObjections': database().command.inc(-1) } })
    return [newTopicEvent(c.topic, c.actor, ctx.now, 'objectionAnswered', '公开答复居民异议', { objectionId: objection._id })]
  })
  if (refused) return refused
  await notify(objection.openid, 'statusChanged', { title: c.topic.title, status: '异议已答复', at: ctx.now, link: { kind: 'topic', id: c.topic._id } })
  return answer(c.topic._id, ctx)
}
