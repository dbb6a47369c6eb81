import Taro from '@tarojs/taro'
import StaffHome from '../../src/staff/home'
import Me from '../../src/pages/me'
import { render, waitFor, buttonByText, tap, type Rendered } from './render'
import { installFakeGateway, fakeFunction, callsOf } from './fake-gateway'
import { installNotificationsGateway, captureLocalGrants } from '../support/messages-gateway'

/** Issue 11: 接收到期提醒 on the 工作台, offered while deadline grants run low; supervisors land there from 我的. */
const user = (role: string) => ({
  openid: 'o-1',
  source: 'wx_client',
  user: { displayName: '赵督办', role, communityId: role === 'township_supervisor' ? null : 'c1', communityName: role === 'township_supervisor' ? null : '屏山社区', gridId: null, buildingId: null, townshipId: 'tw1' },
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

/** The shared notifications gateway, with the 工作台's own lists empty. */
function gateway(role: string, grants: () => Record<string, number | 'long-term'>, onRecord: () => void = () => undefined) {
  return installNotificationsGateway({
    me: user(role),
    grants,
    onRecord,
    functions: {
      reports: fakeFunction({ listTriageInbox: () => ({ ok: true, data: { reports: [] } }) }),
      topics: fakeFunction({ listTopics: () => ({ ok: true, data: { topics: [] } }) }),
      board: fakeFunction({ getBoard: () => ({ ok: true, data: { board: { overdue: [] } } }) }),
      supervision: fakeFunction({ listSupervisions: () => ({ ok: true, data: { escalations: [] } }) }),
    },
  })
}

test('the 工作台 offers 接收到期提醒 when no deadline grant is left; the tap asks for the deadline template and records it', async () => {
  let left = 0
  const { calls } = gateway('community_staff', () => ({ statusChanged: 0, deadline: left, meeting: 0, notice: 0, result: 0 }), () => (left = 3))
  const granted = captureLocalGrants()
  const page = show(<StaffHome />)
  await waitFor(() => expect(page.text()).toContain('尚未开启到期提醒的微信通知'))
  await tap(buttonByText(page.container, '接收到期提醒'))
  await waitFor(() => expect(page.text()).not.toContain('接收到期提醒'))
  expect(granted).toEqual([{ openid: 'o-1', templateIds: ['local-tpl-deadline'] }])
  expect(callsOf(calls, 'account', 'recordSubscriptions').map((c) => c.input)).toEqual([{ accepted: ['deadline'] }])
})

test('enough grants, or long-term subscriptions: no offer; one left: offered again with the count', async () => {
  let grants: Record<string, number | 'long-term'> = { deadline: 5 }
  const { calls } = gateway('community_staff', () => grants)
  // The grants were asked for and their answer rendered (a tick after the call) before the absence is checked.
  const answered = async (n: number) => {
    await waitFor(() => expect(callsOf(calls, 'account', 'listNotifications')).toHaveLength(n))
    await new Promise((r) => setTimeout(r, 50))
  }
  const enough = show(<StaffHome />)
  await answered(1)
  expect(enough.text()).not.toContain('接收到期提醒')
  enough.unmount()
  views = []

  grants = { deadline: 'long-term' }
  const longTerm = show(<StaffHome />)
  await answered(2)
  expect(longTerm.text()).not.toContain('接收到期提醒')
  longTerm.unmount()
  views = []

  grants = { deadline: 1 }
  const low = show(<StaffHome />)
  await waitFor(() => expect(low.text()).toContain('到期提醒还可接收 1 条'))
})

test('a township supervisor enters the 工作台 from 我的 (their landing page), where the control is offered', async () => {
  gateway('township_supervisor', () => ({ deadline: 0 }))
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never)
  const me = show(<Me />)
  await tap(await waitFor(() => buttonByText(me.container, '进入工作台')))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/staff/home/index' })
  const home = show(<StaffHome />)
  await waitFor(() => expect(home.text()).toContain('尚未开启到期提醒的微信通知'))
})

test('我的 opens 消息 and shows the unread count whoAmI answers with, on the 我的 tab badge too', async () => {
  const badge = jest.spyOn(Taro, 'setTabBarBadge').mockImplementation((() => Promise.resolve()) as never)
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never)
  installFakeGateway([], { account: fakeFunction({ whoAmI: () => ({ ok: true, data: { ...user('resident'), unread: 3 } }) }) })
  const me = show(<Me />)
  await tap(await waitFor(() => buttonByText(me.container, '消息（3 条未读）')))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/messages/index' })
  expect(badge).toHaveBeenCalledWith({ index: 2, text: '3' })
})

test('我的 lists 我关注的 for a resident, marking joins; a tap opens the topic', async () => {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never)
  const summary = (id: string, title: string, stageLabel: string) => ({ id, title, stageLabel, stage: 'published' })
  installFakeGateway([], {
    account: fakeFunction({ whoAmI: () => ({ ok: true, data: user('resident') }) }),
    topics: fakeFunction({
      listFollowedTopics: () => ({
        ok: true,
        data: { topics: [{ topic: summary('t1', '加装电梯', '议题发布'), joined: true, followed: true }, { topic: summary('t2', '楼道灯更换', '公告中'), joined: false, followed: true }] },
      }),
    }),
  })
  const me = show(<Me />)
  await tap(await waitFor(() => buttonByText(me.container, '加装电梯 · 议题发布 · 已报名')))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/topic/index?id=t1' })
  expect(me.text()).toContain('楼道灯更换 · 公告中 ›')
})
