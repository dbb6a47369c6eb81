import { fail, type Handler } from '../../_shared/router'
import { notifyFollowers } from '../../_shared/topic-store'
import { endOfBeijingDay, isBeijingDate } from '../../../src/domain/calendar'
import { quorumMet } from '../../../src/domain/disclosure'
import { isFailure } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { permitted, answer, writeTopic } from '../lib'
import { newResolutions, newTopicEvent } from '../../../src/domain/records'
import { heldPatch, startMediaChecks } from '../../_shared/media-check'
import { database, findAll } from '../../_shared/db'
import type { UserProfile } from '../../../src/domain/model'
import { ASSIGNEE_ROLES } from '../../../src/domain/policy'
import { tallyItem } from '../../_shared/summaries'

export const recordMeeting: Handler<typeof contracts.recordMeeting> = async (input, ctx) => {
  const c = await permitted(contracts.recordMeeting, input.topicId, ctx)
  if (isFailure(c)) return c
  const heldAt = input.heldAt ? new Date(input.heldAt) : ctx.now
  if (Number.isNaN(heldAt.getTime()) || heldAt.getTime() > ctx.now.getTime()) return fail('INVALID_INPUT', '议事时间不能晚于现在')
  for (const r of input.resolutions) {
    if (!isBeijingDate(r.dueDate) || endOfBeijingDay(r.dueDate).getTime() < ctx.now.getTime()) return fail('INVALID_DUE_DATE', `「${r.title}」的办理期限须是今天或以后的日期`)
  }
  // An item is assigned only to someone listAssignees offers: staff or a grid worker of the topic's community.
  const named = [...new Set(input.resolutions.map((r) => r.assigneeOpenid).filter((o): o is string => !!o))]
  if (named.length) {
    const found = await findAll<UserProfile>('users', { openid: database().command.in(named) }, { limit: 100 })
    const assignable = new Set(found.filter((u) => u.communityId === c.topic.communityId && (ASSIGNEE_ROLES as readonly string[]).includes(u.role)).map((u) => u.openid))
    const unknown = input.resolutions.find((r) => r.assigneeOpenid && !assignable.has(r.assigneeOpenid))
    if (unknown) return fail('UNKNOWN_ASSIGNEE', `「${unknown.title}」的承办人不是本社区的工作人员或网格员`)
  }
  const quorum = quorumMet(input.attendance, c.community.settings.quorumRatio)
  const resolutions = newResolutions(c.topic, c.community.townshipId, { quorumMet: quorum }, input.resolutions)
  const passedCount = resolutions.filter((r) => r.passed).length
  // The milestone and its history event commit together.
  const event = newTopicEvent(c.topic, c.actor, ctx.now, 'meetingHeld', `召开面对面议事会，到会 ${input.attendance.households}/${input.attendance.invitedHouseholds} 户，${passedCount}/${resolutions.length} 项决议通过${quorum ? '' : '（未达法定人数）'}`, {
    resolutionIds: resolutions.map((r) => r._id),
  })
  const conflict = await writeTopic(c.topic, async (tx, fresh) => {
    for (const r of resolutions) await tx.collection('resolutions').add({ data: r })
    for (const r of resolutions) await tallyItem(tx, r._id, null, ctx.now)
    const deliberations = fresh.requiresFourDeliberations
      ? [...fresh.deliberations, { step: 'residents_resolution' as const, at: heldAt, by: ctx.openid, note: '面对面议事会表决' }]
      : fresh.deliberations
    // The photos are shown to others once the image check passes them.
    return { heldAt, minutes: input.minutes, attendance: input.attendance, meetingPhotos: input.photos, ...heldPatch(fresh, input.photos), quorumMet: quorum, deliberations }
  }, event)
  if (conflict) return conflict
  await startMediaChecks(input.photos, { kind: 'topic', id: c.topic._id, communityId: c.topic.communityId, openid: ctx.openid, now: ctx.now, scene: 3 })
  await notifyFollowers(c.topic, '已议事', ctx.now)
  return answer(c.topic._id, ctx)
}
