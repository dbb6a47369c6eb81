import Taro from '@tarojs/taro'
import Me from '../../src/pages/me'
import BoardPage from '../../src/pages/board'
import { setCareMode } from '../../src/ui/care-mode'
import { render, waitFor, buttonByText, buttonByLabel, buttonTexts, tap, typeInto, pageRoot, type Rendered } from './render'
import { installFakeGateway, fakeFunction, callsOf } from './fake-gateway'
import { feed } from './fixtures'

const user = (role: string) => ({
  openid: 'o-1',
  source: 'wx_client',
  user: { displayName: '王秀兰', role, communityId: 'c1', communityName: '屏山社区', gridId: 'g1', buildingId: 'b1', townshipId: 'tw1' },
})

let views: Rendered[] = []
beforeEach(() => {
  Taro.clearStorageSync()
  setCareMode(false)
})
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

describe('me page (我的)', () => {
  test('the care-mode switch changes the page class, is kept on the device, and applies to other pages too', async () => {
    installFakeGateway([], {
      account: fakeFunction({ whoAmI: () => ({ ok: true, data: user('resident') }) }),
      board: fakeFunction({ getBoard: () => ({ ok: true, data: { communityId: 'c1', board: feed().board } }) }),
    })
    const me = show(<Me />)
    const board = show(<BoardPage />)
    await waitFor(() => expect(me.text()).toContain('身份：居民'))
    expect(pageRoot(me.container).className).not.toContain('page--care')
    const toggle = buttonByLabel(me.container, '关怀模式，当前已关闭')
    expect(toggle.getAttribute('aria-checked')).toBe('false')
    await tap(toggle)
    await waitFor(() => expect(pageRoot(me.container).className).toContain('page--care'))
    expect(pageRoot(board.container).className).toContain('page--care')
    expect(Taro.getStorageSync('jy.careMode')).toBe(true)
    expect(buttonByLabel(me.container, '关怀模式，当前已开启').getAttribute('aria-checked')).toBe('true')
    // A page opened later starts in care mode.
    const later = show(<BoardPage />)
    expect(pageRoot(later.container).className).toContain('page--care')
    await tap(buttonByLabel(me.container, '关怀模式，当前已开启'))
    await waitFor(() => expect(pageRoot(me.container).className).not.toContain('page--care'))
  })

  test('a resident sees name, role and community, my reports, and may change community; no staff entry', async () => {
    installFakeGateway([], { account: fakeFunction({ whoAmI: () => ({ ok: true, data: user('resident') }), listCommunities: () => ({ ok: true, data: { communities: [] } }) }) })
    const v = show(<Me />)
    await waitFor(() => expect(v.text()).toContain('社区：屏山社区'))
    expect(buttonTexts(v.container)).not.toContain('进入工作台 ›')
    await tap(buttonByText(v.container, '更换社区'))
    await waitFor(() => expect(v.text()).toContain('暂无可加入的社区'))
  })

  test('staff get the way into the staff pages (the subpackage), by navigateTo', async () => {
    installFakeGateway([], { account: fakeFunction({ whoAmI: () => ({ ok: true, data: user('grid_worker') }) }) })
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never)
    const v = show(<Me />)
    await tap(await waitFor(() => buttonByText(v.container, '进入工作台')))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/staff/inbox/index' })
    expect(buttonTexts(v.container)).not.toContain('更换社区')
  })

  test('redeeming an invitation code sends it upper-cased and shows the new post', async () => {
    let role = 'resident'
    const gw = installFakeGateway([], {
      account: fakeFunction({
        whoAmI: () => ({ ok: true, data: user(role) }),
        redeemInvitation: (input) => {
          if (input.code !== 'AB12CD34') return { ok: false, error: { code: 'INVITATION_INVALID', message: '邀请码不存在' } }
          role = 'grid_worker'
          return { ok: true, data: { user: user(role).user } }
        },
      }),
    })
    const v = show(<Me />)
    await waitFor(() => expect(v.text()).toContain('身份：居民'))
    await typeInto(v.container, 'inviteCode', 'ab12')
    await typeInto(v.container, 'inviteName', '王秀兰')
    await tap(buttonByText(v.container, '绑定岗位'))
    await waitFor(() => expect(v.text()).toContain('邀请码为 8 位字母或数字'))
    expect(callsOf(gw.calls, 'account', 'redeemInvitation')).toHaveLength(0)
    await typeInto(v.container, 'inviteCode', 'zz99zz99')
    await tap(buttonByText(v.container, '绑定岗位'))
    await waitFor(() => expect(v.text()).toContain('邀请码不存在'))
    await typeInto(v.container, 'inviteCode', 'ab12cd34')
    await tap(buttonByText(v.container, '绑定岗位'))
    await waitFor(() => expect(v.text()).toContain('已绑定岗位：网格员'))
    await waitFor(() => expect(v.text()).toContain('身份：网格员'))
    expect(callsOf(gw.calls, 'account', 'redeemInvitation').map((c) => c.input)).toEqual([
      { code: 'ZZ99ZZ99', displayName: '王秀兰' },
      { code: 'AB12CD34', displayName: '王秀兰' },
    ])
  })
})
