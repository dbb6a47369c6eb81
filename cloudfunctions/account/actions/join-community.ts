import { fail, ok, type Handler } from '../../_shared/router'
import { database } from '../../_shared/db'
import { loadUser } from '../../_shared/caller'
import { RESIDENTS } from '../../../src/domain/policy'
import type { Role } from '../../../src/domain/roles'
import type * as contracts from '../../../src/contracts/account'
import { activeCommunity, signedIn } from '../lib'
import { checkDisplayName } from '../../../src/domain/privacy'

// A resident chooses their community, grid and building; staff keep the place their invitation bound them to.
export const joinCommunity: Handler<typeof contracts.joinCommunity> = async (input, ctx) => {
  if (!ctx.openid) return fail('UNAUTHENTICATED', '请先登录')
  // Only places in service: a retired community, grid or building (or one of a retired township) takes no one new.
  const community = await activeCommunity(input.communityId)
  const grid = community?.grids.find((g) => g.id === input.gridId && !g.retiredAt)
  if (!community || !grid || !grid.buildings.some((b) => b.id === input.buildingId && !b.retiredAt)) return fail('UNKNOWN_PLACE', '社区、网格或楼栋不存在或已撤销')
  const existing = await loadUser(ctx.openid)
  if (existing && !(RESIDENTS as readonly Role[]).includes(existing.role)) return fail('ALREADY_STAFF', '工作人员的社区由邀请码确定')
  // Residents choose their own name: normalised, no invisible tricks, no staff titles.
  const named = checkDisplayName(input.displayName, false)
  if (!named.ok) return fail(named.code, named.reason)
  const fields = {
    displayName: named.name,
    role: existing?.role ?? 'resident',
    communityId: community._id,
    gridId: grid.id,
    buildingId: input.buildingId,
    townshipId: community.townshipId,
    house: input.house ?? null,
    phone: input.phone ?? null,
  }
  const users = database().collection('users')
  if (existing) await users.where({ openid: ctx.openid }).update({ data: fields })
  else await users.add({ data: { openid: ctx.openid, joinedAt: ctx.now, ...fields } })
  return ok({ user: (await signedIn(await loadUser(ctx.openid)))! })
}
