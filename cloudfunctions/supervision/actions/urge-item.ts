import { fail, ok, type Handler } from '../../_shared/router'
import { database, findAll, getDoc } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { notify } from '../../_shared/notify'
import { decided, guardedWrite, readIn } from '../../_shared/pipeline'
import { newTopicEvent } from '../../../src/domain/records'
import { beijingDateOf } from '../../../src/domain/calendar'
import type { Resolution } from '../../../src/domain/model'
import * as contracts from '../../../src/contracts/supervision'

type Urged = Resolution & { urgeCount?: number; lastUrgedOn?: string | null }

// 催办: the assignee (or, with none named, the community's staff) is reminded; once per Beijing day per item, counted.
export const urgeItem: Handler<typeof contracts.urgeItem> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const item = await getDoc<Urged>('resolutions', input.resolutionId)
  if (!item) return actor ? fail('NOT_FOUND', '找不到该事项') : fail('UNAUTHENTICATED', '请先登录')
  const community = await loadCommunity(item.communityId)
  const denied = decided(contracts.urgeItem, actor, { communityId: item.communityId, townshipId: community?.townshipId ?? item.townshipId, resolution: item }, ctx.now)
  if (denied) return denied
  const today = beijingDateOf(ctx.now)
  let urgeCount = 0
  // Once a day: re-read in the transaction, a twin urging the same day is refused.
  const refused = await guardedWrite({ ALREADY_DONE: '该事项今天已催办', WRONG_STAGE: '只有办理中的事项可以催办' }, async (tx) => {
    const fresh = await readIn<Urged>(tx, 'resolutions', item._id)
    if (!fresh || !fresh.passed || fresh.resultPublishedAt) await tx.rollback('WRONG_STAGE')
    if (fresh!.lastUrgedOn === today) await tx.rollback('ALREADY_DONE')
    urgeCount = (fresh!.urgeCount ?? 0) + 1
    await tx.collection('resolutions').doc(item._id).update({ data: { urgeCount: database().command.inc(1), lastUrgedOn: today } })
    const subject = { _id: item.topicId ?? item._id, communityId: item.communityId }
    return [newTopicEvent(subject, actor, ctx.now, 'urged', `催办「${item.title}」（第 ${urgeCount} 次）${input.note ? `：${input.note}` : ''}`, { resolutionId: item._id, urgeCount })]
  })
  if (refused) return refused
  const recipients = item.assigneeOpenid
    ? [item.assigneeOpenid]
    : (await findAll<{ openid: string }>('users', { communityId: item.communityId, role: 'community_staff' }, { limit: 50 })).map((u) => u.openid)
  const link = item.topicId ? { kind: 'staffTopic' as const, id: item.topicId } : null
  for (const openid of recipients) await notify(openid, 'deadline', { title: item.title, status: '催办', note: input.note ?? `${actor!.displayName}催办（第 ${urgeCount} 次）`, at: item.dueAt, link })
  return ok({ resolutionId: item._id, urgeCount, lastUrgedOn: today, notified: recipients.length })
}
