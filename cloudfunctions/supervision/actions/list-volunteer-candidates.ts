import { fail, ok, type Handler } from '../../_shared/router'
import { database, findAll } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import { RESIDENTS } from '../../../src/domain/policy'
import { ROLE_LABELS } from '../../../src/domain/roles'
import type { UserProfile } from '../../../src/domain/model'
import * as contracts from '../../../src/contracts/supervision'

/** At most this many matches are answered; more asks the staff to type more of the name. */
const SHOWN = 30

// The safe way to name a volunteer's openid: community staff pick from the residents (and representatives) of their
// own community, found by name through the community_role index; saveResource checks the pick again.
export const listVolunteerCandidates: Handler<typeof contracts.listVolunteerCandidates> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const community = actor.communityId ? await loadCommunity(actor.communityId) : null
  const denied = decided(contracts.listVolunteerCandidates, actor, { communityId: actor.communityId ?? '', townshipId: community?.townshipId ?? actor.townshipId ?? '' }, ctx.now)
  if (denied) return denied
  if (!community) return fail('NOT_IN_COMMUNITY', '请先加入社区')
  const _ = database().command
  const users = await findAll<UserProfile>('users', { communityId: community._id, role: _.in([...RESIDENTS]) }, { limit: 5000, fields: { openid: true, displayName: true, role: true } })
  const found = users.filter((u) => !input.name || u.displayName.includes(input.name)).sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'))
  return ok({
    residents: found.slice(0, SHOWN).map((u) => ({ openid: u.openid, displayName: u.displayName, roleLabel: ROLE_LABELS[u.role] })),
    more: found.length > SHOWN,
  })
}
