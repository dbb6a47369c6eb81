import Taro from '@tarojs/taro'
import Home from '../../src/pages/home'
import { render, waitFor, buttonByText, tap, type Rendered } from './render'
import { installFakeGateway, fakeAccount, type FakeUser } from './fake-gateway'

const users: FakeUser[] = [
  { openid: 'o-resident-wang', name: '王秀兰', role: 'resident', communityId: 'c1' },
  { openid: 'o-grid-li', name: '李建国', role: 'grid_worker', communityId: 'c1' },
]

let view: Rendered | undefined
beforeEach(() => {
  Taro.clearStorageSync()
})
afterEach(() => {
  view?.unmount()
  view = undefined
})

describe('home page (H5 components in jsdom, real src/api/call.ts over a fake gateway)', () => {
  test('without a session it asks account.whoAmI and says nobody is signed in', async () => {
    const gw = installFakeGateway(users, { account: fakeAccount(users) })
    view = render(<Home />)
    expect(view.text()).toContain('正在确认身份')
    await waitFor(() => expect(view!.text()).toContain('未登录'))
    const fnCalls = gw.calls.filter((c) => c.url.endsWith('/api/functions/account'))
    expect(fnCalls).toHaveLength(1)
    expect(fnCalls[0]).toMatchObject({ method: 'POST', authorization: null, body: { action: 'whoAmI', input: {} } })
  })

  test('a tap on a dev user signs in through the gateway and the page shows that user', async () => {
    const gw = installFakeGateway(users, { account: fakeAccount(users) })
    view = render(<Home />)
    await waitFor(() => expect(view!.text()).toContain('未登录'))
    const button = await waitFor(() => buttonByText(view!.container, '李建国（网格员）'))
    await tap(button)
    await waitFor(() => expect(view!.text()).toContain('当前用户：李建国'))
    expect(view.text()).toContain('身份：网格员')
    // The session the gateway issued is what later calls carry, not an openid the page could forge.
    const last = gw.calls.filter((c) => c.url.endsWith('/api/functions/account')).pop()
    expect(last?.authorization).toBe('Bearer token-1')
    expect(JSON.stringify(last?.body)).not.toContain('o-grid-li')
  })

  test('refresh asks again and shows the newer answer; logout forgets the session', async () => {
    const mine = users.map((u) => ({ ...u }))
    installFakeGateway(mine, { account: fakeAccount(mine) })
    view = render(<Home />)
    await tap(await waitFor(() => buttonByText(view!.container, '王秀兰')))
    await waitFor(() => expect(view!.text()).toContain('当前用户：王秀兰'))
    mine[0]!.name = '王秀兰（已改名）'
    await tap(buttonByText(view.container, '刷新'))
    await waitFor(() => expect(view!.text()).toContain('当前用户：王秀兰（已改名）'))
    await tap(buttonByText(view.container, '退出登录'))
    await waitFor(() => expect(view!.text()).toContain('未登录'))
    expect(Taro.getStorageSync('jy.session')).toBeFalsy()
  })

  test('a rule failure from the function is shown, not swallowed', async () => {
    installFakeGateway(users, { account: () => ({ ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } }) })
    view = render(<Home />)
    await waitFor(() => expect(view!.text()).toContain('暂时无法确认身份：服务暂时不可用，请稍后再试'))
  })

  test('a network failure becomes a visible error, not a blank page', async () => {
    ;(globalThis as { fetch?: unknown }).fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    view = render(<Home />)
    await waitFor(() => expect(view!.text()).toContain('暂时无法确认身份'))
    expect(view.text()).toContain('NETWORK')
    expect(view.text()).toContain('演示用户列表加载失败')
  })
})
