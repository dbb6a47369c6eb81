/** Helpers the resolutions actions share. */
import { fail, ok, type CallContext, type Failure } from '../_shared/router'
import { database, findAll, getDoc } from '../_shared/db'
import { loadActor, loadCommunity } from '../_shared/caller'
import { resolutionView } from '../_shared/views'
import { notify } from '../_shared/notify'
import { notifyFollowers } from '../_shared/topic-store'
import type { ItemLink } from '../../src/contracts/messages'
import type { Actor, Community, Disclosure, Rating, Report, Resolution, TimelineEntry, Topic, TopicEvent } from '../../src/domain/model'
import type { Subject } from '../../src/domain/policy'
import type { ActionContract, ErrorCodeOf } from '../../src/contracts/action'
import type { ActionName } from '../../src/domain/policy'
import { decided, guardedWrite, readIn, sameInstant, type Decidable, type Tx } from '../_shared/pipeline'
import { nextDisclosureDueAt } from '../../src/domain/disclosure'
import { tallyItem } from '../_shared/summaries'

export interface ResolutionContext {
  actor: Actor | null
  resolution: Resolution
  /** The meeting's topic; null for a 三单 item (受理自办 / 转交办理), which has none. */
  topic: Topic | null
  /** The report a 三单 item came from (its reporter confirms and rates the result). */
  report: Report | null
  community: Community
  subject: Subject
}

/** The item's topic (a meeting item) or report (a 三单 item), as stored. */
async function loadOrigin(resolution: Resolution): Promise<{ topic: Topic | null; report: Report | null }> {
  const [topic, report] = await Promise.all([
    resolution.topicId ? getDoc<Topic>('topics', resolution.topicId) : null,
    resolution.reportId ? getDoc<Report>('reports', resolution.reportId) : null,
  ])
  return { topic, report }
}

/**
 * Loads the caller and the item with its topic (a meeting item) or its report (a 三单 item), and decides the action;
 * a failure names why. A 三单 item's permissions are decided on the item's own community (it has no topic).
 */
export async function permitted<C extends ActionContract<ActionName>>(
  contract: Decidable<C>,
  resolutionId: string,
  ctx: CallContext,
  extra: Partial<Subject> = {},
): Promise<ResolutionContext | Failure<ErrorCodeOf<C>>> {
  const [actor, resolution] = await Promise.all([loadActor(ctx.openid), getDoc<Resolution>('resolutions', resolutionId)])
  if (!resolution) return fail('NOT_FOUND', '议决事项不存在')
  const [{ topic, report }, community] = await Promise.all([loadOrigin(resolution), loadCommunity(resolution.communityId)])
  if ((resolution.topicId && !topic) || !community) return fail('NOT_FOUND', '议决事项不存在')
  const subject: Subject = { communityId: resolution.communityId, townshipId: community.townshipId, topic: topic ?? undefined, report: report ?? undefined, resolution, ...extra }
  return decided<C>(contract, actor, subject, ctx.now) ?? { actor, resolution, topic, report, community, subject }
}

export async function answer(resolutionId: string, ctx: CallContext) {
  const actor = await loadActor(ctx.openid)
  const resolution = (await getDoc<Resolution>('resolutions', resolutionId))!
  const [{ topic, report }, community] = await Promise.all([loadOrigin(resolution), loadCommunity(resolution.communityId)])
  const ratings = await findAll<Rating>('ratings', { resolutionId }, { orderBy: ['at', 'desc'], limit: 200 })
  const subject: Subject = { communityId: resolution.communityId, townshipId: community?.townshipId ?? '', topic: topic ?? undefined, report: report ?? undefined, resolution }
  return ok({ resolution: resolutionView(resolution, ratings, actor, subject, ctx.now) })
}

/**
 * Who hears of an item's progress: a meeting item's followers and participants; a 三单 item's reporter and the
 * reporters of its report's duplicates, on their report (我的诉求).
 */
export async function notifyItemFollowers(
  r: Pick<ResolutionContext, 'topic' | 'report' | 'resolution'>,
  status: string,
  at: Date,
  options: Parameters<typeof notifyFollowers>[3] = {},
): Promise<void> {
  if (r.topic) return notifyFollowers(r.topic, status, at, options)
  if (!r.report) return
  // The reporters of duplicates merged into the report follow it too.
  for (const openid of [r.report.reporterOpenid, ...(r.report.followers ?? [])]) {
    await notify(openid, 'statusChanged', { title: r.resolution.title, status, at, link: { kind: 'report', id: r.report._id } })
  }
}

/** The staff who answer for an item: a meeting item's publisher; a 三单 item's triager. */
export function itemOwner(r: Pick<ResolutionContext, 'topic' | 'report'>): string | null {
  return r.topic?.publishedBy ?? r.report?.triage?.by ?? null
}

/** Where staff open an item: its topic, or the 三单 item page. */
export function staffLinkOf(r: Pick<Resolution, '_id' | 'topicId'>): ItemLink {
  return r.topicId ? { kind: 'staffTopic', id: r.topicId } : { kind: 'staffItem', id: r._id }
}

/** A 三单 item's step shown on its report's timeline (我的诉求), in the transaction that makes the step. */
export async function appendToReport(tx: Tx, report: Report | null, entry: TimelineEntry): Promise<void> {
  if (!report) return
  await tx.collection('reports').doc(report._id).update({ data: { timeline: database().command.push([entry]) } })
}

/**
 * A disclosure answers the deadline that was running; the item's version guard is its disclosureDueAt: two
 * disclosures racing on the same deadline cannot both count against it. The disclosure, its history event and what
 * it causes (`then`, given the item as written) commit together.
 */
export async function disclose(
  r: ResolutionContext,
  ctx: CallContext,
  text: string,
  photos: string[],
  final: boolean,
  event: Omit<TopicEvent, '_id'>,
  then: (tx: Tx, written: Resolution) => Promise<Omit<TopicEvent, '_id'>[]> = async () => [],
): Promise<Failure<'CONFLICT'> | null> {
  const disclosure: Disclosure = { at: ctx.now, dueAt: r.resolution.disclosureDueAt!, text, photos, by: ctx.openid, final }
  const patch: Partial<Resolution> = final
    ? { disclosures: [...r.resolution.disclosures, disclosure], resultPublishedAt: ctx.now, disclosureDueAt: null, openDueAt: null }
    : { disclosures: [...r.resolution.disclosures, disclosure], disclosureDueAt: nextDisclosureDueAt(ctx.now, r.community.settings) }
  return guardedWrite({ CONFLICT: '该事项刚被其他人更新，请刷新后再试' }, async (tx) => {
    const fresh = await readIn<Resolution>(tx, 'resolutions', r.resolution._id)
    if (!fresh || !sameInstant(fresh.disclosureDueAt, r.resolution.disclosureDueAt) || fresh.resultPublishedAt) await tx.rollback('CONFLICT')
    await tx.collection('resolutions').doc(r.resolution._id).update({ data: patch })
    await tallyItem(tx, r.resolution._id, fresh, ctx.now)
    return [event, ...(await then(tx, { ...fresh!, ...patch }))]
  })
}
