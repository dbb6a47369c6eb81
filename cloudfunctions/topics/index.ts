import { createHandler, fail, ok, route, type CallContext } from '../_shared/router'
import { appendEvent, checkText, database, findAll, getDoc, isDuplicate, loadActor, loadCommunity, newId, notify, stableId } from '../_shared/server'
import { detailOf, loadTopicContext, notifyFollowers, participationId, type TopicContext } from '../_shared/topic-store'
import { topicSummary } from '../_shared/views'
import {
  answerObjection, attachReport, fileObjection, followTopic, getTopic, joinTopic, listTopics, postOpinion, publishNotice, publishTopic,
  recordDeliberationStep, recordMeeting, reviseNotice, supportTopic,
} from '../../src/contracts/topics'
import type { Actor, NoticeRevision, Objection, Participation, Report, Resolution, TimelineEntry, Topic } from '../../src/domain/model'
import { DELIBERATION_STEP_LABELS, FOUR_DELIBERATIONS } from '../../src/domain/model'
import { decide, type ActionName } from '../../src/domain/policy'
import { beijingDateOf, daysBetween, deadlineAfter, endOfBeijingDay, formatBeijing, isBeijingDate, nextDeliberationDay } from '../../src/domain/calendar'
import { firstDisclosureDueAt, quorumMet, votePasses } from '../../src/domain/disclosure'
import { topicStage } from '../../src/domain/stages'

type Failure = ReturnType<typeof fail>

/** Loads the topic and decides the action; a failure names why. */
async function permitted(action: ActionName, topicId: string, ctx: CallContext, extra: Partial<TopicContext['subject']> = {}): Promise<TopicContext | Failure> {
  const c = await loadTopicContext(topicId, ctx)
  if (!c) return fail('NOT_FOUND', '议题不存在')
  const decision = decide(action, c.actor, { ...c.subject, ...extra }, ctx.now)
  if (!decision.allowed) return fail(decision.code, decision.reason)
  return c
}
const isFailure = (x: TopicContext | Failure): x is Failure => 'ok' in x

async function answer(topicId: string, ctx: CallContext) {
  const topic = await detailOf(topicId, ctx)
  return topic ? ok({ topic }) : fail('NOT_FOUND', '议题不存在')
}

/**
 * A milestone write on a topic: inside a transaction that re-reads the topic and refuses if its version moved, so
 * of two staff acting at once exactly one succeeds and the other gets CONFLICT.
 */
async function writeTopic(
  topic: Topic,
  change: (tx: any, fresh: Topic) => Promise<Partial<Topic>>,
): Promise<Failure | null> {
  try {
    await database().runTransaction(async (tx: any) => {
      const fresh = (await tx.collection('topics').doc(topic._id).get()).data as Topic
      if (fresh.version !== topic.version) await tx.rollback('CONFLICT')
      const patch = await change(tx, fresh)
      await tx.collection('topics').doc(topic._id).update({ data: { ...patch, version: fresh.version + 1 } })
    })
    return null
  } catch (err) {
    if (err === 'CONFLICT') return fail('CONFLICT', '议题刚被其他人更新，请刷新后再试')
    throw err
  }
}

function event(topic: Topic, actor: Actor | null, at: Date, type: string, summary: string, data: Record<string, unknown> = {}) {
  return { topicId: topic._id, communityId: topic.communityId, at, actorOpenid: actor?.openid ?? '', actorRole: actor?.role ?? ('system' as const), type, summary, data }
}


/**
 * Applies a change to a caller's participation and answers the state it replaced, exactly: the write is conditional
 * on the state read (compare-and-set), so two taps at once cannot both find "not joined yet" and both be counted.
 */
async function setParticipation(topic: Topic, openid: string, patch: Partial<Participation>): Promise<Participation | null> {
  const id = participationId(topic._id, openid)
  const participations = database().collection('participations')
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await getDoc<Participation>('participations', id)
    if (!before) {
      try {
        await participations.add({ data: { _id: id, topicId: topic._id, openid, joinedAt: null, followedAt: null, stance: null, ...patch } })
        return null
      } catch (err) {
        if (!isDuplicate(err)) throw err
        continue // created by a simultaneous call: apply this change on top of it
      }
    }
    const same = (a: unknown, b: unknown) => (a instanceof Date || b instanceof Date ? new Date(a as Date).getTime() === new Date(b as Date).getTime() : a === b)
    if (Object.entries(patch).every(([k, v]) => same(before[k as keyof Participation] ?? null, v ?? null))) return before
    const res = await participations
      .where({ _id: id, joinedAt: before.joinedAt ?? null, followedAt: before.followedAt ?? null, stance: before.stance ?? null })
      .update({ data: patch })
    if (res.stats.updated === 1) return before
  }
  throw new Error(`participation ${id} kept changing`)
}

export const main = createHandler('topics', [
  route(publishTopic, async (input, ctx) => {
    const actor = await loadActor(ctx.openid)
    const community = await loadCommunity(actor?.communityId)
    if (!actor) return fail('UNAUTHENTICATED', '请先登录')
    // The role is decided before the place (as decide does): a supervisor is FORBIDDEN, not OUT_OF_SCOPE.
    const decision = decide('publishTopic', actor, { communityId: community?._id ?? '', townshipId: community?.townshipId ?? '' }, ctx.now)
    if (!decision.allowed) return fail(decision.code, decision.reason)
    if (!community) return fail('OUT_OF_SCOPE', '尚未绑定社区')

    // The same request retried publishes one topic.
    const id = stableId('tp', ctx.openid, input.clientRequestId)
    if (await getDoc<Topic>('topics', id)) return answer(id, ctx)

    let meetingAt = nextDeliberationDay(ctx.now, community.settings.deliberationDay).startsAt
    if (input.meetingAt) {
      const at = new Date(input.meetingAt)
      if (Number.isNaN(at.getTime()) || at.getTime() < ctx.now.getTime()) return fail('INVALID_MEETING_TIME', '议事时间须是将来的时间')
      meetingAt = at
    }
    const reportIds = [...new Set(input.reportIds)]
    const topic: Topic = {
      _id: id,
      communityId: community._id,
      gridId: null,
      title: input.title,
      description: input.description,
      category: input.category,
      reportIds,
      meetingPlace: input.meetingPlace,
      meetingAt,
      invitees: input.invitees,
      requiresFourDeliberations: input.requiresFourDeliberations,
      deliberations: [],
      publishedAt: ctx.now,
      publishedBy: actor.openid,
      heldAt: null,
      minutes: null,
      attendance: null,
      meetingPhotos: [],
      quorumMet: null,
      noticedAt: null,
      notice: null,
      noticeHistory: [],
      resultPublishedAt: null,
      counts: { joined: 0, followed: 0, support: 0, oppose: 0, opinions: 0, objections: 0, unansweredObjections: 0 },
      version: 1,
    }
    // Merging reports into the topic and creating it is one transaction: a report already triaged elsewhere
    // (or by a racing colleague) refuses the whole publication.
    const reporters: Report[] = []
    try {
      await database().runTransaction(async (tx: any) => {
        for (const reportId of reportIds) {
          const got = await tx.collection('reports').doc(reportId).get().catch(() => null)
          const report = got?.data as Report | undefined
          if (!report || report.communityId !== community._id || report.triagedAt || (report.heldForReviewAt && !report.clearedAt)) {
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
      })
    } catch (err) {
      if (typeof err === 'string' && err.startsWith('REPORT:')) return fail('REPORT_NOT_AVAILABLE', `诉求 ${err.slice(7)} 不存在或已被处理`)
      if (isDuplicate(err)) return answer(id, ctx)
      throw err
    }
    await appendEvent(event(topic, actor, ctx.now, 'published', `发布议题，定于 ${formatBeijing(meetingAt)} 在${topic.meetingPlace}面对面议事`, { reportIds }))
    for (const r of reporters) await notify(r.reporterOpenid, 'statusChanged', { title: r.text, status: '已纳入议题', at: ctx.now })
    return answer(id, ctx)
  }),

  route(attachReport, async (input, ctx) => {
    const report = await getDoc<Report>('reports', input.reportId)
    if (!report) return fail('NOT_FOUND', '诉求不存在')
    const c = await permitted('attachReport', input.topicId, ctx, { report, gridId: report.gridId })
    if (isFailure(c)) return c
    if (report.communityId !== c.topic.communityId) return fail('OUT_OF_SCOPE', '诉求与议题不在同一社区')
    const entry: TimelineEntry = { at: ctx.now, kind: 'topic', text: `已并入议题「${c.topic.title}」` }
    const _ = database().command
    const res = await database()
      .collection('reports')
      .where({ _id: report._id, triagedAt: null })
      .update({
        data: {
          triagedAt: ctx.now,
          triage: { kind: 'topic', by: c.actor!.openid, byName: c.actor!.displayName, note: c.topic.title, department: null, topicId: c.topic._id },
          timeline: _.push([entry]),
        },
      })
    if (res.stats.updated !== 1) return fail('ALREADY_DONE', '该诉求已被处理')
    await database().collection('topics').doc(c.topic._id).update({ data: { reportIds: _.addToSet(report._id) } })
    await appendEvent(event(c.topic, c.actor, ctx.now, 'reportAttached', '并入一条居民诉求', { reportId: report._id }))
    await notify(report.reporterOpenid, 'statusChanged', { title: report.text, status: '已纳入议题', at: ctx.now })
    return answer(c.topic._id, ctx)
  }),

  route(getTopic, async (input, ctx) => {
    const c = await loadTopicContext(input.topicId, ctx)
    if (!c) return fail('NOT_FOUND', '议题不存在')
    // Published topics are public to the community; other communities' residents do not browse them.
    if (!c.actor) return fail('UNAUTHENTICATED', '请先登录')
    if (!decide('followTopic', { ...c.actor, role: 'resident' }, c.subject, ctx.now).allowed && !decide('viewPrivateDetails', c.actor, c.subject, ctx.now).allowed) {
      return fail('OUT_OF_SCOPE', '只能查看本社区的议题')
    }
    return answer(input.topicId, ctx)
  }),

  route(listTopics, async (input, ctx) => {
    const actor = await loadActor(ctx.openid)
    if (!actor) return fail('UNAUTHENTICATED', '请先登录')
    // A known caller without a community of their own (township, county) is not unauthenticated: out of scope.
    if (!actor.communityId) return fail('OUT_OF_SCOPE', '只能查看本社区的议题')
    const page = input ?? { limit: 20, offset: 0 }
    const all = await findAll<Topic>('topics', { communityId: actor.communityId }, { orderBy: ['publishedAt', 'desc'], limit: 2000 })
    const filtered = input?.stage ? all.filter((t) => topicStage(t, ctx.now) === input.stage) : all
    return ok({ topics: filtered.slice(page.offset, page.offset + page.limit).map((t) => topicSummary(t, ctx.now)) })
  }),

  route(joinTopic, async (input, ctx) => {
    const c = await permitted('joinTopic', input.topicId, ctx)
    if (isFailure(c)) return c
    const before = await setParticipation(c.topic, c.actor!.openid, { joinedAt: ctx.now, followedAt: ctx.now })
    const _ = database().command
    const inc: Record<string, unknown> = {}
    if (!before?.joinedAt) inc['counts.joined'] = _.inc(1)
    if (!before?.followedAt) inc['counts.followed'] = _.inc(1)
    if (Object.keys(inc).length) {
      await database().collection('topics').doc(c.topic._id).update({ data: inc })
      if (!before?.joinedAt) await appendEvent(event(c.topic, c.actor, ctx.now, 'joined', '一位居民报名参加议事'))
    }
    return answer(c.topic._id, ctx)
  }),

  route(followTopic, async (input, ctx) => {
    const c = await permitted('followTopic', input.topicId, ctx)
    if (isFailure(c)) return c
    const before = await setParticipation(c.topic, c.actor!.openid, { followedAt: input.follow ? ctx.now : null })
    const was = !!before?.followedAt
    if (was !== input.follow) {
      await database().collection('topics').doc(c.topic._id).update({ data: { 'counts.followed': database().command.inc(input.follow ? 1 : -1) } })
      await appendEvent(event(c.topic, c.actor, ctx.now, input.follow ? 'followed' : 'unfollowed', input.follow ? '一位居民关注了议题' : '一位居民取消关注'))
    }
    return answer(c.topic._id, ctx)
  }),

  route(supportTopic, async (input, ctx) => {
    const c = await permitted('supportTopic', input.topicId, ctx)
    if (isFailure(c)) return c
    const before = await setParticipation(c.topic, c.actor!.openid, { stance: input.stance })
    const previous = before?.stance ?? null
    if (previous !== input.stance) {
      const _ = database().command
      const data: Record<string, unknown> = { [`counts.${input.stance}`]: _.inc(1) }
      if (previous) data[`counts.${previous}`] = _.inc(-1)
      await database().collection('topics').doc(c.topic._id).update({ data })
      const word = input.stance === 'support' ? '支持' : '反对'
      await appendEvent(event(c.topic, c.actor, ctx.now, 'stance', previous ? `一位居民改为${word}` : `一位居民表示${word}`, { stance: input.stance }))
    }
    return answer(c.topic._id, ctx)
  }),

  route(postOpinion, async (input, ctx) => {
    const c = await permitted('postOpinion', input.topicId, ctx)
    if (isFailure(c)) return c
    const verdict = await checkText(input.text, ctx.openid, 2)
    if (verdict === 'risky') return fail('CONTENT_RISKY', '内容含有不当信息，请修改后再发表')
    if (verdict === 'review') return fail('CONTENT_RISKY', '内容需要人工审核，暂不能公开发表，请修改后再试')
    await database().collection('opinions').add({
      data: { _id: newId('op'), topicId: c.topic._id, communityId: c.topic.communityId, openid: ctx.openid, authorName: c.actor!.displayName, text: input.text, at: ctx.now },
    })
    await database().collection('topics').doc(c.topic._id).update({ data: { 'counts.opinions': database().command.inc(1) } })
    await appendEvent(event(c.topic, c.actor, ctx.now, 'opinionPosted', '一位居民发表了意见'))
    return answer(c.topic._id, ctx)
  }),

  // 四议两公开: the first three deliberations are recorded strictly in order; the fourth is the meeting's resolution.
  route(recordDeliberationStep, async (input, ctx) => {
    const c = await permitted('recordDeliberationStep', input.topicId, ctx)
    if (isFailure(c)) return c
    const expected = FOUR_DELIBERATIONS[c.topic.deliberations.length]
    if (input.step !== expected) return fail('OUT_OF_ORDER', `请按顺序记录，下一步是「${DELIBERATION_STEP_LABELS[expected!]}」`)
    const conflict = await writeTopic(c.topic, async (_tx, fresh) => ({
      deliberations: [...fresh.deliberations, { step: input.step, at: ctx.now, by: ctx.openid, note: input.note }],
    }))
    if (conflict) return conflict
    await appendEvent(event(c.topic, c.actor, ctx.now, 'deliberation', `四议：${DELIBERATION_STEP_LABELS[input.step]}`, { step: input.step }))
    return answer(c.topic._id, ctx)
  }),

  route(recordMeeting, async (input, ctx) => {
    const c = await permitted('recordMeeting', input.topicId, ctx)
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
  }),

  // Step 3: the notice opens the objection window; the disclosure clock of every passed item starts when it closes.
  route(publishNotice, async (input, ctx) => {
    const c = await permitted('publishNotice', input.topicId, ctx)
    if (isFailure(c)) return c
    const resolutions = await findAll<Resolution>('resolutions', { topicId: c.topic._id })
    if (!resolutions.some((r) => r.passed)) return fail('NO_PASSED_RESOLUTION', '没有获得通过的议决事项，无需公告')
    const days = input.objectionWindowDays ?? c.community.settings.objectionWindowDays
    const notice: NoticeRevision = { revision: 1, text: input.text, publishedAt: ctx.now, closesAt: deadlineAfter(ctx.now, days), by: ctx.openid, reason: null }
    const conflict = await writeTopic(c.topic, async (tx) => {
      await startClocks(tx, resolutions, notice.closesAt, c.community.settings.disclosurePeriodDays)
      return { noticedAt: ctx.now, notice, noticeHistory: [notice] }
    })
    if (conflict) return conflict
    await appendEvent(event(c.topic, c.actor, ctx.now, 'noticePublished', `发布拟办意见公告，异议期至 ${formatBeijing(notice.closesAt, 'YYYY-MM-DD')}`, { closesAt: notice.closesAt }))
    await notifyFollowers(c.topic, '公告中', ctx.now)
    return answer(c.topic._id, ctx)
  }),

  route(reviseNotice, async (input, ctx) => {
    const c = await permitted('reviseNotice', input.topicId, ctx)
    if (isFailure(c)) return c
    const previous = c.topic.notice!
    // A revision is made on the notice its editor saw: one published meanwhile by a colleague is not silently replaced.
    if (input.revision !== undefined && input.revision !== previous.revision) return fail('CONFLICT', '公告刚被其他人修改，请刷新后再试')
    const resolutions = await findAll<Resolution>('resolutions', { topicId: c.topic._id })
    // The revision gets the window the notice had, in Beijing calendar days (closesAt is the end of the day `days`
    // after publication): counting hours instead would add a day to a notice published before noon.
    const days = Math.max(1, daysBetween(beijingDateOf(previous.publishedAt), beijingDateOf(previous.closesAt)))
    const notice: NoticeRevision = { revision: previous.revision + 1, text: input.text, publishedAt: ctx.now, closesAt: deadlineAfter(ctx.now, days), by: ctx.openid, reason: input.reason }
    const conflict = await writeTopic(c.topic, async (tx, fresh) => {
      // Re-read inside the transaction: a progress disclosure that landed since the check closes the notice for good.
      for (const r of resolutions) {
        const current = (await tx.collection('resolutions').doc(r._id).get()).data as Resolution
        if (current.disclosures.length > 0 || current.resultPublishedAt) await tx.rollback('CONFLICT')
      }
      await startClocks(tx, resolutions, notice.closesAt, c.community.settings.disclosurePeriodDays)
      return { notice, noticeHistory: [...fresh.noticeHistory, notice] }
    })
    if (conflict) return conflict
    await appendEvent(event(c.topic, c.actor, ctx.now, 'noticeRevised', `修改公告（第 ${notice.revision} 版）：${input.reason}；异议期重新计算至 ${formatBeijing(notice.closesAt, 'YYYY-MM-DD')}`))
    await notifyFollowers(c.topic, '公告已修改', ctx.now)
    return answer(c.topic._id, ctx)
  }),

  route(fileObjection, async (input, ctx) => {
    const c = await permitted('fileObjection', input.topicId, ctx)
    if (isFailure(c)) return c
    const verdict = await checkText(input.text, ctx.openid, 2)
    if (verdict === 'risky') return fail('CONTENT_RISKY', '内容含有不当信息，请修改后再提交')
    const objection: Objection = {
      _id: newId('ob'),
      topicId: c.topic._id,
      communityId: c.topic.communityId,
      openid: ctx.openid,
      authorName: c.actor!.displayName,
      noticeRevision: c.topic.notice!.revision,
      text: input.text,
      at: ctx.now,
      answer: null,
    }
    await database().collection('objections').add({ data: objection })
    const _ = database().command
    await database().collection('topics').doc(c.topic._id).update({ data: { 'counts.objections': _.inc(1), 'counts.unansweredObjections': _.inc(1) } })
    await appendEvent(event(c.topic, c.actor, ctx.now, 'objectionFiled', '居民对拟办意见提出异议'))
    await notify(c.topic.publishedBy, 'statusChanged', { title: c.topic.title, status: '有新异议', at: ctx.now })
    return answer(c.topic._id, ctx)
  }),

  route(answerObjection, async (input, ctx) => {
    const objection = await getDoc<Objection>('objections', input.objectionId)
    if (!objection) return fail('NOT_FOUND', '异议不存在')
    const c = await permitted('answerObjection', objection.topicId, ctx, { objection })
    if (isFailure(c)) return c
    const res = await database()
      .collection('objections')
      .where({ _id: objection._id, answer: null })
      .update({ data: { answer: { text: input.text, at: ctx.now, by: ctx.openid } } })
    if (res.stats.updated !== 1) return fail('ALREADY_DONE', '该异议已答复')
    await database().collection('topics').doc(c.topic._id).update({ data: { 'counts.unansweredObjections': database().command.inc(-1) } })
    await appendEvent(event(c.topic, c.actor, ctx.now, 'objectionAnswered', '公开答复居民异议', { objectionId: objection._id }))
    await notify(objection.openid, 'statusChanged', { title: c.topic.title, status: '异议已答复', at: ctx.now })
    return answer(c.topic._id, ctx)
  }),
])

/** The notice's closing starts (or, after a revision, restarts) every passed item's disclosure clock. */
async function startClocks(tx: any, resolutions: Resolution[], closesAt: Date, periodDays: number): Promise<void> {
  for (const r of resolutions) {
    if (!r.passed) continue
    await tx.collection('resolutions').doc(r._id).update({
      data: { handlingFrom: closesAt, disclosureDueAt: firstDisclosureDueAt(closesAt, { disclosurePeriodDays: periodDays }), openDueAt: r.dueAt },
    })
  }
}
