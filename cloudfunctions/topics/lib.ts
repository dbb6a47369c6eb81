/** Helpers the topics actions share. */
import { fail, ok, type CallContext, type Failure } from '../_shared/router'
import { database, getDoc, isDuplicate } from '../_shared/db'
import { detailOf, loadTopicContext, participationId, type TopicContext } from '../_shared/topic-store'
import type { Actor, Participation, Resolution, Topic } from '../../src/domain/model'
import type { ActionContract, ErrorCodeOf } from '../../src/contracts/action'
import { decided } from '../_shared/pipeline'
import { firstDisclosureDueAt } from '../../src/domain/disclosure'

/** Loads the caller and the topic, and decides the action; a failure names why. */
export async function permitted<C extends ActionContract>(
  contract: C,
  topicId: string,
  ctx: CallContext,
  extra: Partial<TopicContext['subject']> = {},
): Promise<TopicContext | Failure<ErrorCodeOf<C>>> {
  const c = await loadTopicContext(topicId, ctx)
  if (!c) return fail('NOT_FOUND', '议题不存在')
  return decided(contract, c.actor, { ...c.subject, ...extra }, ctx.now) ?? c
}

export async function answer(topicId: string, ctx: CallContext) {
  const topic = await detailOf(topicId, ctx)
  return topic ? ok({ topic }) : fail('NOT_FOUND', '议题不存在')
}

/**
 * A milestone write on a topic: inside a transaction that re-reads the topic and refuses if its version moved, so
 * of two staff acting at once exactly one succeeds and the other gets CONFLICT.
 */
export async function writeTopic(
  topic: Topic,
  change: (tx: any, fresh: Topic) => Promise<Partial<Topic>>,
): Promise<Failure<'CONFLICT'> | null> {
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



/**
 * Applies a change to a caller's participation and answers the state it replaced, exactly: the write is conditional
 * on the state read (compare-and-set), so two taps at once cannot both find "not joined yet" and both be counted.
 */
export async function setParticipation(topic: Topic, openid: string, patch: Partial<Participation>): Promise<Participation | null> {
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

/** The notice's closing starts (or, after a revision, restarts) every passed item's disclosure clock. */
export async function startClocks(tx: any, resolutions: Resolution[], closesAt: Date, periodDays: number): Promise<void> {
  for (const r of resolutions) {
    if (!r.passed) continue
    await tx.collection('resolutions').doc(r._id).update({
      data: { handlingFrom: closesAt, disclosureDueAt: firstDisclosureDueAt(closesAt, { disclosurePeriodDays: periodDays }), openDueAt: r.dueAt },
    })
  }
}
