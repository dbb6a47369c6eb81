/** Helpers the resolutions actions share. */
import { fail, ok, type CallContext, type Failure } from '../_shared/router'
import { findAll, getDoc } from '../_shared/db'
import { loadActor, loadCommunity } from '../_shared/caller'
import { resolutionView } from '../_shared/views'
import type { Actor, Community, Disclosure, Rating, Resolution, Topic, TopicEvent } from '../../src/domain/model'
import type { Subject } from '../../src/domain/policy'
import type { ActionContract, ErrorCodeOf } from '../../src/contracts/action'
import type { ActionName } from '../../src/domain/policy'
import { decided, guardedWrite, readIn, sameInstant, type Decidable, type Tx } from '../_shared/pipeline'
import { nextDisclosureDueAt } from '../../src/domain/disclosure'
import { tallyItem } from '../_shared/summaries'

export interface ResolutionContext {
  actor: Actor | null
  resolution: Resolution
  topic: Topic
  community: Community
  subject: Subject
}

/** Loads the caller and the item with its topic, and decides the action; a failure names why. */
export async function permitted<C extends ActionContract<ActionName>>(
  contract: Decidable<C>,
  resolutionId: string,
  ctx: CallContext,
  extra: Partial<Subject> = {},
): Promise<ResolutionContext | Failure<ErrorCodeOf<C>>> {
  const [actor, resolution] = await Promise.all([loadActor(ctx.openid), getDoc<Resolution>('resolutions', resolutionId)])
  if (!resolution) return fail('NOT_FOUND', '议决事项不存在')
  const [topic, community] = await Promise.all([getDoc<Topic>('topics', resolution.topicId), loadCommunity(resolution.communityId)])
  if (!topic || !community) return fail('NOT_FOUND', '议决事项不存在')
  const subject: Subject = { communityId: resolution.communityId, townshipId: community.townshipId, topic, resolution, ...extra }
  return decided<C>(contract, actor, subject, ctx.now) ?? { actor, resolution, topic, community, subject }
}

export async function answer(resolutionId: string, ctx: CallContext) {
  const actor = await loadActor(ctx.openid)
  const resolution = (await getDoc<Resolution>('resolutions', resolutionId))!
  const [topic, community] = await Promise.all([getDoc<Topic>('topics', resolution.topicId), loadCommunity(resolution.communityId)])
  const ratings = await findAll<Rating>('ratings', { resolutionId }, { orderBy: ['at', 'desc'], limit: 200 })
  const subject: Subject = { communityId: resolution.communityId, townshipId: community?.townshipId ?? '', topic: topic ?? undefined, resolution }
  return ok({ resolution: resolutionView(resolution, ratings, actor, subject, ctx.now) })
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
