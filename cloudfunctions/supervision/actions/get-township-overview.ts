import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import { assigneeBoard, boardLine, type BoardLine } from '../../../src/domain/board'
import * as contracts from '../../../src/contracts/supervision'
import { communitiesInReach, escalationView, escalationsOf, itemsOf } from '../lib'

const LIST_ORDER = { red: 0, none: 1, black: 2 } as const
/** Ranking: red list first, black last; within a list the higher on-time rate, then the fewer overdue, first. */
function ranked(lines: BoardLine[]): BoardLine[] {
  return [...lines].sort((a, b) => LIST_ORDER[a.list] - LIST_ORDER[b.list] || (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || a.overdue - b.overdue || a.key.localeCompare(b.key))
}

// The township supervisor's workbench across every community of the township (the county office: one township or all).
export const getTownshipOverview: Handler<typeof contracts.getTownshipOverview> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const denied = decided(contracts.getTownshipOverview, actor, { communityId: actor.communityId ?? '', townshipId: actor.townshipId ?? '' }, ctx.now)
  if (denied) return denied
  const communities = await communitiesInReach(actor, input?.townshipId)
  const byCommunity = new Map(communities.map((c) => [c._id, c]))
  const [items, escalations] = await Promise.all([itemsOf(communities), escalationsOf(communities)])
  const itemById = new Map(items.map((r) => [r._id, r]))
  const lines: BoardLine[] = []
  const assignees: BoardLine[] = []
  for (const c of communities) {
    const own = items.filter((r) => r.communityId === c._id)
    lines.push(boardLine(c._id, c.name, own, ctx.now))
    // The same name in two communities is two people: each line names its community.
    for (const a of assigneeBoard(own, ctx.now)) assignees.push({ ...a, key: `${c._id}:${a.key}`, label: `${a.label}（${c.name}）` })
  }
  // To act on: escalations not yet supervised, and supervisions the community has not answered.
  const open = escalations
    .filter((e) => !e.supervision?.answer)
    .sort((a, b) => new Date(b.escalatedAt).getTime() - new Date(a.escalatedAt).getTime())
  return ok({
    communities: ranked(lines),
    assignees: ranked(assignees),
    escalations: open.map((e) => escalationView(e, byCommunity.get(e.communityId) ?? null, actor, ctx.now, itemById.get(e.resolutionId))),
  })
}
