import { fail, type Handler } from '../../_shared/router'
import { appendEvent } from '../../_shared/history'
import { database, getDoc, isDuplicate, stableId } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { notify } from '../../_shared/notify'
import type { Report, TimelineEntry, Topic } from '../../../src/domain/model'
import { decided, type Tx } from '../../_shared/pipeline'
import { decide } from '../../../src/domain/policy'
import { formatBeijing, nextDeliberationDay } from '../../../src/domain/calendar'
import * as contracts from '../../../src/contracts/topics'
import { answer } from '../lib'
import { newTopic, newTopicEvent } from '../../../src/domain/records'
import { categoryOpen, communityCategoryLabel } from '../../../src/domain/admin'
import { departmentServes } from '../../../src/domain/departments'
import { departmentMembers, loadDepartment } from '../../_shared/departments'

export const publishTopic: Handler<typeof contracts.publishTopic> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const community = await loadCommunity(actor?.communityId)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  // The role is decided before the place (as decide does): a supervisor is FORBIDDEN, not OUT_OF_SCOPE.
  const denied = decided(contracts.publishTopic, actor, { communityId: community?._id ?? '', townshipId: community?.townshipId ?? '' }, ctx.now)
  if (denied) return denied
  if (!community) return fail('OUT_OF_SCOPE', '尚未绑定社区')
  if (!categoryOpen(community, input.category)) return fail('UNKNOWN_CATEGORY', '本社区没有这个分类或该分类已停用')

  // The same request retried publishes one topic.
  const id = stableId('tp', ctx.openid, input.clientRequestId)
  if (await getDoc<Topic>('topics', id)) return answer(id, ctx)

  let meetingAt = nextDeliberationDay(ctx.now, community.settings.deliberationDay).startsAt
  if (input.meetingAt) {
    const at = new Date(input.meetingAt)
    if (Number.isNaN(at.getTime()) || at.getTime() < ctx.now.getTime()) return fail('INVALID_MEETING_TIME', '议事时间须是将来的时间')
    meetingAt = at
  }
  // 联席会议: each invited department must be registered, open, and county-level or of the community's township.
  const departmentIds = [...new Set(input.departmentIds ?? [])]
  const departments = await Promise.all(departmentIds.map((d) => loadDepartment(d)))
  if (departments.some((d) => !departmentServes(d, community.townshipId))) return fail('UNKNOWN_DEPARTMENT', '受邀部门不存在、已撤销或不服务本街道')
  const reportIds = [...new Set(input.reportIds)]
  const drafted = newTopic({
    id,
    communityId: community._id,
    title: input.title,
    description: input.description,
    category: input.category,
    categoryLabel: communityCategoryLabel(community, input.category),
    reportIds,
    meetingPlace: input.meetingPlace,
    meetingAt,
    invitees: input.invitees,
    requiresFourDeliberations: input.requiresFourDeliberations,
    publishedAt: ctx.now,
    publishedBy: actor.openid,
  })
  // The departments are named among the invitees (as the topic page shows them) and kept by id for their inboxes.
  const topic: Topic = departmentIds.length
    ? { ...drafted, invitees: [...drafted.invitees, ...departments.map((d) => d!.name)], invitedDepartmentIds: departmentIds }
    : drafted
  // Merging reports into the topic and creating it is one transaction: a report already triaged elsewhere
  // (or by a racing colleague) refuses the whole publication.
  const reporters: Report[] = []
  try {
    await database().runTransaction(async (tx: Tx) => {
      for (const reportId of reportIds) {
        const got = await tx.collection('reports').doc(reportId).get().catch(() => null)
        const report = got?.data as Report | undefined
        // Each report merged is decided by the publishTopic rule (ACTION_RULES: joinable into a topic of this community).
        if (!report || decide('publishTopic', actor, { communityId: community._id, townshipId: community.townshipId, report }, ctx.now).allowed === false) {
          await tx.rollback(`REPORT:${reportId}`)
        }
        const entry: TimelineEntry = { at: ctx.now, kind: 'topic', text: `已纳入议题「${topic.title}」，议事时间 ${formatBeijing(meetingAt)}` }
        await tx.collection('reports').doc(reportId).update({
          data: {
            triagedAt: ctx.now,
            triage: { kind: 'topic', by: actor.openid, byName: actor.displayName, note: topic.title, department: null, topicId: id },
            timeline: [...report!.timeline, entry],
          },
        })
        reporters.push(report!)
      }
      await tx.collection('topics').add({ data: { ...topic, requestKey: id } })
      // The topic and its history begin together.
      await appendEvent(newTopicEvent(topic, actor, ctx.now, 'published', `发布议题，定于 ${formatBeijing(meetingAt)} 在${topic.meetingPlace}面对面议事`, { reportIds }), tx)
    })
  } catch (err) {
    if (typeof err === 'string' && err.startsWith('REPORT:')) return fail('REPORT_NOT_AVAILABLE', `诉求 ${err.slice(7)} 不存在或已被处理`)
    if (isDuplicate(err)) return answer(id, ctx)
    throw err
  }
  for (const r of reporters) await notify(r.reporterOpenid, 'statusChanged', { title: r.text, status: '已纳入议题', at: ctx.now, link: { kind: 'topic', id } })
  // 联席会议: the invited departments' staff hear of the topic.
  for (const d of departments) {
    for (const member of await departmentMembers(d!)) await notify(member.openid, 'statusChanged', { title: topic.title, status: '邀请参加联席会议', at: ctx.now, link: { kind: 'staffTopic', id } })
  }
  return answer(id, ctx)
}
