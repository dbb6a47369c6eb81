import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import { communityCategories, effectiveSettings, type StoredCommunity } from '../../../src/domain/admin'
import { DEFAULT_SETTINGS } from '../../../src/domain/model'
import * as contracts from '../../../src/contracts/account'
import { loadStoredCommunity } from '../lib'

export function settingsView(c: StoredCommunity) {
  return {
    communityId: c._id,
    communityName: c.name,
    settings: effectiveSettings(c),
    overridden: Object.keys(c.settings ?? {}).sort(),
    defaults: DEFAULT_SETTINGS,
    categories: communityCategories(c).map((e) => ({ id: e.id, label: e.label, retired: !!e.retiredAt })),
  }
}

/** A community's settings as in force (its overrides over the defaults) and its category list. */
export const getCommunitySettings: Handler<typeof contracts.getCommunitySettings> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const community = await loadStoredCommunity(input?.communityId ?? actor?.communityId)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  if (!community) return fail('UNKNOWN_PLACE', '社区不存在')
  const denied = decided(contracts.getCommunitySettings, actor, { communityId: community._id, townshipId: community.townshipId }, ctx.now)
  if (denied) return denied
  return ok(settingsView(community))
}
