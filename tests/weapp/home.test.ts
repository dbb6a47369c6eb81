import { loadWeappPage, type CloudCall, type WeappPage } from '../support/weapp-simulate'

/**
 * The built mini-program home page (dist/weapp) in miniprogram-simulate. wx.cloud.callFunction is a test double;
 * its answers change between taps so each step proves the page rendered the latest answer through React state.
 */
type Answer = (call: CloudCall) => unknown
const resident: Answer = () => ({
  ok: true,
  data: { openid: 'o-wang', source: 'wx_client', user: { displayName: '王秀兰', role: 'resident', communityId: 'c1' } },
})
let answer: Answer = resident
let view: WeappPage

beforeAll(async () => {
  view = await loadWeappPage('pages/home/index', { callFunction: (call) => answer(call) })
})
afterAll(() => view?.dispose())

describe('weapp home page (built dist/weapp in miniprogram-simulate)', () => {
  test('initialises the cloud once and asks account.whoAmI through wx.cloud.callFunction', async () => {
    await view.waitFor(() => expect(view.text()).toContain('当前用户：王秀兰'))
    expect(view.text()).toContain('身份：居民')
    expect(view.cloudInits).toHaveLength(1)
    expect(view.cloudInits[0]).toMatchObject({ traceUser: true })
    expect(view.cloudCalls).toEqual([{ name: 'account', data: { action: 'whoAmI', input: {} } }])
  })

  test('the H5-only dev login is not in the mini-program', () => {
    expect(view.text()).not.toContain('演示登录')
    expect(view.root.querySelectorAll('wx-button')).toHaveLength(1)
  })

  test('a tap on 刷新 calls again and the page shows the newer answer', async () => {
    answer = () => ({ ok: true, data: { openid: 'o-new', source: 'wx_client', user: null } })
    await view.tapButton('刷新')
    await view.waitFor(() => expect(view.text()).toContain('已登录，尚未加入社区'))
    expect(view.cloudCalls).toHaveLength(2)
  })

  test('a platform failure (errCode) is shown, not swallowed', async () => {
    answer = () => {
      throw { errCode: -504002, errMsg: 'cloud.callFunction:fail functions execute fail' }
    }
    await view.tapButton('刷新')
    await view.waitFor(() => expect(view.text()).toContain('暂时无法确认身份：-504002: cloud.callFunction:fail functions execute fail'))
  })

  test('a coded outcome from the function is shown with its message', async () => {
    answer = () => ({ ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } })
    await view.tapButton('刷新')
    await view.waitFor(() => expect(view.text()).toContain('暂时无法确认身份：服务暂时不可用，请稍后再试'))
    answer = resident
    await view.tapButton('刷新')
    await view.waitFor(() => expect(view.text()).toContain('当前用户：王秀兰'))
    expect(view.cloudCalls).toHaveLength(5)
  })
})
