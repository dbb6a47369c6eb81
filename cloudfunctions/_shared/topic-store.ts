import type { CallContext } from './router'
import { database, findAll, getDoc, pairId } from './db'
import { loadActor, loadCommunity } from './caller'
import { notify } from './notify'
import { topicDetail, type TopicBundle } from './views'
import type { Actor, Community, Objection, Opinion, Participation, Rating, Report, Resolution, Topic, TopicEvent } from '../../src/domain/model'
import type { Subject } from '../../src/domain/policy'
import { PRIVATE_EVENT_TYPES, PUBLIC_TIMELINE_LENGTH } from '../../src/domain/history'
import type { TopicDetailView } from '../../src/contracts/topics'
import type { TemplateKey } from '../../src/contracts/messages'

/** Loading a topic with everything its page and its rules need. */
export interface TopicContext {
  actor: Actor | null
  topic: Topic
  community: Community
  subject: Subject
}

export async function loadTopicContext(topicId: string, ctx: CallContext): Promise<TopicContext | null> {
  const [actor, topic] = await Promise.all([loadActor(ctx.openid), getDoc<Topic>('topics', topicId)])
  if (!topic) return null
  const community = await loadCommunity(topic.communityId)
  if (!community) return null
  const resolutions = await findAll<Resolution>('resolutions', { topicId: topic._id })
  return { actor, topic, community, subject: topicSubject(topic, community, resolutions) }
}

export function topicSubject(topic: Topic, community: Community, resolutions: Resolution[]): Subject {
  return {
    communityId: topic.communityId,
    townshipId: community.townshipId,
    gridId: topic.gridId,
    topic,
    handlingStarted: resolutions.some((r) => r.disclosures.length > 0 || r.resultPublishedAt),
  }
}

export function participationId(topicId: string, openid: string): string {
  return pairId('pt', topicId, openid)
}

export async function topicBundle(topic: Topic, actor: Actor | null): Promise<TopicBundle> {
  const [resolutions, objections, opinionsRes, reports, events, me] = await Promise.all([
    findAll<Resolution>('resolutions', { topicId: topic._id }),
    findAll<Objection>('objections', { topicId: topic._id }, { orderBy: ['at', 'asc'], limit: 500 }),
    database().collection('opinions').where({ topicId: topic._id }).orderBy('at', 'desc').limit(50).get(),
    topic.reportIds.length ? findAll<Report>('reports', { _id: database().command.in(topic.reportIds) }) : Promise.resolve([]),
    database()
      .collection('topic_events')
      .where({ topicId: topic._id, type: database().command.nin([...PRIVATE_EVENT_TYPES]) })
      .orderBy('at', 'desc')
      .limit(PUBLIC_TIMELINE_LENGTH)
      .get()
      .then((res: { data: TopicEvent[] }) => res.data.reverse()),
    actor ? getDoc<Participation>('participations', participationId(topic._id, actor.openid)) : Promise.resolve(null),
  ])
  const ratings = resolutions.length
    ? (await Promise.all(resolutions.map((r) => findAll<Rating>('ratings', { resolutionId: r._id }, { orderBy: ['at', 'desc'], limit: 200 })))).flat()
    : []
  return {
    topic,
    resolutions: resolutions.sort((a, b) => a._id.localeCompare(b._id)),
    ratings,
    objections,
    opinions: opinionsRes.data as Opinion[],
    reports,
    events,
    me: me ? { joinedAt: me.joinedAt, followedAt: me.followedAt, stance: me.stance } : null,
  }
}

export async function detailOf(topicId: string, ctx: CallContext): Promise<TopicDetailView | null> {
  const c = await loadTopicContext(topicId, ctx)
  if (!c) return null
  return topicDetail(await topicBundle(c.topic, c.actor), c.actor, c.subject, ctx.now)
}

/**
 * Tell a topic's followers and participants that it moved on (each may have declined subscription messages). The
 * notice and the result go as their own templates (what 报名/关注 asked for); other steps as statusChanged.
 */
export async function notifyFollowers(topic: Topic, status: string, at: Date, options: { kind?: TemplateKey; note?: string } = {}): Promise<void> {
  const people = await findAll<Participation>('participations', { topicId: topic._id }, { limit: 1000 })
  for (const p of people) {
    if (p.followedAt || p.joinedAt) await notify(p.openid, options.kind ?? 'statusChanged', { title: topic.title, status, note: options.note, at, link: { kind: 'topic', id: topic._id } })
  }
}
