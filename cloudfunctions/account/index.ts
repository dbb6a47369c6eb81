import crypto from 'node:crypto'
import { createHandler, fail, ok, route } from '../_shared/router'
import { database, findAll, listCommunities as readCommunities, loadActor, loadCommunity, loadUser } from '../_shared/server'
import { issueInvitation, joinCommunity, listAssignees, listCommunities, redeemInvitation, whoAmI } from '../../src/contracts/account'
import type { UserProfile } from '../../src/domain/model'
import { mayInvite, RESIDENTS } from '../../src/domain/policy'
import type { Role } from '../../src/domain/roles'

interface Invitation {
  _id: string
  code: string
  role: Role
  communityId: string | null
  gridId: string | null
  townshipId: string | null
  issuedBy: string
  issuedAt: Date
  expiresAt: Date
  usedBy: string | null
  usedAt: Date | null
}

const INVITATION_DAYS = 7
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

async function signedIn(user: UserProfile | null) {
  if (!user) return null
  const community = await loadCommunity(user.communityId)
  return {
    displayName: user.displayName,
    role: user.role,
    communityId: user.communityId ?? null,
    communityName: community?.name ?? null,
    gridId: user.gridId ?? null,
    buildingId: user.buildingId ?? null,
    townshipId: user.townshipId ?? community?.townshipId ?? null,
  }
}

export const main = createHandler('account', [
  route(whoAmI, async (_input, ctx) => {
    const user = await loadUser(ctx.openid)
    return ok({ openid: ctx.openid, source: ctx.source, user: await signedIn(user) })
  }),

  route(listCommunities, async () => {
    const communities = await readCommunities()
    return ok({
      communities: communities.map((c) => ({ id: c._id, name: c.name, townshipName: c.townshipName, grids: c.grids })),
    })
  }),

  // A resident chooses their community, grid and building; staff keep the place their invitation bound them to.
  route(joinCommunity, async (input, ctx) => {
    if (!ctx.openid) return fail('UNAUTHENTICATED', '请先登录')
    const community = await loadCommunity(input.communityId)
    const grid = community?.grids.find((g) => g.id === input.gridId)
    if (!community || !grid || !grid.buildings.some((b) => b.id === input.buildingId)) return fail('UNKNOWN_PLACE', '社区、网格或楼栋不存在')
    const existing = await loadUser(ctx.openid)
    if (existing && !(RESIDENTS as readonly Role[]).includes(existing.role)) return fail('ALREADY_STAFF', '工作人员的社区由邀请码确定')
    const fields = {
      displayName: input.displayName,
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
  }),

  // Only the staff who record meetings name assignees, and only people of their own community.
  route(listAssignees, async (_input, ctx) => {
    const actor = await loadActor(ctx.openid)
    if (!actor) return fail('UNAUTHENTICATED', '请先登录')
    if (actor.role !== 'community_staff' || !actor.communityId) return fail('FORBIDDEN', '只有社区工作人员可以指定承办人')
    const people = await findAll<UserProfile>('users', { communityId: actor.communityId, role: database().command.in(['community_staff', 'grid_worker']) }, { limit: 200 })
    return ok({
      assignees: people
        .map((u) => ({ openid: u.openid, displayName: u.displayName, role: u.role }))
        .sort((a, b) => a.role.localeCompare(b.role) || a.displayName.localeCompare(b.displayName, 'zh')),
    })
  }),

  route(issueInvitation, async (input, ctx) => {
    const issuer = await loadActor(ctx.openid)
    if (!issuer) return fail('UNAUTHENTICATED', '请先登录')
    if (!mayInvite(issuer, input.role)) return fail('FORBIDDEN', '只能为下一级岗位签发邀请码')
    // The invitation's place: a township for supervisors, a community (and grid) for community roles — within the
    // issuer's own reach.
    let communityId: string | null = null
    let gridId: string | null = null
    let townshipId: string | null = null
    if (input.role === 'township_supervisor' || input.role === 'county_office') {
      townshipId = input.townshipId ?? null
      if (input.role === 'township_supervisor' && !townshipId) return fail('UNKNOWN_PLACE', '请指定街道')
    } else {
      communityId = input.communityId ?? issuer.communityId
      const community = await loadCommunity(communityId)
      if (!community) return fail('UNKNOWN_PLACE', '社区不存在')
      if (issuer.role === 'township_supervisor' && community.townshipId !== issuer.townshipId) return fail('OUT_OF_SCOPE', '不在你负责的街道')
      if (issuer.role === 'community_staff' && community._id !== issuer.communityId) return fail('OUT_OF_SCOPE', '不在你负责的社区')
      if (input.role === 'grid_worker') {
        gridId = input.gridId ?? null
        if (!gridId || !community.grids.some((g) => g.id === gridId)) return fail('UNKNOWN_PLACE', '请指定本社区的网格')
      }
      townshipId = community.townshipId
    }
    const code = Array.from(crypto.randomBytes(8), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')
    const expiresAt = new Date(ctx.now.getTime() + INVITATION_DAYS * 86400_000)
    const invitation: Invitation = {
      _id: `inv_${code}`,
      code,
      role: input.role,
      communityId,
      gridId,
      townshipId,
      issuedBy: issuer.openid,
      issuedAt: ctx.now,
      expiresAt,
      usedBy: null,
      usedAt: null,
    }
    await database().collection('invitations').add({ data: invitation })
    return ok({ code, role: input.role, expiresAt: expiresAt.toISOString() })
  }),

  // One invitation binds one person: the conditional update on usedBy: null lets exactly one redemption win.
  route(redeemInvitation, async (input, ctx) => {
    if (!ctx.openid) return fail('UNAUTHENTICATED', '请先登录')
    const res = await database().collection('invitations').where({ code: input.code }).limit(1).get()
    const invitation = res.data[0] as Invitation | undefined
    if (!invitation) return fail('INVITATION_INVALID', '邀请码不存在')
    if (invitation.usedBy) return fail('INVITATION_USED', '邀请码已被使用')
    if (ctx.now.getTime() > new Date(invitation.expiresAt).getTime()) return fail('INVITATION_EXPIRED', '邀请码已过期')
    const claimed = await database()
      .collection('invitations')
      .where({ _id: invitation._id, usedBy: null })
      .update({ data: { usedBy: ctx.openid, usedAt: ctx.now } })
    if (claimed.stats.updated !== 1) return fail('INVITATION_USED', '邀请码已被使用')
    const fields = {
      displayName: input.displayName,
      role: invitation.role,
      communityId: invitation.communityId,
      gridId: invitation.gridId,
      buildingId: null,
      townshipId: invitation.townshipId,
    }
    const existing = await loadUser(ctx.openid)
    const users = database().collection('users')
    if (existing) await users.where({ openid: ctx.openid }).update({ data: fields })
    else await users.add({ data: { openid: ctx.openid, joinedAt: ctx.now, ...fields } })
    return ok({ user: (await signedIn(await loadUser(ctx.openid)))! })
  }),
])
