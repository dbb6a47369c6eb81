import { fail, ok, type Handler } from '../../_shared/router'
import { findAll } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/supervision'
import { escalationView, type EscalationDoc } from '../lib'

/** Newest-first cap: a community's 督办 are few; older answered ones beyond it are on the township's workbench. */
const LIMIT = 200

// The 督办 addressed to the caller's own community: unanswered first (earliest reply due first), then answered ones,
// newest first. Only supervised escalations are listed: an escalation the township has not acted on asks nothing yet.
export const listSupervisions: Handler<typeof contracts.listSupervisions> = async (_input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const community = actor.communityId ? await loadCommunity(actor.communityId) : null
  const denied = decided(contracts.listSupervisions, actor, { communityId: actor.communityId ?? '', townshipId: community?.townshipId ?? actor.townshipId ?? '' }, ctx.now)
  if (denied) return denied
  const docs = await findAll<EscalationDoc>('escalations', { communityId: actor.communityId! }, { limit: 2000 })
  const supervised = docs.filter((e) => e.supervision)
  const owed = supervised.filter((e) => !e.supervision!.answer).sort((a, b) => new Date(a.supervision!.replyDueAt).getTime() - new Date(b.supervision!.replyDueAt).getTime())
  const answered = supervised.filter((e) => e.supervision!.answer).sort((a, b) => new Date(b.supervision!.at).getTime() - new Date(a.supervision!.at).getTime())
  return ok({ escalations: [...owed, ...answered].slice(0, LIMIT).map((e) => escalationView(e, community, actor, ctx.now)) })
}
