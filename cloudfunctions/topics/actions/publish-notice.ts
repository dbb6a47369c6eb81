import { fail, type Handler } from '../../_shared/router'
import { findAll } from '../../_shared/db'
import { notifyFollowers } from '../../_shared/topic-store'
import type { NoticeRevision, Resolution } from '../../../src/domain/model'
import { deadlineAfter, formatBeijing } from '../../../src/domain/calendar'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { permitted, answer, writeTopic, startClocks } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'

// Step 3: the notice opens the objection window; the disclosure clock of every passed item starts when it closes.
export const publishNotice: Handler<typeof contracts.publishNotice> = async (input, ctx) => {
  const c = await permitted(contracts.publishNotice, input.topicId, ctx)
  if (isFailure(c)) return c
  const resolutions = await findAll<Resolution>('resolutions', { topicId: c.topic._id })
  if (!resolutions.some((r) => r.passed)) return fail('NO_PASSED_RESOLUTION', '没有获得通过的议决事项，无需公告')
  const days = input.objectionWindowDays ?? c.community.settings.objectionWindowDays
  const notice: NoticeRevision = { revision: 1, text: input.text, publishedAt: ctx.now, closesAt: deadlineAfter(ctx.now, days), by: ctx.openid, reason: null }
  // The milestone and its history event commit together.
  const event = newTopicEvent(c.topic, c.actor, ctx.now, 'noticePublished', `发布拟办意见公告，异议期至 ${formatBeijing(notice.closesAt, 'YYYY-MM-DD')}`, { closesAt: notice.closesAt })
  const conflict = await writeTopic(c.topic, async (tx) => {
    await startClocks(tx, resolutions, notice.closesAt, c.community.settings.disclosurePeriodDays)
    return { noticedAt: ctx.now, notice, noticeHistory: [notice] }
  }, event)
  if (conflict) return conflict
  await notifyFollowers(c.topic, '公告中', ctx.now, { kind: 'notice', note: `异议期至${formatBeijing(notice.closesAt, 'M月D日')}` })
  return answer(c.topic._id, ctx)
}
