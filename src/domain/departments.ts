import type { Actor } from './model'

/**
 * Departments (住建, 交通, 供电 …): registered by a township for itself or by the county office (townshipId null for
 * a county-level department). A 转交办理 item names one; its staff (role department_staff, bound by invitation)
 * answer the item on the same clock as an assignee. Retired departments keep their documents, marked retiredAt:
 * old items still name them, new transfers and invitations may not.
 */
export interface Department {
  _id: string
  name: string
  /** The township that registered it; null for a county-level department. */
  townshipId: string | null
  createdAt: Date
  retiredAt: Date | null
}

export function newDepartment(id: string, name: string, townshipId: string | null, now: Date): Department {
  return { _id: id, name, townshipId, createdAt: now, retiredAt: null }
}

/**
 * Who registers, renames and retires a department: the county office any department; a township supervisor only
 * their own township's (never a county-level one).
 */
export function managesDepartment(actor: Pick<Actor, 'role' | 'townshipId'>, townshipId: string | null): boolean {
  if (actor.role === 'county_office') return true
  return actor.role === 'township_supervisor' && !!townshipId && actor.townshipId === townshipId
}

/**
 * A department a community of this township may transfer to or invite to a 联席会议: registered, not retired, and
 * either county-level or of that township.
 */
export function departmentServes(d: Pick<Department, 'townshipId' | 'retiredAt'> | null | undefined, townshipId: string): boolean {
  return !!d && !d.retiredAt && (d.townshipId === null || d.townshipId === townshipId)
}

/** The departments a caller sees listed: all for the county office; county-level ones and their township's otherwise. */
export function departmentVisibleTo(d: Pick<Department, '_id' | 'townshipId'>, actor: Pick<Actor, 'role' | 'townshipId' | 'departmentId'>): boolean {
  if (actor.role === 'county_office') return true
  if (actor.role === 'department_staff') return d._id === actor.departmentId
  return d.townshipId === null || d.townshipId === actor.townshipId
}
