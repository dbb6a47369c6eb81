/** Departments as the functions load and show them (the rules are src/domain/departments.ts). */
import { getDoc } from './db'
import type { Department } from '../../src/domain/departments'

export const loadDepartment = (id: string | null | undefined): Promise<Department | null> => (id ? getDoc<Department>('departments', id) : Promise.resolve(null))

export function departmentView(d: Department) {
  return { id: d._id, name: d.name, townshipId: d.townshipId ?? null, retiredAt: d.retiredAt ? new Date(d.retiredAt).toISOString() : null }
}
