import Taro from '@tarojs/taro'
import Messages from '../../src/pages/messages'
import { render, waitFor, buttonByText, tap, type Rendered } from './render'
import { callsOf } from './fake-gateway'
import { installNotificationsGateway, captureLocalGrants } from '../support/messages-gateway'

const user = (role: string) => ({
  openid: 'o-1',
  source: 'wx_client',
  user: { displayName: '王秀兰', role, communityId: 'c1', communityName: '屏山社区', gridId: 'g1', buildingId: 'b1', townshipId: 'tw1' },
})
const item = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  template: 'statusChanged',
  title: '3栋门口路灯不亮',
  status: '已回复',
  note: null,
  at: '2026-11-30T10:00:00.000Z',
  page: `pages/my-reports/index?id=r_${id}`,
  read: false,
  message: 'noGrant',
  ...over,
})

let views: Rendered[] = []
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

describe('messages page (消息)', () => {
  test('lists every notification with the unread count on the tab; tapping one marks it read and opens its item', async () => {
    const badge = jest.spyOn(Taro, 'setTabBarBadge').mockImplementation((() => Promise.resolve()) as never)
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never)
    const { calls } = installNotificationsGateway({
      me: user('resident'),
      notifications: { items: [item('n1'), item('n2', { read: true, status: '已纳入议题', page: 'pages/topic/index?id=t1', message: 'sent' })], unread: 1 },
      grants: () => ({ statusChanged: 0, deadline: 0 }),
      unreadAfterMark: 0,
    })
    const page = show(<Messages />)
    await waitFor(() => expect(page.text()).toContain('消息（1 条未读）'))
    expect(page.text()).toContain('未订阅，仅在此显示')
    expect(page.text()).toContain('已发送微信通知')
    expect(badge).toHaveBeenCalledWith({ index: 2, text: '1' })
    // A resident is not offered the deadline reminders.
    expect(page.text()).not.toContain('接收到期提醒')
    await tap(page.container.querySelector<HTMLElement>('[aria-label="3栋门口路灯不亮"]')!)
    await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/my-reports/index?id=r_n1' }))
    expect(callsOf(calls, 'account', 'markNotificationsRead').map((c) => c.input)).toEqual([{ ids: ['n1'] }])
  })

  test('staff whose deadline grants run low are offered 接收到期提醒, which asks for the deadline template and reports the acceptance; nothing unread removes the badge', async () => {
    const removed = jest.spyOn(Taro, 'removeTabBarBadge').mockImplementation((() => Promise.resolve()) as never)
    let left = 1
    const { calls } = installNotificationsGateway({
      me: user('community_staff'),
      grants: () => ({ statusChanged: 0, deadline: left }),
      onRecord: () => (left = 2),
    })
    // The H5 stand-in for requestSubscribeMessage records the grant where WeChat would (the local CloudBase).
    const granted = captureLocalGrants()
    const page = show(<Messages />)
    await waitFor(() => expect(page.text()).toContain('到期提醒还可接收 1 条'))
    expect(page.text()).toContain('还没有消息')
    expect(removed).toHaveBeenCalledWith({ index: 2 })
    await tap(buttonByText(page.container, '接收到期提醒'))
    await waitFor(() => expect(page.text()).not.toContain('接收到期提醒'))
    expect(granted).toEqual([{ openid: 'o-1', templateIds: ['local-tpl-deadline'] }])
    expect(callsOf(calls, 'account', 'recordSubscriptions').map((c) => c.input)).toEqual([{ accepted: ['deadline'] }])
  })
})
