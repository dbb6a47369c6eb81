import { loadWeappPage, type CloudCall, type WeappPage } from '../support/weapp-simulate'
import { feed } from '../pages/fixtures'

/**
 * The built mini-program home page (dist/weapp) in miniprogram-simulate. wx.cloud.callFunction is a test double
 * that answers by action; its answers change between taps so each step proves the page rendered the latest answer.
 */
const resident = { openid: 'o-wang', source: 'wx_client', user: { displayName: '王秀兰', role: 'resident', communityId: 'c1', communityName: '屏山社区', gridId: 'g1', buildingId: 'b1', townshipId: 'tw1' } }
type Answers = Record<string, (call: CloudCall) => unknown>
const normal: Answers = {
  whoAmI: () => ({ ok: true, data: resident }),
  getHomeFeed: () => ({ ok: true, data: feed() }),
}
let answers: Answers = normal
let view: WeappPage
const navigations: { api: string; url: string }[] = []

beforeAll(async () => {
  view = await loadWeappPage('pages/home/index', {
    callFunction: (call) => {
      const action = (call.data as { action: string }).action
      const answer = answers[action]
      if (!answer) throw new Error(`unexpected action ${action}`)
      return answer(call)
    },
  })
  // Navigation as WeChat does it: record, then succeed (Taro calls wx.* at call time).
  const wx = (globalThis as any).wx
  for (const api of ['navigateTo', 'switchTab']) {
    wx[api] = (o: { url: string; success?: (r: unknown) => void }) => {
      navigations.push({ api, url: o.url })
      o.success?.({ errMsg: `${api}:ok` })
    }
  }
})
afterAll(() => view?.dispose())

describe('weapp home page (built dist/weapp in miniprogram-simulate)', () => {
  test('initialises the cloud once; whoAmI and getHomeFeed through wx.cloud.callFunction; the feed is on screen', async () => {
    await view.waitFor(() => expect(view.text()).toContain('12月9日（周三）19:00'))
    const text = view.text()
    expect(text).toContain('屏山社区')
    expect(text).toContain('当前用户：王秀兰')
    expect(text).toContain('议题发布（1）')
    expect(text).toContain('公告中（1）')
    expect(text).toContain('电动车集中充电棚')
    expect(text).toContain('承办人：张建军 · 办理情况公示期限 2026-12-11')
    expect(view.cloudInits).toHaveLength(1)
    expect(view.cloudInits[0]).toMatchObject({ traceUser: true })
    expect(view.cloudCalls).toEqual([
      { name: 'account', data: { action: 'whoAmI', input: {} } },
      { name: 'board', data: { action: 'getHomeFeed', input: {} } },
    ])
    // The four steps of each topic: the noticed one is at step 3, not done.
    // simulate scopes the page's classes (main--…).
    const steps = Array.from(view.root.querySelectorAll('.main--flow__step')).map((el) => /flow__step--(\w+)/.exec(el.getAttribute('class') ?? '')?.[1])
    expect(steps).toHaveLength(4 * 5)
    expect(steps.slice(0, 4)).toEqual(['done', 'todo', 'todo', 'todo'])
    expect(steps.slice(8, 12)).toEqual(['done', 'done', 'current', 'todo'])
  })

  test('the H5-only dev login is not in the mini-program', () => {
    expect(view.text()).not.toContain('演示登录')
  })

  test('a tap on 随手拍 opens the report page; 全部 › switches to the board tab', async () => {
    await view.tapButton('随手拍')
    await view.waitFor(() => expect(navigations.at(-1)).toMatchObject({ api: 'navigateTo' }))
    expect(navigations.at(-1)!.url).toMatch(/^\/pages\/report\/index/)
    await view.tapButton('全部 ›')
    await view.waitFor(() => expect(navigations.at(-1)).toEqual({ api: 'switchTab', url: '/pages/board/index' }))
  })

  test('a tap on 刷新 calls again and the page shows the newer answer', async () => {
    answers = { ...normal, getHomeFeed: () => ({ ok: true, data: { ...feed(), community: { id: 'c1', name: '屏山社区（已更新）' } } }) }
    await view.tapButton('刷新')
    await view.waitFor(() => expect(view.text()).toContain('屏山社区（已更新）'))
    expect(view.cloudCalls).toHaveLength(4)
  })

  test('a platform failure (errCode) is shown, not swallowed; a retry recovers', async () => {
    answers = {
      ...normal,
      whoAmI: () => {
        throw { errCode: -504002, errMsg: 'cloud.callFunction:fail functions execute fail' }
      },
    }
    await view.tapButton('刷新')
    await view.waitFor(() => expect(view.text()).toContain('暂时无法确认身份：-504002: cloud.callFunction:fail functions execute fail'))
    answers = normal
    await view.tapButton('重试')
    await view.waitFor(() => expect(view.text()).toContain('当前用户：王秀兰'))
  })

  test('someone in no community is offered the join flow', async () => {
    answers = {
      whoAmI: () => ({ ok: true, data: { openid: 'o-new', source: 'wx_client', user: null } }),
      getHomeFeed: () => ({ ok: false, error: { code: 'NOT_IN_COMMUNITY', message: '请先加入社区' } }),
      listCommunities: () => ({ ok: true, data: { communities: [{ id: 'c1', name: '屏山社区', townshipName: '屏山镇', grids: [] }] } }),
    }
    await view.tapButton('刷新')
    await view.waitFor(() => expect(view.text()).toContain('已登录，尚未加入社区'))
    await view.waitFor(() => expect(view.text()).toContain('屏山社区（屏山镇）'))
    expect(view.cloudCalls.at(-1)).toEqual({ name: 'account', data: { action: 'listCommunities', input: {} } })
  })
})
