/** Helpers the topics actions share. */
import { fail, ok, type CallContext, type Failure } from '../_shared/router'
import { database } from '../_shared/db'
import { detailOf, loadTopicContext, participationId, type TopicContext } from '../_shared/topic-store'
import type { Actor, Participation, Resolution, Topic, TopicEvent } from '../../src/domain/model'
import { newParticipation, newTopicEvent } from '../../src/domain/records'
import type { ActionContract, ErrorCodeOf } from '../../src/contracts/action'
import type { ActionName } from '../../src/domain/policy'
import { decided, readIn, writeWithHistory, type Decidable, type Tx } from '../_shared/pipeline'
import { firstDisclosureDueAt } from '../../src/domain/disclosure'
import { tallyItem } from '../_shared/summaries'

/** Loads the caller and the topic, and decides the action; a failure names why. */
export async function permitted<C extends ActionContract<ActionName>>(
  contract: Decidable<C>,
  topicId: string,
  ctx: CallContext,
  extra: Partial<TopicContext['subject']> = {},
): Promise<TopicContext | Failure<ErrorCodeOf<C>>> {
  const c = await loadTopicContext(topicId, ctx)
  if (!c) return fail('NOT_FOUND', '议题不存在')
  return decided<C>(contract, c.actor, { ...c.subject, ...extra }, ctx.now) ?? c
}

export async function answer(topicId: string, ctx: CallContext) {
  const topic = await detailOf(topicId, ctx)
  return topic ? ok({ topic }) : fail('NOT_FOUND', '议题不存在')
}

/**
 * A milestone write on a topic, with its history event: inside a transaction that re-reads the topic and refuses if
 * its version moved, so of two staff acting at once exactly one succeeds and the other gets CONFLICT.
 */
export async function writeTopic(
  topic: Topic,
  change: (tx: Tx, fresh: Topic) => Promise<Partial<Topic>>,
  event: Omit<TopicEvent, '_id'>,
): Promise<Failure<'CONFLICT'> | null> {
  try {
    await writeWithHistory(async (tx) => {
      const fresh = (await readIn<Topic>(tx, 'topics', topic._id))!
      if (fresh.version !== topic.version) await tx.rollback('CONFLICT')
      const patch = await change(tx, fresh)
      await tx.collection('topics').doc(topic._id).update({ data: { ...patch, version: fresh.version + 1 } })
      return { result: null, events: [event] }
    })
    return null
  } catch (err) {
    if (err === 'CONFLICT') return fail('CONFLICT', '议题刚被其他人更新，请刷新后再试')
    throw err
  }
}

type Counts = Topic['counts']

/**
 * Applies a change to the caller's participation in a topic, with the counts and the history event it causes, in one
 * transaction: two taps at once are applied one after the other, so a change is counted once. `effects` names what
 * the change does given the participation it replaces (null: none yet); a change that changes nothing writes nothing.
 */
export async function changeParticipation(
  topic: Topic,
  actor: Actor,
  now: Date,
  patch: Partial<Participation>,
  effects: (before: Participation | null) => { counts: Partial<Record<keyof Counts, number>>; event: [type: string, summary: string, data?: Record<string, unknown>] | null },
): Promise<void> {
  const id = participationId(topic._id, actor.openid)
  await writeWithHistory(async (tx) => {
    const before = await readIn<Participation>(tx, 'participations', id)
    const same = (a: unknown, b: unknown) => (a instanceof Date || b instanceof Date ? new Date(a as Date).getTime() === new Date(b as Date).getTime() : a === b)
    if (before && Object.entries(patch).every(([k, v]) => same(before[k as keyof Participation] ?? null, v ?? null))) return { result: null, events: [] }
    if (before) await tx.collection('participations').doc(id).update({ data: patch })
    else await tx.collection('participations').add({ data: newParticipation(id, topic._id, actor.openid, patch) })
    const { counts, event } = effects(before)
    const _ = database().command
    const inc = Object.fromEntries(Object.entries(counts).filter(([, n]) => n).map(([k, n]) => [`counts.${k}`, _.inc(n)]))
    if (Object.keys(inc).length) await tx.collection('topics').doc(topic._id).update({ data: inc })
    return { result: null, events: event ? [newTopicEvent(topic, actor, now, ...event)] : [] }
  })
}

/** The notice's closing starts (or, after a revision, restarts) every passed item's disclosure clock. */
export async function startClocks(tx: Tx, resolutions: Resolution[], closesAt: Date, periodDays: number): Promise<void> {
  for (const r of resolutions) {
    if (!r.passed) continue
    await tx.collection('resolutions').doc(r._id).update({
      data: { handlingFrom: closesAt, disclosureDueAt: firstDisclosureDueAt(closesAt, { disclosurePeriodDays: periodDays }), openDueAt: r.dueAt },
    })
    await tallyItem(tx, r._id, r)
  }
}
