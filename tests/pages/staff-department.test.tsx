import Taro from '@tarojs/taro'
import StaffDepartment from '../../src/staff/department'
import { render, waitFor, tap, type Rendered } from './render'
import { fail, ok, recordNavigation, staffGateway, whoAmIAs } from './staff-helpers'

/** 部门待办 (issue 12): a department's transferred items and the 联席会议 topics inviting it. */

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

const inbox = {
  departmentId: 'dep_power',
  items: [
    { id: 'it1', title: '路灯线路老化', communityId: 'c1', assigneeName: '供电公司', dueAt: '2026-12-20T15:59:59.999Z', disclosureDueAt: '2026-12-13T15:59:59.999Z', resultPublishedAt: null, done: false },
    { id: 'it2', title: '变压器噪音', communityId: 'c1', assigneeName: '供电公司', dueAt: '2026-12-10T15:59:59.999Z', disclosureDueAt: null, resultPublishedAt: '2026-12-05T02:00:00.000Z', done: true },
  ],
  topics: [{ id: 'tp9', title: '老旧线路改造', communityId: 'c1', meetingAt: '2026-12-15T11:00:00.000Z', meetingPlace: '社区会议室' }],
}

describe('department inbox page (部门待办)', () => {
  test('lists the transferred items (open with the next disclosure due, done with the result time) and the 联席会议 topics', async () => {
    const gw = staffGateway({ whoAmI: whoAmIAs('department_staff'), listDepartmentItems: () => ok(inbox) })
    view = render(<StaffDepartment />)
    await waitFor(() => expect(view!.text()).toContain('路灯线路老化'))
    expect(gw.sent('listDepartmentItems')).toHaveLength(1)
    const text = view.text()
    expect(text).toContain('下次公示办理情况')
    expect(text).toContain('已办结')
    expect(text).toContain('老旧线路改造')
    expect(text).toContain('社区会议室')
  })

  test('an item opens on 事项办理, a topic on the staff topic page', async () => {
    staffGateway({ whoAmI: whoAmIAs('department_staff'), listDepartmentItems: () => ok(inbox) })
    view = render(<StaffDepartment />)
    await waitFor(() => expect(view!.text()).toContain('路灯线路老化'))
    await tap(view.container.querySelector('[data-resolution-id="it1"]')!)
    await tap(view.container.querySelector('[data-topic-id="tp9"]')!)
    expect(nav.navigateTo.mock.calls.map((c) => c[0].url)).toEqual(['/staff/item/index?id=it1', '/staff/topic/index?id=tp9'])
  })

  test('a load failure is shown, not a blank page', async () => {
    staffGateway({ whoAmI: whoAmIAs('department_staff'), listDepartmentItems: () => fail('FORBIDDEN', '当前身份不能进行此操作') })
    view = render(<StaffDepartment />)
    await waitFor(() => expect(view!.text()).toContain('部门待办加载失败'))
  })
})
