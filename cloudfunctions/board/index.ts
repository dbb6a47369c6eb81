import { createHandler, fail, ok, route } from '../_shared/router'
import { database, findAll, loadActor, loadCommunity } from '../_shared/server'
import { topicSummary } from '../_shared/views'
import { getBoard, getHomeFeed } from '../../src/contracts/board'
import type { Community, Resolution, Topic } from '../../src/domain/model'
import { assigneeBoard, boardLine } from '../../src/domain/board'
import { formatBeijing, nextDeliberationDay } from '../../src/domain/calendar'
import { resolutionStatus, topicStage } from '../../src/domain/stages'
import { DEADLINE_LABELS } from '../../src/domain/reminders'
import { inScope } from '../../src/domain/policy'
import type { Actor } from '../../src/domain/model'

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
const PER_STAGE = 10
const RECENT_RESULTS = 5

interface Escalation {
  _id: string
  resolutionId: string
  topicId: string
  deadline: 'disclosure' | 'handling' | 'ratingReply'
  dueAt: Date
  escalatedAt: Date
}

/** The community a caller looks at: their own, or for township and county staff the one they name within reach. */
async function communityFor(actor: Actor | null, requested: string | undefined): Promise<Community | null> {
  const id = requested ?? actor?.communityId
  const community = await loadCommunity(id)
  if (!community || !actor) return null
  return inScope(actor, { communityId: community._id, townshipId: community.townshipId }) ? community : null
}

async function board(community: Community, now: Date) {
  const resolutions = await findAll<Resolution>('resolutions', { communityId: community._id }, { limit: 5000 })
  const escalationsRes = await database().collection('escalations').where({ communityId: community._id }).orderBy('dueAt', 'desc').limit(100).get()
  const escalated = new Map<string, Escalation>()
  for (const e of escalationsRes.data as Escalation[]) escalated.set(`${e.deadline}:${e.resolutionId}`, e)
  const overdue = resolutions
    .filter((r) => resolutionStatus(r, now) === 'overdue')
    .map((r) => {
      const e = escalated.get(`disclosure:${r._id}`)
      return {
        resolutionId: r._id,
        topicId: r.topicId,
        title: r.title,
        assigneeName: r.assigneeName,
        deadline: 'disclosure' as const,
        deadlineLabel: DEADLINE_LABELS.disclosure,
        dueAt: r.disclosureDueAt!.toISOString(),
        escalatedAt: e ? new Date(e.escalatedAt).toISOString() : null,
      }
    })
  for (const e of escalated.values()) {
    if (e.deadline === 'disclosure') continue
    const r = resolutions.find((x) => x._id === e.resolutionId)
    if (!r || (e.deadline === 'handling' && r.resultPublishedAt)) continue
    overdue.push({
      resolutionId: e.resolutionId,
      topicId: e.topicId,
      title: r.title,
      assigneeName: r.assigneeName,
      deadline: e.deadline as never,
      deadlineLabel: DEADLINE_LABELS[e.deadline],
      dueAt: new Date(e.dueAt).toISOString(),
      escalatedAt: new Date(e.escalatedAt).toISOString(),
    })
  }
  return {
    community: boardLine(community._id, community.name, resolutions, now),
    assignees: assigneeBoard(resolutions, now),
    overdue,
  }
}

export const main = createHandler('board', [
  // Everything the resident home page shows, in one call.
  route(getHomeFeed, async (input, ctx) => {
    const actor = await loadActor(ctx.openid)
    const community = await communityFor(actor, input?.communityId)
    if (!community) return fail('NOT_IN_COMMUNITY', '请先加入社区')
    const topics = await findAll<Topic>('topics', { communityId: community._id }, { orderBy: ['publishedAt', 'desc'], limit: 20000 })
    const byStage = { published: [], deliberated: [], noticed: [], handling: [] } as Record<'published' | 'deliberated' | 'noticed' | 'handling', ReturnType<typeof topicSummary>[]>
    const results: Topic[] = []
    for (const t of topics) {
      const stage = topicStage(t, ctx.now)
      if (stage === 'resultPublished') results.push(t)
      else if (byStage[stage].length < PER_STAGE) byStage[stage].push(topicSummary(t, ctx.now))
    }
    results.sort((a, b) => b.resultPublishedAt!.getTime() - a.resultPublishedAt!.getTime())
    const next = nextDeliberationDay(ctx.now, community.settings.deliberationDay)
    return ok({
      community: { id: community._id, name: community.name },
      nextDeliberationDay: {
        date: next.date,
        startsAt: next.startsAt.toISOString(),
        label: `${formatBeijing(next.startsAt, 'M月D日')}（${WEEKDAYS[new Date(next.startsAt.getTime() + 8 * 3600_000).getUTCDay()]}）${formatBeijing(next.startsAt, 'HH:mm')}`,
      },
      byStage,
      recentResults: results.slice(0, RECENT_RESULTS).map((t) => topicSummary(t, ctx.now)),
      board: await board(community, ctx.now),
    })
  }),

  route(getBoard, async (input, ctx) => {
    const actor = await loadActor(ctx.openid)
    const community = await communityFor(actor, input?.communityId)
    if (!community) return fail('NOT_IN_COMMUNITY', '请先加入社区')
    return ok({ communityId: community._id, board: await board(community, ctx.now) })
  }),
])
