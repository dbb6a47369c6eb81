import { loadWeappPage, type CloudCall, type WeappPage } from '../support/weapp-simulate'
import { topic } from '../pages/fixtures'
import { installWxDoubles } from './wx-doubles'

/**
 * The built topic page in miniprogram-simulate, opened as pages/topic/index?id=t1: buttons from allowedActions,
 * subscription messages asked for inside the tap before follow/join, and the answered topic rendered.
 */
const wxd = installWxDoubles()
const order: string[] = []
let state = { joined: false, followed: false }
const current = () => topic('published', ['joinTopic', 'followTopic', 'supportTopic', 'postOpinion'], { me: { ...state, stance: null } })
let view: WeappPage

beforeAll(async () => {
  const wx = (globalThis as any).wx
  const ask = wx.requestSubscribeMessage
  wx.requestSubscribeMessage = (o: any) => {
    order.push('requestSubscribeMessage')
    return ask(o)
  }
  view = await loadWeappPage('pages/topic/index', {
    query: { id: 't1' },
    callFunction: (call: CloudCall) => {
      const { action, input } = call.data as { action: string; input: any }
      order.push(action)
      if (action === 'followTopic') state = { ...state, followed: input.follow }
      if (action === 'joinTopic') state = { ...state, joined: true }
      return { ok: true, data: { topic: current() } }
    },
  })
})
afterAll(() => view?.dispose())

const buttons = () => (Array.from(view.root.querySelectorAll('wx-button')) as HTMLElement[]).map((b) => (b.textContent ?? '').trim())

describe('weapp topic page (built dist/weapp in miniprogram-simulate)', () => {
  test('loads the topic named in the query and shows exactly the allowed buttons', async () => {
    await view.waitFor(() => expect(view.text()).toContain('3栋门口路灯维修'))
    expect(view.cloudCalls[0]).toEqual({ name: 'topics', data: { action: 'getTopic', input: { topicId: 't1' } } })
    expect(view.text()).toContain('时间：2026-12-09 19:00')
    expect(buttons()).toEqual(['报名参加', '☆ 关注', '支持 7', '反对 1', '发表意见'])
  })

  test('关注 asks for the subscription message inside the tap, then follows; the answer is shown', async () => {
    await view.tapButton('关注')
    await view.waitFor(() => expect(buttons()).toContain('★ 已关注'))
    // Asked inside the tap, the accepted templates told to the server, then the follow.
    expect(order.slice(-3)).toEqual(['requestSubscribeMessage', 'recordSubscriptions', 'followTopic'])
    expect(wxd.calls('requestSubscribeMessage')[0]).toMatchObject({ tmplIds: ['local-tpl-notice', 'local-tpl-result'] })
    expect(view.cloudCalls.at(-1)).toEqual({ name: 'topics', data: { action: 'followTopic', input: { topicId: 't1', follow: true } } })
  })

  test('报名参加 asks too, and a refused subscription does not stop the action', async () => {
    ;(globalThis as any).wx.requestSubscribeMessage = (o: any) => {
      order.push('requestSubscribeMessage')
      setTimeout(() => o.fail?.({ errCode: 43101, errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' }), 0)
    }
    await view.tapButton('报名参加')
    await view.waitFor(() => expect(buttons()).toContain('✓ 已报名'))
    expect(order.slice(-2)).toEqual(['requestSubscribeMessage', 'joinTopic'])
  })

  test('unfollowing asks nothing', async () => {
    const before = order.filter((o) => o === 'requestSubscribeMessage').length
    await view.tapButton('已关注')
    await view.waitFor(() => expect(buttons()).toContain('☆ 关注'))
    expect(order.filter((o) => o === 'requestSubscribeMessage')).toHaveLength(before)
    expect(view.cloudCalls.at(-1)).toEqual({ name: 'topics', data: { action: 'followTopic', input: { topicId: 't1', follow: false } } })
  })
})
