import { fail, ok, type Handler } from '../../_shared/router'
import { database, findAll } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import { allowedActions } from '../../../src/domain/policy'
import { redactText } from '../../../src/domain/privacy'
import { ITEM_SOURCE_LABELS, itemSource } from '../../../src/domain/items'
import { itemTakeable, volunteerEntryOf, type Takeable } from '../../../src/domain/resources'
import type { Resolution } from '../../../src/domain/model'
import * as contracts from '../../../src/contracts/supervision'
import { resourcesOf } from '../resources'

/** A community has few items on its 揭榜 board at once; the newest are listed first. */
const LIMIT = 200

// 揭榜 list: the caller's own community's items published for taking and not yet taken or done, newest first. Read by
// its residents, so an item carries its redacted title, what it needs, its due date and when it was published —
// never its report, reporter, photos or place. The caller's own volunteer entry (if any) is what takeItem is called with.
export const listItemsOpenForTaking: Handler<typeof contracts.listItemsOpenForTaking> = async (_input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录并加入社区')
  const community = actor.communityId ? await loadCommunity(actor.communityId) : null
  const place = { communityId: actor.communityId ?? '', townshipId: community?.townshipId ?? actor.townshipId ?? '' }
  const denied = decided(contracts.listItemsOpenForTaking, actor, place, ctx.now)
  if (denied) return denied
  if (!community) return fail('NOT_IN_COMMUNITY', '请先加入社区')
  // The community_taking index: published (openForTakingAt set) and not taken; done items are filtered here.
  const _ = database().command
  const published = await findAll<Resolution & Takeable>('resolutions', { communityId: community._id, takenAt: null, openForTakingAt: _.neq(null) }, { limit: 1000 })
  const mine = volunteerEntryOf(await resourcesOf(community._id, false), actor.openid)
  const items = published
    .filter(itemTakeable)
    .sort((a, b) => new Date(b.openForTakingAt!).getTime() - new Date(a.openForTakingAt!).getTime())
    .slice(0, LIMIT)
  return ok({
    communityId: community._id,
    items: items.map((r) => ({
      id: r._id,
      title: redactText(r.title),
      sourceLabel: ITEM_SOURCE_LABELS[itemSource(r)],
      need: redactText(r.takingNeed ?? ''),
      dueAt: new Date(r.dueAt).toISOString(),
      openForTakingAt: new Date(r.openForTakingAt!).toISOString(),
      allowedActions: mine ? allowedActions(actor, { ...place, resolution: r, resource: mine }, ctx.now, ['takeItem']) : [],
    })),
    myVolunteer: mine ? { id: mine._id, name: mine.name } : null,
  })
}
