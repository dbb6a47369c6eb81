/** Helpers the account actions share. */
import { loadCommunity } from '../_shared/caller'
import type { UserProfile } from '../../src/domain/model'
import type { Role } from '../../src/domain/roles'

export interface Invitation {
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

export const INVITATION_DAYS = 7
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

export async function signedIn(user: UserProfile | null) {
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
