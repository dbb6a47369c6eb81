import { ACTION_RULES } from '../../src/domain/policy'
import { INVITES_ONE_LEVEL_DOWN } from '../../src/domain/admin'
import { ROLES, type Role } from '../../src/domain/roles'
import { mayOpenStaffPage, staffLanding, staffNavFor, type StaffNavPage } from '../../src/domain/staff-nav'

/** Written out by hand for every role, so a change to the navigation fails here. */
const EXPECTED_NAV: Record<Role, string[]> = {
  resident: [],
  representative: [],
  grid_worker: ['工作台', '诉求分类', '红黑榜', '清单'],
  // Unchanged from the navigation every staff page showed before it followed the role.
  community_staff: ['工作台', '诉求分类', '红黑榜', '月回访', '邀请码', '清单'],
  township_supervisor: ['工作台', '红黑榜', '月回访', '邀请码', '清单'],
  county_office: ['工作台', '红黑榜', '月回访', '邀请码', '清单'],
  department_staff: ['部门待办'],
}

const EXPECTED_LANDING: Record<Role, string | null> = {
  resident: null,
  representative: null,
  grid_worker: 'inbox',
  community_staff: 'inbox',
  township_supervisor: 'home',
  county_office: 'home',
  department_staff: 'department',
}

describe('staffNavFor: the staff pages a role may open', () => {
  test.each(ROLES.map((r) => [r]))('%s', (role) => {
    expect(staffNavFor(role).map((l) => l.label)).toEqual(EXPECTED_NAV[role])
  })

  test('no role, no links', () => {
    expect(staffNavFor(null)).toEqual([])
  })

  // A page is linked for exactly the roles whose calls on it the server accepts.
  const byAction: [StaffNavPage, keyof typeof ACTION_RULES][] = [
    ['department', 'listDepartmentItems'],
    ['inbox', 'triageReport'],
    ['callbacks', 'listCallbacks'],
    ['lists', 'getCommunityList'],
  ]
  test.each(byAction)('%s is linked for the roles of %s in ACTION_RULES', (page, action) => {
    const allowed = ACTION_RULES[action].roles as readonly Role[]
    for (const role of ROLES) expect([role, mayOpenStaffPage(role, page)]).toEqual([role, allowed.includes(role)])
  })

  test('邀请码 is linked for the roles that invite the level below, and only them', () => {
    for (const role of ROLES) expect([role, mayOpenStaffPage(role, 'invite')]).toEqual([role, (INVITES_ONE_LEVEL_DOWN[role] ?? []).length > 0])
  })

  test('department staff see no community page: 诉求分类, 工作台, 红黑榜, 月回访, 邀请码 and 清单 are not theirs', () => {
    for (const page of ['home', 'inbox', 'board', 'callbacks', 'invite', 'lists'] as const) expect(mayOpenStaffPage('department_staff', page)).toBe(false)
  })
})

describe('staffLanding: where a role enters the staff side', () => {
  test.each(ROLES.map((r) => [r]))('%s', (role) => {
    expect(staffLanding(role)?.page ?? null).toBe(EXPECTED_LANDING[role])
  })

  test('a role lands on a page it may open; department staff land on 部门待办 by that name', () => {
    for (const role of ROLES) {
      const landing = staffLanding(role)
      if (landing) expect([role, mayOpenStaffPage(role, landing.page)]).toEqual([role, true])
    }
    expect(staffLanding('department_staff')).toEqual({ page: 'department', label: '部门待办' })
    expect(staffLanding('community_staff')?.label).toBe('进入工作台')
  })
})
