import Taro from '@tarojs/taro'
import RecordMeeting from '../../src/staff/meeting'
import { addDays, beijingDateOf } from '../../src/domain/calendar'
import { render, waitFor, buttonByText, tap, type Rendered } from './render'
import { aTopic, field, ok, fail, recordNavigation, setRoute, staffGateway, typeInto, PAST } from './staff-helpers'

let view: Rendered | undefined
let nav: ReturnType<typeof recordNavigation>
beforeEach(() => {
  Taro.clearStorageSync()
  nav = recordNavigation()
  setRoute('/staff/meeting/index', { id: 'tp1' })
})
afterEach(() => {
  view?.unmount()
  view = undefined
  nav.restore()
})

const item = (i: number) => view!.container.querySelector(`.meeting__resolution[data-index="${i}"]`) as HTMLElement

function gateway(record: (input: any) => unknown = (input) => ok({ topic: aTopic({ id: input.topicId }) })) {
  return staffGateway({ getTopic: () => ok({ topic: aTopic({ meetingAt: PAST }) }), recordMeeting: record })
}

async function fillAttendance(present = '18', invited = '30') {
  await typeInto(field(view!.container, '到会户数'), present)
  await typeInto(field(view!.container, '应邀户数'), invited)
  await typeInto(field(view!.container, '会议纪要'), '议定更换路灯，费用由维修基金列支。')
}

async function fillItem(i: number, title: string, votes: [string, string, string], assignee: string) {
  await typeInto(field(item(i), '议决事项'), title)
  await typeInto(field(item(i), '赞成'), votes[0])
  await typeInto(field(item(i), '反对'), votes[1])
  await typeInto(field(item(i), '弃权'), votes[2])
  await typeInto(field(item(i), '承办人'), assignee)
}

describe('staff meeting record (记录议事会)', () => {
  test('votes must be non-negative integers: a negative or fractional count is refused without a call', async () => {
    const gw = gateway()
    view = render(<RecordMeeting />)
    await waitFor(() => expect(view!.text()).toContain('3 号楼路灯维修'))
    await fillAttendance()
    await fillItem(0, '更换 3 号楼路灯', ['-1', '0', '0'], '陈网格')
    await tap(buttonByText(view.container, '保存议事会记录'))
    await waitFor(() => expect(view!.text()).toContain('第 1 项：赞成票数须为非负整数'))

    await typeInto(field(item(0), '赞成'), '12')
    await typeInto(field(item(0), '反对'), '1.5')
    await tap(buttonByText(view.container, '保存议事会记录'))
    await waitFor(() => expect(view!.text()).toContain('第 1 项：反对票数须为非负整数'))

    await typeInto(field(item(0), '反对'), '2')
    await typeInto(field(item(0), '弃权'), '')
    await tap(buttonByText(view.container, '保存议事会记录'))
    await waitFor(() => expect(view!.text()).toContain('第 1 项：弃权票数须为非负整数'))
    expect(gw.sent('recordMeeting')).toHaveLength(0)
  })

  test('attendance is checked too: present households cannot exceed the invited', async () => {
    const gw = gateway()
    view = render(<RecordMeeting />)
    await waitFor(() => expect(view!.text()).toContain('3 号楼路灯维修'))
    await fillAttendance('40', '30')
    await fillItem(0, '更换路灯', ['1', '0', '0'], '陈网格')
    await tap(buttonByText(view.container, '保存议事会记录'))
    await waitFor(() => expect(view!.text()).toContain('到会户数不能多于应邀户数'))
    expect(gw.sent('recordMeeting')).toHaveLength(0)
  })

  test('sends every resolution with integer votes, assignee and Beijing due date, and goes back to the topic', async () => {
    const gw = gateway()
    view = render(<RecordMeeting />)
    await waitFor(() => expect(view!.text()).toContain('3 号楼路灯维修'))
    await fillAttendance()
    await fillItem(0, '更换 3 号楼路灯', ['15', '2', '1'], '陈网格')
    await tap(buttonByText(view.container, '添加议决事项'))
    await waitFor(() => expect(item(1)).not.toBeNull())
    await fillItem(1, '加装东门车棚', ['7', '10', '1'], '刘敏')
    await tap(buttonByText(view.container, '保存议事会记录'))
    await waitFor(() => expect(gw.sent('recordMeeting')).toHaveLength(1))

    const due = addDays(beijingDateOf(Date.now()), 7)
    expect(gw.sent('recordMeeting')[0]).toEqual({
      topicId: 'tp1',
      heldAt: PAST, // the planned meeting time, already past, is the default held time
      attendance: { households: 18, invitedHouseholds: 30 },
      minutes: '议定更换路灯，费用由维修基金列支。',
      photos: [], // the H5 build uploads none
      resolutions: [
        { title: '更换 3 号楼路灯', vote: { for: 15, against: 2, abstain: 1 }, assigneeName: '陈网格', assigneeOpenid: null, dueDate: due },
        { title: '加装东门车棚', vote: { for: 7, against: 10, abstain: 1 }, assigneeName: '刘敏', assigneeOpenid: null, dueDate: due },
      ],
    })
    await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledWith({ url: '/staff/topic/index?id=tp1' }))
  })

  test('an assignee picked from the community staff is sent with their openid; typing a name instead clears it', async () => {
    const gw = staffGateway({
      getTopic: () => ok({ topic: aTopic({ meetingAt: PAST }) }),
      listAssignees: () => ok({ assignees: [{ openid: 'o-liu', displayName: '刘书记', role: 'community_staff' }, { openid: 'o-chen', displayName: '陈志强', role: 'grid_worker' }] }),
      recordMeeting: (input: any) => ok({ topic: aTopic({ id: input.topicId }) }),
    })
    view = render(<RecordMeeting />)
    await waitFor(() => expect(view!.text()).toContain('从本社区工作人员中指定'))
    await fillAttendance()
    await fillItem(0, '更换 3 号楼路灯', ['15', '2', '1'], '')
    const chip = Array.from(item(0).querySelectorAll('[role="radio"]')).find((el) => el.textContent === '陈志强') as HTMLElement
    await tap(chip)
    await tap(buttonByText(view.container, '添加议决事项'))
    await waitFor(() => expect(item(1)).not.toBeNull())
    await fillItem(1, '加装东门车棚', ['7', '1', '1'], '物业公司')
    await tap(buttonByText(view.container, '保存议事会记录'))
    await waitFor(() => expect(gw.sent('recordMeeting')).toHaveLength(1))
    const [picked, typed] = (gw.sent('recordMeeting')[0] as any).resolutions
    expect(picked).toMatchObject({ assigneeName: '陈志强', assigneeOpenid: 'o-chen' })
    expect(typed).toMatchObject({ assigneeName: '物业公司', assigneeOpenid: null })
  })

  test('a removed item is not sent; the server refusal is shown and nothing navigates', async () => {
    const gw = gateway(() => fail('FOUR_DELIBERATIONS_INCOMPLETE', '请先按顺序记录“四议”的前三议'))
    view = render(<RecordMeeting />)
    await waitFor(() => expect(view!.text()).toContain('3 号楼路灯维修'))
    await fillAttendance()
    await tap(buttonByText(view.container, '添加议决事项'))
    await waitFor(() => expect(item(1)).not.toBeNull())
    await fillItem(1, '只保留这一项', ['3', '0', '0'], '陈网格')
    const remove = item(0).querySelector('.meeting__remove') as HTMLElement
    await tap(remove)
    await waitFor(() => expect(item(1)).toBeNull())
    await tap(buttonByText(view.container, '保存议事会记录'))
    await waitFor(() => expect(view!.text()).toContain('请先按顺序记录“四议”的前三议'))
    expect(gw.sent('recordMeeting')[0].resolutions.map((r: { title: string }) => r.title)).toEqual(['只保留这一项'])
    expect(nav.redirectTo).not.toHaveBeenCalled()
    expect(nav.navigateBack).not.toHaveBeenCalled()
  })
})
