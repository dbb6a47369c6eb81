/** Departments as the functions load and show them (the rules are src/domain/departments.ts). */
import { findAll, getDoc } from './db'
import type { Department } from '../../src/domain/departments'
import type { UserProfile } from '../../src/domain/model'

export const loadDepartment = (id: string | null | undefined): Promise<Department | null> => (id ? getDoc<Department>('departments', id) : Promise.resolve(null))

export function departmentView(d: Department) {
  return { id: d._id, name: d.name, townshipId: d.townshipId ?? null, retiredAt: d.retiredAt ? new Date(d.retiredAt).toISOString() : null }
}

/**
 * The staff bound to a department: read by role and the department's township (the users index role_township),
 * then by departmentId — a department has few members.
 */
export async function departmentMembers(d: Pick<Department, '_id' | 'townshipId'>): Promise<UserProfile[]> {
  const sameLevel = await findAll<UserProfile>('users', { role: 'department_staff', townshipId: d.townshipId ?? null }, { limit: 1000 })
  return sameLevel.filter((u) => u.departmentId === d._id)
}

/**
 * The openids of a department's members, by its id, read once per cache (the sweep keeps one cache per run, so a
 * department with many items due costs one read). A department not found has no members.
 */
export async function departmentMemberOpenids(departmentId: string, cache: Map<string, string[]>): Promise<string[]> {
  const key = `department:${departmentId}`
  if (!cache.has(key)) {
    const department = await loadDepartment(departmentId)
    cache.set(key, department ? (await departmentMembers(department)).map((u) => u.openid) : [])
  }
  return cache.get(key)!
}
