import { fail } from '../../_shared/router'
import { appendEvent } from '../../_shared/history'
import { notifyFollowers } from '../../_shared/topic-store'
import type { Resolution } from '../../../src/domain/model'
import { endOfBeijingDay, isBeijingDate } from '../../../src/domain/calendar'
import { quorumMet, votePasses } from '../../../src/domain/disclosure'
import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { permitted, answer, writeTopic, event } from '../lib'

export const recordMeeting: Handler<typeof contracts.recordMeeting> = async (input, ctx) => {
  const c = await permitted(contracts.recordMeeting, input.topicId, ctx)
  if (isFailure(c)) return c
  const heldAt = input.heldAt ? new Date(input.heldAt) : ctx.now
  if (Number.isNaN(heldAt.getTime()) || heldAt.getTime() > ctx.now.getTime()) return fail('INVALID_INPUT', '议事时间不能晚于现在')
  for (const r of input.resolutions) {
    if (!isBeijingDate(r.dueDate) || endOfBeijingDay(r.dueDate).getTime() < ctx.now.getTime()) return fail('INVALID_DUE_DATE', `「${r.title}」的办理期限须是今天或以后的日期`)
  }
  const quorum = quorumMet(input.attendance, c.community.settings.quorumRatio)
  const resolutions: Resolution[] = input.resolutions.map((r, i) => {
    const passed = quorum && votePasses(r.vote)
    const dueAt = endOfBeijingDay(r.dueDate)
    return {
      _id: `${c.topic._id}_r${String(i + 1).padStart(2, '0')}`,
      topicId: c.topic._id,
      communityId: c.topic.communityId,
      townshipId: c.community.townshipId,
      title: r.title,
      vote: r.vote,
      passed,
      assigneeName: r.assigneeName,
      assigneeOpenid: r.assigneeOpenid,
      dueAt,
      handlingFrom: null,
      disclosureDueAt: null,
      disclosures: [],
      resultPublishedAt: null,
      reopenedAt: null,
      callback: null,
      ratingCount: 0,
      ratingSum: 0,
      openDueAt: null,
    }
  })
  const conflict = await writeTopic(c.topic, async (tx, fresh) => {
    for (const r of resolutions) await tx.collection('resolutions').add({ data: r })
    const deliberations = fresh.requiresFourDeliberations
      ? [...fresh.deliberations, { step: 'residents_resolution' as const, at: heldAt, by: ctx.openid, note: '面对面议事会表决' }]
      : fresh.deliberations
    return { heldAt, minutes: input.minutes, attendance: input.attendance, meetingPhotos: input.photos, quorumMet: quorum, deliberations }
  })
  if (conflict) return conflict
  const passedCount = resolutions.filter((r) => r.passed).length
  await appendEvent(
    event(c.topic, c.actor, ctx.now, 'meetingHeld', `召开面对面议事会，到会 ${input.attendance.households}/${input.attendance.invitedHouseholds} 户，${passedCount}/${resolutions.length} 项决议通过${quorum ? '' : '（未达法定人数）'}`, {
      resolutionIds: resolutions.map((r) => r._id),
    }),
  )
  await notifyFollowers(c.topic, '已议事', ctx.now)
  return answer(c.topic._id, ctx)
}
