import Taro from '@tarojs/taro'
import TakePage from '../../src/take'
import Me from '../../src/pages/me'
import { dialogs, render, waitFor, buttonByText, buttonTexts, tap, type Rendered } from './render'
import { installFakeGateway, fakeFunction, callsOf } from './fake-gateway'
import { openItemView } from '../../src/contracts/supervision'

/**
 * 揭榜 page (issue 12): the community's items open for taking; the registered volunteer takes one in person with
 * 「我来揭榜」 (confirmed first), a second taker reads the server's answer, others are told how to register; 我的
 * links to it.
 */

let view: Rendered | undefined
beforeEach(() => {
  Taro.clearStorageSync()
  dialogs.modals.length = 0
})
afterEach(() => {
  view?.unmount()
  view = undefined
  jest.restoreAllMocks()
})

const item = (id: string, title: string, allowedActions: string[] = []) =>
  openItemView.parse({ id, title, sourceLabel: '受理自办', need: '会修水管', dueAt: '2026-12-20T15:59:59.999Z', openForTakingAt: '2026-12-06T02:00:00.000Z', allowedActions })
const listed = (items: ReturnType<typeof item>[], myVolunteer: { id: string; name: string } | null) => ({ ok: true, data: { communityId: 'c1', items, myVolunteer } })

test('lists each open item with what it needs, its due date and when it was published; a resident not registered is told how to register', async () => {
  installFakeGateway([], { supervision: fakeFunction({ listItemsOpenForTaking: () => listed([item('i1', '5栋楼道水管漏水', [])], null) }) })
  view = render(<TakePage />)
  await waitFor(() => expect(view!.text()).toContain('5栋楼道水管漏水'))
  expect(view.text()).toContain('需要：会修水管')
  expect(view.text()).toContain('办理期限 2026-12-20')
  expect(view.text()).toContain('张榜')
  expect(view.text()).toContain('请联系社区工作人员')
  expect(buttonTexts(view.container)).not.toContain('我来揭榜')
})

test('nothing open says so', async () => {
  installFakeGateway([], { supervision: fakeFunction({ listItemsOpenForTaking: () => listed([], null) }) })
  view = render(<TakePage />)
  await waitFor(() => expect(view!.text()).toContain('目前没有待揭榜的事项'))
})

test('the registered volunteer takes an item with 我来揭榜 (confirmed), with their own entry, and the list is read again', async () => {
  let taken = false
  const gw = installFakeGateway([], {
    supervision: fakeFunction({
      listItemsOpenForTaking: () => listed(taken ? [] : [item('i1', '5栋楼道水管漏水', ['takeItem'])], { id: 'res9', name: '王秀英' }),
      takeItem: (input: any) => {
        taken = true
        return { ok: true, data: { resolutionId: input.resolutionId, resourceId: input.resourceId, assigneeName: '王秀英' } }
      },
    }),
  })
  view = render(<TakePage />)
  await waitFor(() => buttonByText(view!.container, '我来揭榜'))
  expect(view.text()).toContain('你已登记为社区志愿者（王秀英）')
  await tap(buttonByText(view.container, '我来揭榜'))
  await waitFor(() => expect(callsOf(gw.calls, 'supervision', 'takeItem').map((c) => c.input)).toEqual([{ resolutionId: 'i1', resourceId: 'res9' }]))
  expect(dialogs.modals.map((m) => m.title)).toContain('我来揭榜')
  await waitFor(() => expect(view!.text()).toContain('已揭榜：「5栋楼道水管漏水」由你承办'))
  await waitFor(() => expect(view!.text()).toContain('目前没有待揭榜的事项'))
})

test('a second taker reads the server’s ALREADY_DONE text', async () => {
  installFakeGateway([], {
    supervision: fakeFunction({
      listItemsOpenForTaking: () => listed([item('i1', '5栋楼道水管漏水', ['takeItem'])], { id: 'res9', name: '王秀英' }),
      takeItem: () => ({ ok: false, error: { code: 'ALREADY_DONE', message: '该事项已被揭榜' } }),
    }),
  })
  view = render(<TakePage />)
  await waitFor(() => buttonByText(view!.container, '我来揭榜'))
  await tap(buttonByText(view.container, '我来揭榜'))
  await waitFor(() => expect(view!.text()).toContain('该事项已被揭榜'))
})

test('我的 links a resident of a community to the 揭榜 page', async () => {
  installFakeGateway([], {
    account: fakeFunction({
      whoAmI: () => ({ ok: true, data: { openid: 'o-1', source: 'wx_client', user: { displayName: '王秀英', role: 'resident', communityId: 'c1', communityName: '屏山社区', gridId: 'g1', buildingId: 'b1', townshipId: 'tw1' } } }),
      listFollowedTopics: () => ({ ok: true, data: { topics: [] } }),
    }),
    topics: fakeFunction({ listFollowedTopics: () => ({ ok: true, data: { topics: [] } }) }),
  })
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never)
  view = render(<Me />)
  await waitFor(() => buttonByText(view!.container, '揭榜 ›'))
  await tap(buttonByText(view.container, '揭榜 ›'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/take/index' })
})
