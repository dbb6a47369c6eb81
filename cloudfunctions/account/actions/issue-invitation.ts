import crypto from 'node:crypto'
import { fail, ok, type Handler } from '../../_shared/router'
import { database } from '../../_shared/db'
import { loadActor, loadCommunity } from '../../_shared/caller'
import { mayInvite } from '../../../src/domain/policy'
import type * as contracts from '../../../src/contracts/account'
import { Invitation, INVITATION_DAYS, CODE_ALPHABET } from '../lib'

export const issueInvitation: Handler<typeof contracts.issueInvitation> = async (input, ctx) => {
  const issuer = await loadActor(ctx.openid)
  if (!issuer) return fail('UNAUTHENTICATED', '请先登录')
  if (!mayInvite(issuer, input.role)) return fail('FORBIDDEN', '只能为下一级岗位签发邀请码')
  // The invitation's place: a township for supervisors, a community (and grid) for community roles — within the
  // issuer's own reach.
  let communityId: string | null = null
  let gridId: string | null = null
  let townshipId: string | null
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
}
