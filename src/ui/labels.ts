import { ROLE_LABELS, type Role } from '../domain/roles'

export { ROLE_LABELS } from '../domain/roles'

export const STAFF_ROLES: readonly Role[] = ['grid_worker', 'community_staff', 'township_supervisor', 'county_office']
export const RESIDENT_ROLES: readonly Role[] = ['resident', 'representative']

export function roleLabel(role: string | null | undefined): string {
  return (role && (ROLE_LABELS as Record<string, string>)[role]) || '访客'
}
export function isStaffRole(role: string | null | undefined): boolean {
  return !!role && (STAFF_ROLES as readonly string[]).includes(role)
}
