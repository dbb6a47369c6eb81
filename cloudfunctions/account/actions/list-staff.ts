import { ok, type Handler } from '../../_shared/router'
import { database, findAll } from '../../_shared/db'
import { loadActor } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import { managedRoles } from '../../../src/domain/admin'
import type { UserProfile } from '../../../src/domain/model'
import * as contracts from '../../../src/contracts/account'
import { isoOrNull, type Invitation } from '../lib'

/**
 * Each level lists the people of the level right below it in its reach, and the invitations to that level still
 * open (neither used, revoked nor expired): the county office its township supervisors, a supervisor the community
 * staff of their township, community staff the grid workers and representatives of their community.
 */
export const listStaff: Handler<typeof contracts.listStaff> = async (_input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const denied = decided(contracts.listStaff, actor, { communityId: '', townshipId: '' }, ctx.now)
  if (denied) return denied
  const roles = [...managedRoles(actor!.role)]
  const _ = database().command
  const where =
    actor!.role === 'county_office'
      ? { role: _.in(roles) }
      : actor!.role === 'township_supervisor'
        ? { townshipId: actor!.townshipId ?? '', role: _.in(roles) }
        : { communityId: actor!.communityId ?? '', role: _.in(roles) }
  const people = await findAll<UserProfile>('users', where, { limit: 1000 })
  const invitations = await findAll<Invitation>('invitations', where, { limit: 1000 })
  const open = invitations.filter((i) => !i.usedBy && !i.revokedAt && new Date(i.expiresAt).getTime() > ctx.now.getTime())
  return ok({
    staff: people
      .map((u) => ({ openid: u.openid, displayName: u.displayName, role: u.role, townshipId: u.townshipId ?? null, communityId: u.communityId ?? null, gridId: u.gridId ?? null }))
      .sort((a, b) => a.role.localeCompare(b.role) || a.displayName.localeCompare(b.displayName, 'zh')),
    invitations: open
      .map((i) => ({ code: i.code, role: i.role, townshipId: i.townshipId, communityId: i.communityId, gridId: i.gridId, issuedAt: isoOrNull(i.issuedAt)!, expiresAt: isoOrNull(i.expiresAt)! }))
      .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt)),
  })
}
