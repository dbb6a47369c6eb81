import { createHandler, fail, ok, route, type CallContext } from '../_shared/router'
import { appendEvent, checkText, database, findAll, getDoc, isDuplicate, loadActor, loadCommunity, notify, pairId } from '../_shared/server'
import { notifyFollowers } from '../_shared/topic-store'
import { resolutionView } from '../_shared/views'
import { listCallbacks, publishProgress, publishResult, rateResult, recordCallback, replyToRating } from '../../src/contracts/resolutions'
import type { Actor, Community, Disclosure, Participation, Rating, Resolution, Topic } from '../../src/domain/model'
import { decide, inScope, type ActionName, type Subject } from '../../src/domain/policy'
import { beijingMonthOf, callbackDueAt, monthRange, nextMonth, previousMonth } from '../../src/domain/calendar'
import { nextDisclosureDueAt, ratingReplyDueAt } from '../../src/domain/disclosure'

type Failure = ReturnType<typeof fail>
interface ResolutionContext {
  actor: Actor | null
  resolution: Resolution
  topic: Topic
  community: Community
  subject: Subject
}

async function permitted(action: ActionName, resolutionId: string, ctx: CallContext, extra: Partial<Subject> = {}): Promise<ResolutionContext | Failure> {
  const [actor, resolution] = await Promise.all([loadActor(ctx.openid), getDoc<Resolution>('resolutions', resolutionId)])
  if (!resolution) return fail('NOT_FOUND', '议决事项不存在')
  const [topic, community] = await Promise.all([getDoc<Topic>('topics', resolution.topicId), loadCommunity(resolution.communityId)])
  if (!topic || !community) return fail('NOT_FOUND', '议决事项不存在')
  const subject: Subject = { communityId: resolution.communityId, townshipId: community.townshipId, topic, resolution, ...extra }
  const decision = decide(action, actor, subject, ctx.now)
  if (!decision.allowed) return fail(decision.code, decision.reason)
  return { actor, resolution, topic, community, subject }
}
const isFailure = (x: ResolutionContext | Failure): x is Failure => 'ok' in x

async function answer(resolutionId: string, ctx: CallContext) {
  const actor = await loadActor(ctx.openid)
  const resolution = (await getDoc<Resolution>('resolutions', resolutionId))!
  const [topic, community] = await Promise.all([getDoc<Topic>('topics', resolution.topicId), loadCommunity(resolution.communityId)])
  const ratings = await findAll<Rating>('ratings', { resolutionId }, { orderBy: ['at', 'desc'], limit: 200 })
  const subject: Subject = { communityId: resolution.communityId, townshipId: community?.townshipId ?? '', topic: topic ?? undefined, resolution }
  return ok({ resolution: resolutionView(resolution, ratings, actor, subject, ctx.now) })
}

function event(r: ResolutionContext, at: Date, type: string, summary: string, data: Record<string, unknown> = {}) {
  return { topicId: r.topic._id, communityId: r.topic.communityId, at, actorOpenid: r.actor?.openid ?? '', actorRole: r.actor?.role ?? ('system' as const), type, summary, data }
}


/**
 * A disclosure answers the deadline that was running; the item's version guard is its disclosureDueAt: two
 * disclosures racing on the same deadline cannot both count against it.
 */
async function disclose(r: ResolutionContext, ctx: CallContext, text: string, photos: string[], final: boolean): Promise<Failure | null> {
  const disclosure: Disclosure = { at: ctx.now, dueAt: r.resolution.disclosureDueAt!, text, photos, by: ctx.openid, final }
  const patch: Partial<Resolution> = final
    ? { disclosures: [...r.resolution.disclosures, disclosure], resultPublishedAt: ctx.now, disclosureDueAt: null, openDueAt: null }
    : { disclosures: [...r.resolution.disclosures, disclosure], disclosureDueAt: nextDisclosureDueAt(ctx.now, r.community.settings) }
  const res = await database()
    .collection('resolutions')
    .where({ _id: r.resolution._id, disclosureDueAt: r.resolution.disclosureDueAt, resultPublishedAt: null })
    .update({ data: patch })
  return res.stats.updated === 1 ? null : fail('CONFLICT', '该事项刚被其他人更新，请刷新后再试')
}

export const main = createHandler('resolutions', [
  route(publishProgress, async (input, ctx) => {
    const r = await permitted('publishProgress', input.resolutionId, ctx)
    if (isFailure(r)) return r
    const conflict = await disclose(r, ctx, input.text, input.photos, false)
    if (conflict) return conflict
    await appendEvent(event(r, ctx.now, 'progressPublished', `公示「${r.resolution.title}」办理情况`, { resolutionId: r.resolution._id }))
    await notifyFollowers(r.topic, '办理中', ctx.now)
    return answer(r.resolution._id, ctx)
  }),

  // Step 4. When the last passed item of a topic has its result, the topic's result is published.
  route(publishResult, async (input, ctx) => {
    const r = await permitted('publishResult', input.resolutionId, ctx)
    if (isFailure(r)) return r
    const conflict = await disclose(r, ctx, input.text, input.photos, true)
    if (conflict) return conflict
    await appendEvent(event(r, ctx.now, 'resultPublished', `公示「${r.resolution.title}」办理结果`, { resolutionId: r.resolution._id }))
    const siblings = await findAll<Resolution>('resolutions', { topicId: r.topic._id })
    if (siblings.every((s) => !s.passed || s.resultPublishedAt)) {
      const res = await database().collection('topics').where({ _id: r.topic._id, resultPublishedAt: null }).update({ data: { resultPublishedAt: ctx.now } })
      // Recorded a millisecond after the item's own result, so the timeline orders the two as they happened.
      if (res.stats.updated === 1) await appendEvent(event(r, new Date(ctx.now.getTime() + 1), 'topicResultPublished', '全部议决事项办结，办理结果公示'))
    }
    await notifyFollowers(r.topic, '已办结', ctx.now)
    return answer(r.resolution._id, ctx)
  }),

  // One rating per resident per item, changeable; a rating of 2 or less starts the public-reply clock.
  route(rateResult, async (input, ctx) => {
    const r = await permitted('rateResult', input.resolutionId, ctx)
    if (isFailure(r)) return r
    if (input.comment) {
      const verdict = await checkText(input.comment, ctx.openid, 2)
      if (verdict !== 'pass') return fail('CONTENT_RISKY', '评价内容需修改后再提交')
    }
    const id = pairId('rt', r.resolution._id, ctx.openid)
    const replyDueAt = ratingReplyDueAt(input.stars, ctx.now, r.community.settings)
    const rating: Rating = {
      _id: id,
      resolutionId: r.resolution._id,
      topicId: r.topic._id,
      communityId: r.resolution.communityId,
      openid: ctx.openid,
      raterName: r.actor!.displayName,
      stars: input.stars,
      comment: input.comment,
      at: ctx.now,
      replyDueAt,
      pendingReplyDueAt: replyDueAt,
      reply: null,
    }
    // The totals move by exactly what the stored rating changed: the write is conditional on the rating as read
    // (compare-and-set on its stars), so a double tap neither fails nor counts twice.
    const _ = database().command
    const { _id: _ignored, ...fields } = rating
    let recorded = false
    for (let attempt = 0; attempt < 5 && !recorded; attempt++) {
      const previous = await getDoc<Rating>('ratings', id)
      if (!previous) {
        try {
          await database().collection('ratings').add({ data: rating })
        } catch (err) {
          if (isDuplicate(err)) continue
          throw err
        }
        await database().collection('resolutions').doc(r.resolution._id).update({ data: { ratingSum: _.inc(input.stars), ratingCount: _.inc(1) } })
        recorded = true
      } else {
        const res = await database().collection('ratings').where({ _id: id, stars: previous.stars }).update({ data: fields })
        if (res.stats.updated !== 1) continue
        if (input.stars !== previous.stars) {
          await database().collection('resolutions').doc(r.resolution._id).update({ data: { ratingSum: _.inc(input.stars - previous.stars) } })
        }
        recorded = true
      }
    }
    if (!recorded) return fail('CONFLICT', '评价刚被更新，请刷新后再试')
    await appendEvent(event(r, ctx.now, 'rated', `居民评价「${r.resolution.title}」${input.stars} 星`, { resolutionId: r.resolution._id, stars: input.stars }))
    if (replyDueAt) await notify(r.topic.publishedBy, 'deadline', { title: r.resolution.title, status: '差评待回复', at: replyDueAt })
    return answer(r.resolution._id, ctx)
  }),

  route(replyToRating, async (input, ctx) => {
    const rating = await getDoc<Rating>('ratings', input.ratingId)
    if (!rating) return fail('NOT_FOUND', '评价不存在')
    const r = await permitted('replyToRating', rating.resolutionId, ctx, { rating })
    if (isFailure(r)) return r
    const res = await database()
      .collection('ratings')
      .where({ _id: rating._id, reply: null })
      .update({ data: { reply: { text: input.text, at: ctx.now, by: ctx.openid }, pendingReplyDueAt: null } })
    if (res.stats.updated !== 1) return fail('ALREADY_DONE', '该评价已回复')
    await appendEvent(event(r, ctx.now, 'ratingReplied', `公开回复一条差评（「${r.resolution.title}」）`, { ratingId: rating._id }))
    await notify(rating.openid, 'statusChanged', { title: r.resolution.title, status: '差评已回复', at: ctx.now })
    return answer(r.resolution._id, ctx)
  }),

  // 月回访: items whose result was published last month (Beijing), due by the 20th of this month.
  route(listCallbacks, async (input, ctx) => {
    const actor = await loadActor(ctx.openid)
    if (!actor) return fail('UNAUTHENTICATED', '请先登录')
    if (actor.role !== 'community_staff' && actor.role !== 'county_office' && actor.role !== 'township_supervisor') return fail('FORBIDDEN', '只有工作人员可以查看回访清单')
    const thisMonth = beijingMonthOf(ctx.now)
    const month = input?.month ?? previousMonth(thisMonth)
    const range = monthRange(month)
    const _ = database().command
    const items = await findAll<Resolution>('resolutions', { resultPublishedAt: _.gte(range.from).and(_.lte(range.to)) }, { limit: 2000 })
    const communities = new Map<string, Community | null>()
    const visible: Resolution[] = []
    for (const item of items) {
      if (!communities.has(item.communityId)) communities.set(item.communityId, await loadCommunity(item.communityId))
      const community = communities.get(item.communityId)
      // Listed by reach, not by whether a callback may still be recorded: an item stays on its month's list, with the
      // callback once recorded (recordCallback allows one per result).
      if (community && inScope(actor, { communityId: item.communityId, townshipId: community.townshipId })) {
        visible.push(item)
      }
    }
    const due = callbackDueAt(nextMonth(month))
    return ok({
      month,
      callbackDueAt: due.toISOString(),
      items: visible.map((item) => ({
        resolutionId: item._id,
        topicId: item.topicId,
        title: item.title,
        assigneeName: item.assigneeName,
        resultPublishedAt: item.resultPublishedAt!.toISOString(),
        callbackDueAt: due.toISOString(),
        callback: item.callback ? { outcome: item.callback.outcome, note: item.callback.note, at: item.callback.at.toISOString() } : null,
      })),
    })
  }),

  // "Not fixed" reopens the item: its result is withdrawn from the count of done items and the disclosure clock runs
  // again from today, so it shows as handling (and overdue if nobody discloses).
  route(recordCallback, async (input, ctx) => {
    const r = await permitted('recordCallback', input.resolutionId, ctx)
    if (isFailure(r)) return r
    const callback = { month: beijingMonthOf(r.resolution.resultPublishedAt!), outcome: input.outcome, note: input.note, at: ctx.now, by: ctx.openid }
    const patch: Partial<Resolution> =
      input.outcome === 'fixed'
        ? { callback }
        : { callback, resultPublishedAt: null, reopenedAt: ctx.now, disclosureDueAt: nextDisclosureDueAt(ctx.now, r.community.settings), openDueAt: r.resolution.dueAt.getTime() > ctx.now.getTime() ? r.resolution.dueAt : nextDisclosureDueAt(ctx.now, r.community.settings) }
    const res = await database()
      .collection('resolutions')
      .where({ _id: r.resolution._id, resultPublishedAt: r.resolution.resultPublishedAt })
      .update({ data: patch })
    if (res.stats.updated !== 1) return fail('CONFLICT', '该事项刚被其他人更新，请刷新后再试')
    if (input.outcome === 'not_fixed') {
      await database().collection('topics').doc(r.topic._id).update({ data: { resultPublishedAt: null } })
    }
    await appendEvent(event(r, ctx.now, 'callback', input.outcome === 'fixed' ? `回访「${r.resolution.title}」：已解决` : `回访「${r.resolution.title}」：未解决，重新办理`, { resolutionId: r.resolution._id, outcome: input.outcome }))
    return answer(r.resolution._id, ctx)
  }),
])
