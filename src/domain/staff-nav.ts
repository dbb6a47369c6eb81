import type { Role } from './roles'

/**
 * Which staff pages a role may open, the one place the staff navigation (StaffNav), the 工作台 and 我的 read: a link is
 * shown only to a role whose calls on that page the server accepts (tests/domain/staff-nav.test.ts checks this table
 * against ACTION_RULES and the invitation ladder). Plain data, no policy import, so 我的 (main package) stays small.
 */
export type StaffNavPage = 'home' | 'department' | 'inbox' | 'board' | 'callbacks' | 'invite' | 'lists'

export interface StaffNavLink {
  page: StaffNavPage
  label: string
}

/** The staff navigation, in display order, and who may use each page (the action the page is for, in brackets). */
const STAFF_NAV: readonly (StaffNavLink & { roles: readonly Role[] })[] = [
  // 工作台: the counts of a community's lists, or the township's escalations (getTownshipOverview).
  { page: 'home', label: '工作台', roles: ['grid_worker', 'community_staff', 'township_supervisor', 'county_office'] },
  // 部门待办: the items transferred to the caller's department (listDepartmentItems).
  { page: 'department', label: '部门待办', roles: ['department_staff'] },
  // 诉求分类: the triage inbox (listTriageInbox, triageReport): the community's field staff.
  { page: 'inbox', label: '诉求分类', roles: ['grid_worker', 'community_staff'] },
  // 红黑榜: a community's board (getBoard), chosen by township and county staff.
  { page: 'board', label: '红黑榜', roles: ['grid_worker', 'community_staff', 'township_supervisor', 'county_office'] },
  // 月回访 (listCallbacks).
  { page: 'callbacks', label: '月回访', roles: ['community_staff', 'township_supervisor', 'county_office'] },
  // 邀请码: whoever invites the level below (INVITES_ONE_LEVEL_DOWN).
  { page: 'invite', label: '邀请码', roles: ['community_staff', 'township_supervisor', 'county_office'] },
  // 清单 (getCommunityList).
  { page: 'lists', label: '清单', roles: ['grid_worker', 'community_staff', 'township_supervisor', 'county_office'] },
]

/** The staff navigation links a role may use, in display order; none for residents. */
export function staffNavFor(role: Role | null | undefined): StaffNavLink[] {
  if (!role) return []
  return STAFF_NAV.filter((l) => l.roles.includes(role)).map(({ page, label }) => ({ page, label }))
}

/** May this role open this staff page from the navigation? */
export function mayOpenStaffPage(role: Role | null | undefined, page: StaffNavPage): boolean {
  return staffNavFor(role).some((l) => l.page === page)
}

/**
 * Where a role enters the staff side (我的's button): the field staff of a community at the triage inbox, township and
 * county staff at the 工作台 (their escalations), department staff at 部门待办 (the only staff page they use);
 * residents nowhere.
 */
export function staffLanding(role: Role | null | undefined): StaffNavLink | null {
  switch (role) {
    case 'grid_worker':
    case 'community_staff':
      return { page: 'inbox', label: '进入工作台' }
    case 'township_supervisor':
    case 'county_office':
      return { page: 'home', label: '进入工作台' }
    case 'department_staff':
      return { page: 'department', label: '部门待办' }
    default:
      return null
  }
}
