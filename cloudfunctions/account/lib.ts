/** Helpers the account actions share. */
import { loadActor, loadCommunity } from '../_shared/caller'
import { database, getDoc, newId } from '../_shared/db'
import { decided, type Decidable, type Tx } from '../_shared/pipeline'
import { fail, type CallContext, type Failure } from '../_shared/router'
import type { ActionContract, ErrorCodeOf } from '../../src/contracts/action'
import type { ActionName } from '../../src/domain/policy'
import { newAdminEvent, type AdminEvent, type StoredCommunity, type Township } from '../../src/domain/admin'
import type { Actor } from '../../src/domain/model'
import type { UserProfile } from '../../src/domain/model'
import type { Role } from '../../src/domain/roles'

export interface Invitation {
  _id: string
  code: string
  role: Role
  communityId: string | null
  gridId: string | null
  townshipId: string | null
  /** Department staff: the department they bind to (absent on other invitations). */
  departmentId?: string | null
  issuedBy: string
  issuedAt: Date
  expiresAt: Date
  usedBy: string | null
  usedAt: Date | null
  /** Set when the level above withdrew the invitation before anyone redeemed it. */
  revokedAt?: Date | null
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
    ...(user.role === 'department_staff' ? { departmentId: user.departmentId ?? null } : {}),
  }
}

export const loadTownship = (id: string | null | undefined): Promise<Township | null> => (id ? getDoc<Township>('townships', id) : Promise.resolve(null))
export const loadStoredCommunity = (id: string | null | undefined): Promise<StoredCommunity | null> => (id ? getDoc<StoredCommunity>('communities', id) : Promise.resolve(null))

/** An active township: it exists and is not retired. */
export async function activeTownship(id: string | null | undefined): Promise<Township | null> {
  const t = await loadTownship(id)
  return t && !t.retiredAt ? t : null
}
/** An active community: it exists, is not retired, and neither is its township (where the township is on record). */
export async function activeCommunity(id: string | null | undefined): Promise<StoredCommunity | null> {
  const c = await loadStoredCommunity(id)
  if (!c || c.retiredAt) return null
  const t = await loadTownship(c.townshipId)
  return t?.retiredAt ? null : c
}

export type AdminEventDraft = Parameters<typeof newAdminEvent>[3]
/**
 * The write step of an administrative action: the change and its history records (admin_events) commit together
 * or not at all. A change refuses with `tx.rollback(code)`.
 */
export async function writeAdmin<T>(actor: Pick<Actor, 'openid' | 'role'>, now: Date, change: (tx: Tx) => Promise<{ result: T; events: AdminEventDraft[] }>): Promise<T> {
  let result: T | undefined
  await database().runTransaction(async (tx: Tx) => {
    const done = await change(tx)
    for (const e of done.events) {
      const event: AdminEvent = newAdminEvent(newId('adm'), actor, now, e)
      await tx.collection('admin_events').add({ data: event })
    }
    result = done.result
  })
  return result as T
}

export const isoOrNull = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null)

/** Resolves a place reference to the documents that hold it, for the rename and retire actions. */
export async function resolvePlace(input: { kind: 'township' | 'community' | 'grid' | 'building'; id: string; communityId?: string }) {
  if (input.kind === 'township') {
    const township = await loadTownship(input.id)
    return township ? { township, community: null, subject: { communityId: '', townshipId: township._id, placeKind: input.kind } } : null
  }
  const community = await loadStoredCommunity(input.kind === 'community' ? input.id : input.communityId)
  if (!community) return null
  if (input.kind === 'grid' && !community.grids.some((g) => g.id === input.id)) return null
  if (input.kind === 'building' && !community.grids.some((g) => g.buildings.some((b) => b.id === input.id))) return null
  return { township: null, community, subject: { communityId: community._id, townshipId: community.townshipId, placeKind: input.kind } }
}

/**
 * The decide step of the actions on a named place: loads the caller and the place and decides the action on it. A
 * place that does not exist is UNKNOWN_PLACE, unless the caller's role may not act on places of that kind at all.
 */
export async function decidedOnPlace<C extends ActionContract<ActionName>>(
  contract: Decidable<C>,
  input: { kind: 'township' | 'community' | 'grid' | 'building'; id: string; communityId?: string },
  ctx: CallContext,
): Promise<{ actor: Actor; place: NonNullable<Awaited<ReturnType<typeof resolvePlace>>> } | Failure<ErrorCodeOf<C> | 'UNKNOWN_PLACE'>> {
  const actor = await loadActor(ctx.openid)
  const place = await resolvePlace(input)
  if (!place) {
    const denied = decided<C>(contract, actor, { communityId: '', townshipId: '', placeKind: input.kind }, ctx.now)
    return denied && denied.error.code !== 'OUT_OF_SCOPE' ? denied : fail('UNKNOWN_PLACE', '地点不存在')
  }
  // A permitted caller is a known one: the rule refuses an unknown caller (UNAUTHENTICATED).
  return decided<C>(contract, actor, place.subject, ctx.now) ?? { actor: actor!, place }
}
