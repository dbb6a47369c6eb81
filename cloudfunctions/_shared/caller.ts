import { database, getDoc } from './db'
import type { Actor, Community, UserProfile } from '../../src/domain/model'
import { DEFAULT_SETTINGS } from '../../src/domain/model'

/** The caller (their user record and the actor the policy decides on) and the communities they act in. */

export async function loadUser(openid: string): Promise<UserProfile | null> {
  if (!openid) return null
  const res = await database().collection('users').where({ openid }).limit(1).get()
  return (res.data[0] as UserProfile | undefined) ?? null
}

export function actorOf(user: UserProfile | null): Actor | null {
  if (!user) return null
  return {
    openid: user.openid,
    role: user.role,
    displayName: user.displayName,
    communityId: user.communityId ?? null,
    gridId: user.gridId ?? null,
    townshipId: user.townshipId ?? null,
    ...(user.role === 'department_staff' ? { departmentId: user.departmentId ?? null } : {}),
  }
}

export async function loadActor(openid: string): Promise<Actor | null> {
  return actorOf(await loadUser(openid))
}

export async function loadCommunity(id: string | null | undefined): Promise<Community | null> {
  if (!id) return null
  const c = await getDoc<Community>('communities', id)
  return c ? { ...c, settings: { ...DEFAULT_SETTINGS, ...(c.settings ?? {}) } } : null
}

export async function listCommunities(): Promise<Community[]> {
  const res = await database().collection('communities').limit(100).get()
  return (res.data as Community[]).map((c) => ({ ...c, settings: { ...DEFAULT_SETTINGS, ...(c.settings ?? {}) } }))
}
