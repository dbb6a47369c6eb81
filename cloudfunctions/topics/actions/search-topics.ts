import { fail, ok, type Handler } from '../../_shared/router'
import { database } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import { topicSummary } from '../../_shared/views'
import type { Report, Topic } from '../../../src/domain/model'
import { REPORT_STATUS_LABELS, reportStatus, topicStage, type TopicStage } from '../../../src/domain/stages'
import { maskedSummary } from '../../../src/domain/privacy'
import * as contracts from '../../../src/contracts/topics'

/** At most this many words of a search are used (each one more regexp over the community's documents). */
const MAX_WORDS = 3

/** A word as a case-insensitive literal pattern: what people type is never read as a regular expression. */
function literal(word: string) {
  return database().RegExp({ regexp: word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' })
}

/**
 * The query conditions of each stage, the same milestones topicStage (src/domain/stages.ts) derives the stage from:
 * no result yet, then notice (open while now ≤ closesAt), then meeting held.
 */
function stageWhere(stage: TopicStage, now: Date): Record<string, unknown> {
  const _ = database().command
  const open = { resultPublishedAt: null }
  switch (stage) {
    case 'published':
      return { ...open, noticedAt: null, heldAt: null }
    case 'deliberated':
      return { ...open, noticedAt: null, heldAt: _.neq(null) }
    case 'noticed':
      return { ...open, noticedAt: _.neq(null), 'notice.closesAt': _.gte(now) }
    case 'handling':
      return { ...open, noticedAt: _.neq(null), 'notice.closesAt': _.lt(now) }
    case 'resultPublished':
      return { resultPublishedAt: _.neq(null) }
  }
}

/**
 * Search of one's own community: topics by words in the title or description, category and stage; reports by words
 * in their text and category. Every query leads with the community (served by the communityId indexes of
 * config/database.json); the words are regexps on fields of those documents only. Never shown: reports held by the
 * content check and not cleared, reports of retired grids, and anything private — a report appears as its redacted,
 * digit-masked summary, and words with digits are not matched against reports (a search must not confirm a phone or
 * house number hidden by the mask).
 */
export const searchTopics: Handler<typeof contracts.searchTopics> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const community = await loadCommunity(actor.communityId)
  if (!community) return fail('OUT_OF_SCOPE', '只能搜索本社区的议题')
  const denied = decided(contracts.searchTopics, actor, { communityId: community._id, townshipId: community.townshipId, gridId: null }, ctx.now)
  if (denied) return denied

  const _ = database().command
  const words = input.words.split(/\s+/).filter(Boolean).slice(0, MAX_WORDS)
  const byCategory = input.category ? { category: input.category } : {}
  const window = { skip: input.offset, take: input.limit + 1 }

  const topicQuery = _.and([
    { communityId: community._id, ...byCategory, ...(input.stage ? stageWhere(input.stage, ctx.now) : {}) },
    ...words.map((w) => _.or([{ title: literal(w) }, { description: literal(w) }])),
  ])
  const topics = (await database().collection('topics').where(topicQuery).orderBy('publishedAt', 'desc').skip(window.skip).limit(window.take).get()).data as Topic[]

  // Reports have no stage; a search by stage is a search of topics. Nor are words with digits matched against them.
  const retiredGrids = community.grids.filter((g) => g.retiredAt).map((g) => g.id)
  const reportWords = input.stage || words.some((w) => /\p{N}/u.test(w)) ? null : words
  const reports = reportWords
    ? ((
        await database()
          .collection('reports')
          .where(
            _.and([
              { communityId: community._id, ...byCategory, ...(retiredGrids.length ? { gridId: _.nin(retiredGrids) } : {}) },
              _.or([{ heldForReviewAt: null }, { clearedAt: _.neq(null) }]),
              ...reportWords.map((w) => ({ text: literal(w) })),
            ]),
          )
          .orderBy('submittedAt', 'desc')
          .skip(window.skip)
          .limit(window.take)
          .get()
      ).data as Report[])
    : []

  return ok({
    // The stage conditions select exactly topicStage's stage; the filter keeps it so should the two ever drift apart.
    topics: topics.slice(0, input.limit).filter((t) => !input.stage || topicStage(t, ctx.now) === input.stage).map((t) => topicSummary(t, ctx.now)),
    reports: reports.slice(0, input.limit).map((r) => ({
      id: r._id,
      category: r.category,
      statusLabel: REPORT_STATUS_LABELS[reportStatus(r)],
      summary: maskedSummary(r.text),
      submittedAt: r.submittedAt.toISOString(),
      topicId: r.triage?.topicId ?? null,
    })),
    more: topics.length > input.limit || reports.length > input.limit,
  })
}
