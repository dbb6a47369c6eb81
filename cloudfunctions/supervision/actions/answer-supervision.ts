import { fail, ok, type Handler } from '../../_shared/router'
import { getDoc } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { notify } from '../../_shared/notify'
import { decided, guardedWrite, readIn } from '../../_shared/pipeline'
import { newTopicEvent } from '../../../src/domain/records'
import * as contracts from '../../../src/contracts/supervision'
import { escalationView, type EscalationDoc } from '../lib'

// The community answers a supervision once (it leaves the sweep's overdue window); the supervisor who issued it is told.
export const answerSupervision: Handler<typeof contracts.answerSupervision> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const escalation = await getDoc<EscalationDoc>('escalations', input.escalationId)
  if (!escalation) return actor ? fail('NOT_FOUND', '找不到该逾期提请') : fail('UNAUTHENTICATED', '请先登录')
  const community = await loadCommunity(escalation.communityId)
  const townshipId = community?.townshipId ?? escalation.townshipId
  const denied = decided(contracts.answerSupervision, actor, { communityId: escalation.communityId, townshipId, escalation }, ctx.now)
  if (denied) return denied
  const answer = { text: input.text, at: ctx.now, by: actor!.openid, byName: actor!.displayName }
  const refused = await guardedWrite({ ALREADY_DONE: '该督办已回复', WRONG_STAGE: '该事项尚未督办' }, async (tx) => {
    const fresh = await readIn<EscalationDoc>(tx, 'escalations', escalation._id)
    if (!fresh?.supervision) await tx.rollback('WRONG_STAGE')
    if (fresh!.supervision!.answer) await tx.rollback('ALREADY_DONE')
    await tx.collection('escalations').doc(escalation._id).update({ data: { 'supervision.answer': answer, supervisionReplyPendingDueAt: null } })
    const subject = { _id: escalation.topicId ?? escalation.resolutionId, communityId: escalation.communityId }
    return [newTopicEvent(subject, actor, ctx.now, 'supervisionAnswered', `回复街道督办：${input.text}`, { escalationId: escalation._id, resolutionId: escalation.resolutionId })]
  })
  if (refused) return refused
  const supervision = { ...escalation.supervision!, answer }
  await notify(supervision.by, 'statusChanged', { title: escalation.text, status: '督办已回复', at: ctx.now, link: escalation.topicId ? { kind: 'staffTopic', id: escalation.topicId } : null })
  return ok({ escalation: escalationView({ ...escalation, supervision }, community, actor!, ctx.now) })
}
