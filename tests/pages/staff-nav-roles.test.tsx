import Taro from '@tarojs/taro'
import StaffHome from '../../src/staff/home'
import StaffDepartment from '../../src/staff/department'
import Me from '../../src/pages/me'
import { render, waitFor, buttonByText, buttonTexts, tap, type Rendered } from './render'
import { installFakeGateway, fakeFunction, callsOf } from './fake-gateway'
import { recordNavigation, setRoute } from './staff-helpers'
import { goBack } from '../../src/ui/nav'

/**
 * Issue 12: the staff navigation follows the role (src/domain/staff-nav.ts). A department member's 工作台, 部门待办 and
 * 我的 offer only what they can use (部门待办), and 我的 lands them on 部门待办; a community staff member's navigation
 * and landing are as before.
 */
const user = (role: string) => ({
  openid: 'o-1',
  source: 'wx_client',
  user:
    role === 'department_staff'
      ? { displayName: '周电工', role, communityId: null, communityName: null, gridId: null, buildingId: null, townshipId: null, departmentId: 'dep_power' }
      : { displayName: '刘书记', role, communityId: 'c1', communityName: '屏山社区', gridId: role === 'grid_worker' ? 'g1' : null, buildingId: null, townshipId: 'tw1' },
})

let views: Rendered[] = []
beforeEach(() => Taro.clearStorageSync())
afterEach(() => {
  for (const v of views) v.unmount()
  views = []
  jest.restoreAllMocks()
})
const show = (el: JSX.Element) => {
  const v = render(el)
  views.push(v)
  return v
}

function gateway(role: string) {
  return installFakeGateway([], {
    account: fakeFunction({
      whoAmI: () => ({ ok: true, data: user(role) }),
      listNotifications: () => ({ ok: true, data: { items: [], unread: 0, grants: { statusChanged: 5, deadline: 5, meeting: 5, notice: 5, result: 5 } } }),
    }),
    reports: fakeFunction({ listTriageInbox: () => ({ ok: true, data: { reports: [] } }) }),
    topics: fakeFunction({ listTopics: () => ({ ok: true, data: { topics: [] } }) }),
    board: fakeFunction({ getBoard: () => ({ ok: true, data: { board: { overdue: [] } } }) }),
    supervision: fakeFunction({ listSupervisions: () => ({ ok: true, data: { escalations: [] } }) }),
    resolutions: fakeFunction({ listDepartmentItems: () => ({ ok: true, data: { departmentId: 'dep_power', items: [], topics: [] } }) }),
  })
}

const navLinks = (v: Rendered) => Array.from(v.container.querySelectorAll('.sf-nav .sf-nav__link')).map((l) => l.textContent)
const currentLink = (v: Rendered) => v.container.querySelector('.sf-nav [aria-current="page"]')?.textContent ?? null

describe('a department member', () => {
  test('我的 offers 部门待办 (their landing page) and no 进入工作台; the tap opens staff/department', async () => {
    gateway('department_staff')
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never)
    const me = show(<Me />)
    await tap(await waitFor(() => buttonByText(me.container, '部门待办')))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/staff/department/index' })
    expect(buttonTexts(me.container).filter((t) => t?.includes('工作台'))).toEqual([])
  })

  test('the 工作台 links only 部门待办 and loads none of the community’s lists', async () => {
    const { calls } = gateway('department_staff')
    const redirectTo = jest.spyOn(Taro, 'redirectTo').mockImplementation((() => Promise.resolve()) as never)
    const home = show(<StaffHome />)
    await waitFor(() => expect(navLinks(home)).toEqual(['部门待办']))
    expect(home.text()).not.toContain('诉求分类')
    expect(home.text()).not.toContain('待分类')
    for (const [fn, action] of [['reports', 'listTriageInbox'], ['topics', 'listTopics'], ['board', 'getBoard'], ['supervision', 'listSupervisions']] as const) {
      expect(callsOf(calls, fn, action)).toHaveLength(0)
    }
    const items = Array.from(home.container.querySelectorAll('.home-item')) as HTMLElement[]
    expect(items.map((i) => i.querySelector('.home-item__title')?.textContent)).toEqual(['部门待办'])
    await tap(items[0]!)
    expect(redirectTo).toHaveBeenCalledWith({ url: '/staff/department/index' })
  })

  test('部门待办 shows the same navigation, with 部门待办 marked as the page shown', async () => {
    gateway('department_staff')
    const page = show(<StaffDepartment />)
    await waitFor(() => expect(navLinks(page)).toEqual(['部门待办']))
    expect(currentLink(page)).toBe('部门待办')
  })
})

test('部门待办 opened directly: 返回 goes up to 我的 (where department staff enter), not to the triage inbox', async () => {
  gateway('department_staff')
  const nav = recordNavigation()
  const switchTab = jest.spyOn(Taro, 'switchTab').mockImplementation((() => Promise.resolve()) as never)
  try {
    setRoute('/staff/department/index', {})
    const page = show(<StaffDepartment />)
    const back = await waitFor(() => page.container.querySelector('[aria-label="返回"]') as HTMLElement)
    expect(back).not.toBeNull()
    await tap(back)
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
    expect(nav.redirectTo).not.toHaveBeenCalled()
  } finally {
    nav.restore()
    ;(Taro.getCurrentInstance() as { router: unknown }).router = null
  }
})

describe('community staff and grid workers', () => {
  test('a community staff member’s 工作台 navigation is unchanged, and 我的 still enters at the triage inbox', async () => {
    gateway('community_staff')
    const home = show(<StaffHome />)
    await waitFor(() => expect(navLinks(home)).toEqual(['工作台', '诉求分类', '红黑榜', '月回访', '邀请码', '清单']))
    expect(currentLink(home)).toBe('工作台')
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never)
    const me = show(<Me />)
    await tap(await waitFor(() => buttonByText(me.container, '进入工作台')))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/staff/inbox/index' })
    expect(buttonTexts(me.container)).not.toContain('部门待办 ›')
  })

  test('a grid worker is not linked to 月回访 or 邀请码, which the server refuses them', async () => {
    gateway('grid_worker')
    const home = show(<StaffHome />)
    await waitFor(() => expect(navLinks(home)).toEqual(['工作台', '诉求分类', '红黑榜', '清单']))
  })
})

test.each([
  ['/staff/item/index', { url: '/staff/home/index' }],
  ['/staff/topic/index', { url: '/staff/home/index' }],
  ['/staff/lists/index', { url: '/staff/home/index' }],
])('a staff page opened directly (%s): 返回 goes up to the 工作台, which every staff role has', (route, expected) => {
  const nav = recordNavigation()
  try {
    setRoute(route, {})
    goBack()
    expect(nav.redirectTo).toHaveBeenCalledWith(expected)
    expect(nav.redirectTo).not.toHaveBeenCalledWith({ url: '/staff/inbox/index' })
  } finally {
    nav.restore()
    ;(Taro.getCurrentInstance() as { router: unknown }).router = null
  }
})

test('the 工作台 opened directly: 返回 goes up to 我的, where the staff side is entered', () => {
  const nav = recordNavigation()
  const switchTab = jest.spyOn(Taro, 'switchTab').mockImplementation((() => Promise.resolve()) as never)
  try {
    setRoute('/staff/home/index', {})
    goBack()
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
    expect(nav.redirectTo).not.toHaveBeenCalled()
  } finally {
    nav.restore()
    switchTab.mockRestore()
    ;(Taro.getCurrentInstance() as { router: unknown }).router = null
  }
})
