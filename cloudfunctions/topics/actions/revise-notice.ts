import { fail, type Handler } from '../../_shared/router'
import { findAll } from '../../_shared/db'
import { notifyFollowers } from '../../_shared/topic-store'
import type { NoticeRevision, Resolution } from '../../../src/domain/model'
import { beijingDateOf, daysBetween, deadlineAfter, formatBeijing } from '../../../src/domain/calendar'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { permitted, answer, writeTopic, startClocks } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'

export const reviseNotice: Handler<typeof contracts.reviseNotice> = async (input, ctx) => {
  const c = await permitted(contracts.reviseNotice, input.topicId, ctx)
  if (isFailure(c)) return c
  const previous = c.topic.notice!
  // A revision is made on the notice its editor saw: one published meanwhile by a colleague is not silently replaced.
  if (input.revision !== undefined && input.revision !== previous.revision) return fail('CONFLICT', '公告刚被其他人修改，请刷新后再试')
  const resolutions = await findAll<Resolution>('resolutions', { topicId: c.topic._id })
  // The revision gets the window the notice had, in Beijing calendar days (closesAt is the end of the day `days`
  // after publication): counting hours instead would add a day to a notice published before noon.
  const days = Math.max(1, daysBetween(beijingDateOf(previous.publishedAt), beijingDateOf(previous.closesAt)))
  const notice: NoticeRevision = { revision: previous.revision + 1, text: input.text, publishedAt: ctx.now, closesAt: deadlineAfter(ctx.now, days), by: ctx.openid, reason: input.reason }
  // The milestone and its history event commit together.
  const event = newTopicEvent(c.topic, c.actor, ctx.now, 'noticeRevised', `修改公告（第 ${notice.revision} 版）：${input.reason}；异议期重新计算至 ${formatBeijing(notice.closesAt, 'YYYY-MM-DD')}`)
  const conflict = await writeTopic(c.topic, async (tx, fresh) => {
    // Re-read inside the transaction: a progress disclosure that landed since the check closes the notice for good.
    for (const r of resolutions) {
      const current = (await tx.collection('resolutions').doc(r._id).get()).data as Resolution
      if (current.disclosures.length > 0 || current.resultPublishedAt) await tx.rollback('CONFLICT')
    }
    await startClocks(tx, resolutions, notice.closesAt, c.community.settings.disclosurePeriodDays)
    return { notice, noticeHistory: [...fresh.noticeHistory, notice] }
  }, event)
  if (conflict) return conflict
  await notifyFollowers(c.topic, '公告已修改', ctx.now)
  return answer(c.topic._id, ctx)
}
