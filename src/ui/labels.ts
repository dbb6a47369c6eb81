import type { Role } from '../domain/roles'

/**
 * Role names for the screen. src/domain/roles.ts holds the same table beside its zod schema; importing it would pull
 * zod into the main package, so the pages read this copy (typed by Role, so a new role fails the build, and
 * tests/pages/actions.test.ts checks it equals the domain's).
 */
export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  representative: '居民代表',
  grid_worker: '网格员',
  community_staff: '社区工作人员',
  township_supervisor: '街道督办',
  county_office: '县级办公室',
}

export const STAFF_ROLES: readonly Role[] = ['grid_worker', 'community_staff', 'township_supervisor', 'county_office']
export const RESIDENT_ROLES: readonly Role[] = ['resident', 'representative']

export function roleLabel(role: string | null | undefined): string {
  return (role && (ROLE_LABELS as Record<string, string>)[role]) || '访客'
}
export function isStaffRole(role: string | null | undefined): boolean {
  return !!role && (STAFF_ROLES as readonly string[]).includes(role)
}
