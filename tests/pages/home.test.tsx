import Taro from '@tarojs/taro'
import Home from '../../src/pages/home'
import { render, waitFor, buttonByText, buttonTexts, tap, typeInto, type Rendered } from './render'
import { installFakeGateway, fakeAccount, fakeFunction, callsOf, type FakeUser } from './fake-gateway'
import { feed } from './fixtures'

const users: FakeUser[] = [
  { openid: 'o-resident-wang', name: '王秀兰', role: 'resident', communityId: 'c1' },
  { openid: 'o-grid-li', name: '李建国', role: 'grid_worker', communityId: 'c1' },
]

const resident = { openid: 'o-wang', source: 'wx_client', user: { displayName: '王秀兰', role: 'resident', communityId: 'c1', communityName: '屏山社区', gridId: 'g1', buildingId: 'b1', townshipId: 'tw1' } }
const newcomer = { openid: 'o-new', source: 'wx_client', user: null }
const communities = [
  {
    id: 'c1',
    name: '屏山社区',
    townshipName: '屏山镇',
    grids: [
      { id: 'g1', name: '东片网格', buildings: [{ id: 'b1', name: '1栋' }, { id: 'b3', name: '3栋' }] },
      { id: 'g2', name: '西片网格', buildings: [{ id: 'b9', name: '9栋' }] },
    ],
  },
]

let view: Rendered | undefined
beforeEach(() => {
  Taro.clearStorageSync()
})
afterEach(() => {
  view?.unmount()
  view = undefined
  jest.restoreAllMocks()
})

describe('home page (H5 components in jsdom, real src/api/call.ts over a fake gateway)', () => {
  test('a resident sees the community, the next deliberation day, topics by step with progress, results and the board — from one getHomeFeed call', async () => {
    const gw = installFakeGateway([], {
      account: fakeFunction({ whoAmI: () => ({ ok: true, data: resident }) }),
      board: fakeFunction({ getHomeFeed: () => ({ ok: true, data: feed() }) }),
    })
    view = render(<Home />)
    await waitFor(() => expect(view!.text()).toContain('12月9日（周三）19:00'))
    const text = view.text()
    expect(text).toContain('屏山社区')
    expect(text).toContain('当前用户：王秀兰')
    expect(text).toContain('身份：居民')
    // The four groups, in the order of the steps, each with its topic.
    const order = ['议题发布（1）', '3栋门口路灯维修', '已议事（1）', '小区停车位划线', '公告中（1）', '电动车集中充电棚', '办理中（1）', '菜市场雨棚改造']
    const positions = order.map((s) => text.indexOf(s))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    // Meeting time of a published topic, in Beijing time.
    expect(text).toContain('议事：12月9日 19:00 · 社区议事厅')
    // Recent results and the board: red and black lists, the overdue item with its assignee and Beijing due date.
    expect(text).toContain('小区绿化补种')
    expect(text).toContain('按时公示率 92%')
    expect(text).toContain('张建军（逾期 2）')
    expect(text).toContain('李红梅')
    expect(text).toContain('雨棚钢架更换')
    expect(text).toContain('承办人：张建军 · 办理情况公示期限 2026-12-11 · 已提请街道督办')
    expect(buttonTexts(view.container)[0]).toContain('随手拍')
    expect(callsOf(gw.calls, 'board', 'getHomeFeed')).toEqual([{ action: 'getHomeFeed', input: {} }])
    expect(callsOf(gw.calls, 'account', 'whoAmI')).toHaveLength(1)
  })

  test('each topic shows the four steps, with the current step marked', async () => {
    installFakeGateway([], {
      account: fakeFunction({ whoAmI: () => ({ ok: true, data: resident }) }),
      board: fakeFunction({ getHomeFeed: () => ({ ok: true, data: feed() }) }),
    })
    view = render(<Home />)
    await waitFor(() => expect(view!.text()).toContain('电动车集中充电棚'))
    const flows = Array.from(view.container.querySelectorAll('.flow'))
    const labels = flows.map((f) => f.getAttribute('aria-label'))
    expect(labels).toContain('四步进度：第1步 发布议题，已完成')
    expect(labels).toContain('四步进度：第3步 拟办意见公告，进行中')
    expect(labels).toContain('四步进度：第4步 办理结果公示，已完成')
    const noticed = flows[labels.indexOf('四步进度：第3步 拟办意见公告，进行中')]!
    const states = Array.from(noticed.querySelectorAll('.flow__step')).map((s) => s.className.replace(/.*flow__step--/, ''))
    expect(states).toEqual(['done', 'done', 'current', 'todo'])
    expect(view.text()).toContain('异议截止：12月15日 23:59')
  })

  test('随手拍 opens the report page; a topic card opens that topic', async () => {
    installFakeGateway([], {
      account: fakeFunction({ whoAmI: () => ({ ok: true, data: resident }) }),
      board: fakeFunction({ getHomeFeed: () => ({ ok: true, data: feed() }) }),
    })
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never)
    view = render(<Home />)
    await tap(await waitFor(() => buttonByText(view!.container, '随手拍')))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/report/index' })
    const card = Array.from(view.container.querySelectorAll<HTMLElement>('.taro-button-core')).find((b) => b.getAttribute('aria-label') === '查看议题：电动车集中充电棚')!
    await tap(card)
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/topic/index?id=t-not' })
  })

  test('someone in no community gets the join flow; joining sends the chosen places and then shows the feed', async () => {
    let me: unknown = newcomer
    let joined = false
    const gw = installFakeGateway([], {
      account: fakeFunction({
        whoAmI: () => ({ ok: true, data: me }),
        listCommunities: () => ({ ok: true, data: { communities } }),
        joinCommunity: (input) => {
          joined = true
          me = resident
          return { ok: true, data: { user: { ...resident.user, displayName: input.displayName } } }
        },
      }),
      board: fakeFunction({
        getHomeFeed: () => (joined ? { ok: true, data: feed() } : { ok: false, error: { code: 'NOT_IN_COMMUNITY', message: '请先加入社区' } }),
      }),
    })
    view = render(<Home />)
    await waitFor(() => expect(view!.text()).toContain('已登录，尚未加入社区'))
    await tap(await waitFor(() => buttonByText(view!.container, '屏山社区（屏山镇）')))
    await tap(await waitFor(() => buttonByText(view!.container, '东片网格')))
    await tap(await waitFor(() => buttonByText(view!.container, '3栋')))
    await typeInto(view.container, 'displayName', '王阿姨')
    await typeInto(view.container, 'phone', '1380013')
    await tap(buttonByText(view.container, '加入'))
    await waitFor(() => expect(view!.text()).toContain('手机号格式不正确'))
    expect(callsOf(gw.calls, 'account', 'joinCommunity')).toHaveLength(0)
    await typeInto(view.container, 'phone', '13800138000')
    await tap(buttonByText(view.container, '加入'))
    await waitFor(() => expect(view!.text()).toContain('12月9日（周三）19:00'))
    expect(callsOf(gw.calls, 'account', 'joinCommunity')).toEqual([
      { action: 'joinCommunity', input: { communityId: 'c1', gridId: 'g1', buildingId: 'b3', displayName: '王阿姨', phone: '13800138000' } },
    ])
  })

  test('department staff (no community) are pointed to 部门待办, not to the join flow', async () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
    const departmentStaff = { openid: 'o-dep', source: 'wx_client', user: { displayName: '周电工', role: 'department_staff', communityId: null, communityName: null, gridId: null, buildingId: null, townshipId: null, departmentId: 'dep_power' } }
    installFakeGateway([], {
      account: fakeFunction({ whoAmI: () => ({ ok: true, data: departmentStaff }), listCommunities: () => ({ ok: true, data: { communities } }) }),
      board: fakeFunction({ getHomeFeed: () => ({ ok: false, error: { code: 'NOT_IN_COMMUNITY', message: '请先加入社区' } }) }),
    })
    view = render(<Home />)
    await tap(await waitFor(() => buttonByText(view!.container, '部门待办 ›')))
    expect(view.text()).not.toContain('加入所在社区后')
    expect(nav.mock.calls.map((c) => c[0].url)).toEqual(['/staff/department/index'])
  })

  test('a rule failure of the feed is shown, not swallowed', async () => {
    installFakeGateway([], {
      account: fakeFunction({ whoAmI: () => ({ ok: true, data: resident }) }),
      board: fakeFunction({ getHomeFeed: () => ({ ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } }) }),
    })
    view = render(<Home />)
    await waitFor(() => expect(view!.text()).toContain('服务暂时不可用，请稍后再试'))
  })

  test('without a session: 未登录, and the dev login signs in through the gateway', async () => {
    const gw = installFakeGateway(users, {
      account: fakeAccount(users),
      board: fakeFunction({ getHomeFeed: (_input, caller) => (caller.openid ? { ok: true, data: feed() } : { ok: false, error: { code: 'NOT_IN_COMMUNITY', message: '请先加入社区' } }) }),
    })
    view = render(<Home />)
    await waitFor(() => expect(view!.text()).toContain('未登录'))
    expect(view.text()).not.toContain('当前用户：')
    await tap(await waitFor(() => buttonByText(view!.container, '李建国（网格员）')))
    await waitFor(() => expect(view!.text()).toContain('当前用户：李建国'))
    expect(view.text()).toContain('身份：网格员')
    // The session the gateway issued is what later calls carry, not an openid the page could forge.
    const last = gw.calls.filter((c) => c.url.endsWith('/api/functions/board')).pop()
    expect(last?.authorization).toBe('Bearer token-1')
    expect(JSON.stringify(last?.body)).not.toContain('o-grid-li')
    await tap(buttonByText(view.container, '退出登录'))
    await waitFor(() => expect(view!.text()).toContain('未登录'))
    expect(Taro.getStorageSync('jy.session')).toBeFalsy()
  })

  test('a network failure becomes a visible error with a retry, not a blank page', async () => {
    ;(globalThis as { fetch?: unknown }).fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    view = render(<Home />)
    await waitFor(() => expect(view!.text()).toContain('暂时无法确认身份'))
    expect(view.text()).toContain('NETWORK')
    expect(buttonTexts(view.container)).toContain('重试')
  })
})
