import crypto from 'node:crypto'
import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor } from '../../_shared/caller'
import { loadDepartment } from '../../_shared/departments'
import { mayInviteTo, type InvitationPlace } from '../../../src/domain/admin'
import { mayInvite } from '../../../src/domain/policy'
import type * as contracts from '../../../src/contracts/account'
import { activeCommunity, activeTownship, writeAdmin, Invitation, INVITATION_DAYS, CODE_ALPHABET } from '../lib'

/**
 * An invitation to the level right below the issuer (src/domain/admin.ts mayInviteTo), for a place that exists and
 * is in service: a township for supervisors, an open department for department staff, a community (and its grid for
 * grid workers) otherwise — within the issuer's own reach.
 */
export const issueInvitation: Handler<typeof contracts.issueInvitation> = async (input, ctx) => {
  const issuer = await loadActor(ctx.openid)
  if (!issuer) return fail('UNAUTHENTICATED', '请先登录')
  let place: InvitationPlace
  if (input.role === 'department_staff') {
    // A department's staff bind to the department; its township (null: county-level) is the place above it.
    const department = await loadDepartment(input.departmentId)
    place = { townshipId: department?.townshipId ?? null, communityId: null, gridId: null, departmentId: department && !department.retiredAt ? department._id : null }
  } else if (input.role === 'township_supervisor' || input.role === 'county_office') {
    place = { townshipId: input.townshipId ?? null, communityId: null, gridId: null }
  } else {
    const communityId = input.communityId ?? issuer.communityId
    place = { townshipId: null, communityId, gridId: input.role === 'grid_worker' ? (input.gridId ?? null) : null }
  }
  // The role decides first: a caller who may not invite this role learns nothing about places.
  if (!mayInvite(issuer, input.role)) return fail('FORBIDDEN', '只能为下一级岗位签发邀请码')
  if (input.role === 'department_staff') {
    if (!place.departmentId) return fail('UNKNOWN_PLACE', '部门不存在或已撤销')
  } else if (input.role === 'township_supervisor') {
    if (!(await activeTownship(place.townshipId))) return fail('UNKNOWN_PLACE', '街道不存在或已撤销')
  } else {
    const community = await activeCommunity(place.communityId)
    if (!community) return fail('UNKNOWN_PLACE', '社区不存在或已撤销')
    place.townshipId = community.townshipId
    if (input.role === 'grid_worker' && !community.grids.some((g) => g.id === place.gridId && !g.retiredAt)) return fail('UNKNOWN_PLACE', '请指定本社区在用的网格')
  }
  const may = mayInviteTo(issuer, input.role, place)
  if (!may.allowed) return fail(may.code, may.reason)

  const code = Array.from(crypto.randomBytes(8), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')
  const expiresAt = new Date(ctx.now.getTime() + INVITATION_DAYS * 86400_000)
  const invitation: Invitation = {
    _id: `inv_${code}`,
    code,
    role: input.role,
    communityId: place.communityId,
    gridId: place.gridId,
    townshipId: place.townshipId,
    ...(place.departmentId ? { departmentId: place.departmentId } : {}),
    issuedBy: issuer.openid,
    issuedAt: ctx.now,
    expiresAt,
    usedBy: null,
    usedAt: null,
    revokedAt: null,
  }
  await writeAdmin(issuer, ctx.now, async (tx) => {
    await tx.collection('invitations').add({ data: invitation })
    return {
      result: null,
      events: [{ type: 'invitation_issued', townshipId: place.townshipId, communityId: place.communityId, summary: `签发邀请码（${input.role}）`, data: { invitationId: invitation._id, role: input.role, gridId: place.gridId, ...(place.departmentId ? { departmentId: place.departmentId } : {}) } }],
    }
  })
  return ok({ code, role: input.role, expiresAt: expiresAt.toISOString() })
}
