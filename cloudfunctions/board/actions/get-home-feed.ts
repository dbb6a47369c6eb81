import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor } from '../../_shared/caller'
import { beijingWeekdayLabel, formatBeijing, nextDeliberationDay } from '../../../src/domain/calendar'
import type * as contracts from '../../../src/contracts/board'
import { communityFor, board, feedTopics, headOf } from '../lib'

// Everything the resident home page shows, in one call.
export const getHomeFeed: Handler<typeof contracts.getHomeFeed> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const community = await communityFor(actor, input?.communityId)
  if (!community) return fail('NOT_IN_COMMUNITY', '请先加入社区')
  // The topics and the board are read side by side.
  const [{ byStage, recentResults }, fullBoard] = await Promise.all([feedTopics(community._id, ctx.now), board(community, ctx.now)])
  const next = nextDeliberationDay(ctx.now, community.settings.deliberationDay)
  return ok({
    community: { id: community._id, name: community.name },
    nextDeliberationDay: {
      date: next.date,
      startsAt: next.startsAt.toISOString(),
      label: `${formatBeijing(next.startsAt, 'M月D日')}（${beijingWeekdayLabel(next.startsAt)}）${formatBeijing(next.startsAt, 'HH:mm')}`,
    },
    byStage,
    recentResults,
    // The home page shows the board's head; the board page (getBoard) has every line. The community line still
    // counts all overdue items.
    board: headOf(fullBoard),
  })
}
