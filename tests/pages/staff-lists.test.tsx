import Taro from '@tarojs/taro'
import StaffBoard from '../../src/staff/board'
import StaffCallbacks from '../../src/staff/callbacks'
import StaffInvite from '../../src/staff/invite'
import { beijingMonthOf, previousMonth } from '../../src/domain/calendar'
import { render, waitFor, buttonByText, tap, type Rendered } from './render'
import { byText, field, ok, recordNavigation, staffGateway, typeInto, whoAmIAs, FUTURE, PAST } from './staff-helpers'

let view: Rendered | undefined
let nav: ReturnType<typeof recordNavigation>
beforeEach(() => {
  Taro.clearStorageSync()
  nav = recordNavigation()
})
afterEach(() => {
  view?.unmount()
  view = undefined
  nav.restore()
})

const line = (key: string, list: 'red' | 'black' | 'none', overdue = 0) => ({
  key,
  label: key,
  items: 3,
  done: 1,
  disclosuresDue: 4,
  disclosuresOnTime: 3,
  onTimeRate: 0.75,
  overdue,
  averageDaysToResult: 6.5,
  list,
})
const communities = [
  { id: 'c1', name: '屏山社区', townshipName: '城关镇', grids: [{ id: 'g1', name: '第一网格', buildings: [] }, { id: 'g2', name: '第二网格', buildings: [] }] },
  { id: 'c2', name: '东门社区', townshipName: '城关镇', grids: [] },
]

describe('staff board (红黑榜)', () => {
  test('community staff see their community, assignees on the red/black list and the overdue items in red', async () => {
    const gw = staffGateway({
      whoAmI: whoAmIAs('community_staff'),
      getBoard: () =>
        ok({
          communityId: 'c1',
          board: {
            community: line('屏山社区', 'black', 1),
            assignees: [line('陈网格', 'black', 1), line('刘敏', 'red')],
            overdue: [
              { resolutionId: 'tp1_r01', topicId: 'tp1', title: '更换路灯', assigneeName: '陈网格', deadline: 'disclosure', deadlineLabel: '办理情况公示', dueAt: PAST, escalatedAt: PAST },
            ],
          },
        }),
    })
    view = render(<StaffBoard />)
    await waitFor(() => expect(view!.text()).toContain('更换路灯'))
    expect(gw.sent('getBoard')).toEqual([{}])
    expect(view.container.querySelector('[data-list="red"]')!.textContent).toContain('刘敏')
    expect(view.container.querySelectorAll('[data-list="black"]')).toHaveLength(2)
    expect(view.text()).toContain('按时公示 3/4（75%）')
    const overdue = byText(view.container, '.board__overdue', '更换路灯')
    expect(overdue.querySelector('.sf-overdue')!.textContent).toContain('办理情况公示')
    expect(overdue.textContent).toContain('已提请街道督办')
    await tap(overdue)
    expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/staff/topic/index?id=tp1' })
    expect(gw.sent('listCommunities')).toHaveLength(0)
  })

  test('a township supervisor picks the community, which is passed as communityId', async () => {
    const gw = staffGateway({
      whoAmI: whoAmIAs('township_supervisor', { communityId: null }),
      listCommunities: () => ok({ communities }),
      getBoard: (input) =>
        input?.communityId
          ? ok({ communityId: input.communityId, board: { community: line('东门社区', 'none'), assignees: [], overdue: [] } })
          : { ok: false, error: { code: 'NOT_IN_COMMUNITY', message: '请指定社区' } },
    })
    view = render(<StaffBoard />)
    await tap(await waitFor(() => byText(view!.container, '.sf-chip', '东门社区')))
    await waitFor(() => expect(view!.text()).toContain('目前没有逾期事项'))
    expect(gw.sent('getBoard').pop()).toEqual({ communityId: 'c2' })
  })
})

describe('staff callbacks (月回访)', () => {
  const items = [
    { resolutionId: 'r-a', topicId: 'tp1', title: '更换路灯', assigneeName: '陈网格', resultPublishedAt: PAST, callbackDueAt: FUTURE, callback: null },
    { resolutionId: 'r-b', topicId: 'tp2', title: '修补路面', assigneeName: '刘敏', resultPublishedAt: PAST, callbackDueAt: FUTURE, callback: { outcome: 'fixed', note: '居民满意', at: PAST } },
  ]
  test('records 未解决 with its note for an item not yet called back; recorded items have no buttons', async () => {
    const month = previousMonth(beijingMonthOf(Date.now()))
    const gw = staffGateway({
      listCallbacks: (input) => ok({ month: input?.month ?? month, callbackDueAt: FUTURE, items }),
      recordCallback: (input) => ok({ resolution: { title: '更换路灯', id: input.resolutionId } }),
    })
    view = render(<StaffCallbacks />)
    await waitFor(() => expect(view!.text()).toContain(`${month} 决定或办结的事项`))
    const b = view.container.querySelector('[data-resolution-id="r-b"]') as HTMLElement
    expect(b.querySelectorAll('.taro-button-core')).toHaveLength(0)
    expect(b.textContent).toContain('已解决')
    const a = view.container.querySelector('[data-resolution-id="r-a"]') as HTMLElement
    await tap(buttonByText(a, '未解决'))
    await waitFor(() => expect(a.textContent).toContain('回访记录不能为空'))
    await typeInto(field(a, '回访记录'), '灯又坏了')
    await tap(buttonByText(a, '未解决'))
    await waitFor(() => expect(view!.text()).toContain('已重新进入办理'))
    expect(gw.sent('recordCallback')).toEqual([{ resolutionId: 'r-a', outcome: 'not_fixed', note: '灯又坏了', month }])

    await tap(buttonByText(view.container, '上个月'))
    await waitFor(() => expect(gw.sent('listCallbacks').pop()).toEqual({ month: previousMonth(month) }))
  })
})

describe('staff callbacks (月回访): method and who was reached (issue 12)', () => {
  test('records 实地 and the person reached with the finding; a recorded callback shows how and whom', async () => {
    const month = previousMonth(beijingMonthOf(Date.now()))
    const items = [
      { resolutionId: 'r-a', topicId: null, title: '更换路灯', assigneeName: '陈网格', resultPublishedAt: PAST, callbackDueAt: FUTURE, callback: null },
      { resolutionId: 'r-b', topicId: 'tp2', title: '修补路面', assigneeName: '刘敏', resultPublishedAt: PAST, callbackDueAt: FUTURE, callback: { outcome: 'fixed', note: '居民满意', at: PAST, method: 'phone', reached: '王大妈' } },
    ]
    const gw = staffGateway({
      listCallbacks: (input) => ok({ month: input?.month ?? month, callbackDueAt: FUTURE, items }),
      recordCallback: (input) => ok({ resolution: { title: '更换路灯', id: input.resolutionId } }),
    })
    view = render(<StaffCallbacks />)
    await waitFor(() => expect(view!.text()).toContain(`${month} 决定或办结的事项`))
    expect(view.container.querySelector('[data-resolution-id="r-b"]')!.textContent).toContain('已解决（电话回访 · 王大妈 · ')
    const a = view.container.querySelector('[data-resolution-id="r-a"]') as HTMLElement
    await tap(byText(a, '.sf-chip', '实地'))
    await typeInto(field(a, '回访对象'), '3 号楼楼长')
    await typeInto(field(a, '回访记录'), '路灯已亮')
    await tap(buttonByText(a, '已解决'))
    await waitFor(() => expect(view!.text()).toContain('已记录：「更换路灯」已解决'))
    // The callback answers the list month on screen.
    expect(gw.sent('recordCallback')).toEqual([{ resolutionId: 'r-a', outcome: 'fixed', note: '路灯已亮', method: 'visit', reached: '3 号楼楼长', month: previousMonth(beijingMonthOf(Date.now())) }])
  })
})

describe('staff invite (邀请码)', () => {
  test('community staff invite a grid worker for a chosen grid and see the code', async () => {
    const gw = staffGateway({
      whoAmI: whoAmIAs('community_staff'),
      listCommunities: () => ok({ communities }),
      issueInvitation: (input) => ok({ code: 'K7P2M9QX', role: input.role, expiresAt: FUTURE }),
    })
    view = render(<StaffInvite />)
    await waitFor(() => expect(view!.text()).toContain('居民代表'))
    expect(view.text()).not.toContain('街道督办')
    await tap(byText(view.container, '.sf-chip', '网格员'))
    await tap(buttonByText(view.container, '生成邀请码'))
    await waitFor(() => expect(view!.text()).toContain('请选择网格'))
    await tap(await waitFor(() => byText(view!.container, '.sf-chip', '第二网格')))
    await tap(buttonByText(view.container, '生成邀请码'))
    await waitFor(() => expect(view!.text()).toContain('K7P2M9QX'))
    expect(gw.sent('issueInvitation')).toEqual([{ role: 'grid_worker', gridId: 'g2' }])
  })

  test('a resident is told they cannot issue codes', async () => {
    staffGateway({ whoAmI: whoAmIAs('resident') })
    view = render(<StaffInvite />)
    await waitFor(() => expect(view!.text()).toContain('当前身份不能签发邀请码'))
  })
})
