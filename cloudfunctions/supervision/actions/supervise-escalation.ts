import { fail, ok, type Handler } from '../../_shared/router'
import { findAll, getDoc } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { notify } from '../../_shared/notify'
import { decided, guardedWrite, readIn } from '../../_shared/pipeline'
import { newTopicEvent } from '../../../src/domain/records'
import { formatBeijing } from '../../../src/domain/calendar'
import * as contracts from '../../../src/contracts/supervision'
import { escalationView, newSupervision, type EscalationDoc } from '../lib'

// 督办: the township supervisor acts once on an escalation; the community owes a reply within 3 working days (the
// sweep escalates an unanswered one to the county office: supervisionReplyPendingDueAt, cloudfunctions/sweep).
export const superviseEscalation: Handler<typeof contracts.superviseEscalation> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const escalation = await getDoc<EscalationDoc>('escalations', input.escalationId)
  if (!escalation) return actor ? fail('NOT_FOUND', '找不到该逾期提请') : fail('UNAUTHENTICATED', '请先登录')
  const community = await loadCommunity(escalation.communityId)
  const townshipId = community?.townshipId ?? escalation.townshipId
  const denied = decided(contracts.superviseEscalation, actor, { communityId: escalation.communityId, townshipId, escalation }, ctx.now)
  if (denied) return denied
  const supervision = newSupervision(actor!, input.note, ctx.now)
  // Supervised once: re-read in the transaction, one supervised meanwhile is refused.
  const refused = await guardedWrite({ ALREADY_DONE: '该事项已督办' }, async (tx) => {
    const fresh = await readIn<EscalationDoc>(tx, 'escalations', escalation._id)
    if (!fresh || fresh.supervision) await tx.rollback('ALREADY_DONE')
    await tx.collection('escalations').doc(escalation._id).update({ data: { supervision, supervisedAt: ctx.now, supervisionReplyPendingDueAt: supervision.replyDueAt } })
    // A 三单 item has no topic: its history is kept under the item's id.
    const subject = { _id: escalation.topicId ?? escalation.resolutionId, communityId: escalation.communityId }
    return [newTopicEvent(subject, actor, ctx.now, 'supervised', `街道督办：${input.note}`, { escalationId: escalation._id, resolutionId: escalation.resolutionId, replyDueAt: supervision.replyDueAt })]
  })
  if (refused) return refused
  const staff = await findAll<{ openid: string }>('users', { communityId: escalation.communityId, role: 'community_staff' }, { limit: 50 })
  for (const s of staff) {
    await notify(s.openid, 'deadline', { title: escalation.text, status: '街道督办', note: `请于 ${formatBeijing(supervision.replyDueAt, 'MM-DD')} 前回复`, at: supervision.replyDueAt, link: escalation.topicId ? { kind: 'staffTopic', id: escalation.topicId } : null })
  }
  return ok({ escalation: escalationView({ ...escalation, supervision, supervisedAt: ctx.now }, community, actor!, ctx.now) })
}
