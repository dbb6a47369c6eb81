import { fail, ok, type Handler } from '../../_shared/router'
import { ALL, database, findAll } from '../../_shared/db'
import { loadActor } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import { byIds, currentSummary, itemsNeedingAttention, storedSummaries } from '../../_shared/summary-reads'
import { lineOfTally, type BoardLine } from '../../../src/domain/board'
import { lineName } from '../../../src/domain/summaries'
import type { Resolution } from '../../../src/domain/model'
import * as contracts from '../../../src/contracts/supervision'
import { communitiesInReach, escalationView, type EscalationDoc } from '../lib'

const LIST_ORDER = { red: 0, none: 1, black: 2 } as const
/** Ranking: red list first, black last; within a list the higher on-time rate, then the fewer overdue, first. */
function ranked(lines: BoardLine[]): BoardLine[] {
  return [...lines].sort((a, b) => LIST_ORDER[a.list] - LIST_ORDER[b.list] || (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || a.overdue - b.overdue || a.key.localeCompare(b.key))
}

// The township supervisor's workbench across every community of the township (the county office: one township or all).
// The ranking reads one summary document per community (corrected for the items the clock has overtaken), not the
// items; the escalations to act on are read as such (not yet answered), with their items by id.
export const getTownshipOverview: Handler<typeof contracts.getTownshipOverview> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const denied = decided(contracts.getTownshipOverview, actor, { communityId: actor.communityId ?? '', townshipId: actor.townshipId ?? '' }, ctx.now)
  if (denied) return denied
  const communities = await communitiesInReach(actor, input?.townshipId)
  const ids = communities.map((c) => c._id)
  const byCommunity = new Map(communities.map((c) => [c._id, c]))
  const _ = database().command
  const [stored, attention, open] = ids.length
    ? await Promise.all([
        storedSummaries(ids),
        itemsNeedingAttention(ids, ctx.now),
        // To act on: escalations not yet supervised, and supervisions the community has not answered.
        findAll<EscalationDoc>('escalations', { communityId: _.in(ids), 'supervision.answer': null }, { limit: ALL }),
      ])
    : [new Map(), [], []]
  const lines: BoardLine[] = []
  const assignees: BoardLine[] = []
  for (const c of communities) {
    const summary = currentSummary(c, stored.get(c._id) ?? null, attention, ctx.now)
    lines.push(lineOfTally(c._id, c.name, summary.total))
    // The same name in two communities is two people: each line names its community.
    for (const [key, tally] of Object.entries(summary.lines)) {
      const name = lineName(key)
      const line = lineOfTally(`${c._id}:${name}`, `${name}（${c.name}）`, tally)
      if (line.items > 0) assignees.push(line)
    }
  }
  open.sort((a, b) => new Date(b.escalatedAt).getTime() - new Date(a.escalatedAt).getTime())
  const itemById = new Map((await byIds<Resolution>('resolutions', [...new Set(open.map((e) => e.resolutionId))])).map((r) => [r._id, r]))
  return ok({
    communities: ranked(lines),
    assignees: ranked(assignees),
    escalations: open.map((e) => escalationView(e, byCommunity.get(e.communityId) ?? null, actor, ctx.now, itemById.get(e.resolutionId))),
  })
}
