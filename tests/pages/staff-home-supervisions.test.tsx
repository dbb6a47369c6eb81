import Taro from '@tarojs/taro'
import StaffHome from '../../src/staff/home'
import { listSupervisions } from '../../src/contracts/supervision'
import { render, waitFor, buttonByText, tap, type Rendered } from './render'
import { byText, field, ok, recordNavigation, staffGateway, typeInto, whoAmIAs, FUTURE, PAST } from './staff-helpers'

/** Issue 12: community staff answer the township's 督办 on their 工作台. */
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

const supervision = (over: Record<string, unknown> = {}) => ({ at: PAST, byName: '何督办', note: '请本周内完成并公示', replyDueAt: PAST, replyOverdue: true, answer: null, ...over })
const escalation = (id: string, s: unknown, allowedActions: string[]) => ({
  id, communityId: 'c1', communityName: '屏山社区', resolutionId: `r-${id}`, topicId: null, deadline: 'handling', dueAt: PAST, escalatedAt: PAST, text: `「路灯维修 ${id}」逾期未办结`, supervision: s, allowedActions,
})
const listed = (answered: boolean) =>
  listSupervisions.output.parse({
    escalations: [
      escalation('e1', supervision(answered ? { answer: { text: '已修复并公示', at: FUTURE, byName: '刘书记' }, replyOverdue: false } : {}), answered ? [] : ['answerSupervision']),
      escalation('e2', supervision({ replyDueAt: FUTURE, replyOverdue: false, answer: { text: '已协调住建部门', at: PAST, byName: '刘书记' } }), []),
    ],
  })
const home = (role: string, extra: Record<string, (input: any) => unknown>) =>
  staffGateway({
    whoAmI: whoAmIAs(role),
    listTriageInbox: () => ok({ reports: [] }),
    listTopics: () => ok({ topics: [] }),
    getBoard: () => ok({ board: { overdue: [] } }),
    listNotifications: () => ok({ items: [], unread: 0, grants: { statusChanged: 9, deadline: 9, meeting: 9, notice: 9, result: 9 } }),
    ...extra,
  })

describe('街道督办 on the community 工作台', () => {
  test('lists the owed 督办 with its overdue reply date and the answered one; answering sends the text once and shows it answered', async () => {
    let answered = false
    const gw = home('community_staff', {
      listSupervisions: () => ok(listed(answered)),
      answerSupervision: () => {
        answered = true
        return ok({ escalation: listed(true).escalations[0] })
      },
    })
    view = render(<StaffHome />)
    const owed = await waitFor(() => byText(view!.container, '[data-supervision-id="e1"]', '路灯维修 e1'))
    expect(view.text()).toContain('街道督办（待回复 1）')
    expect(owed.textContent).toContain('已逾期，将报县级办公室')
    const done = view.container.querySelector('[data-supervision-id="e2"]') as HTMLElement
    expect(done.textContent).toContain('已回复（刘书记')
    expect(done.querySelectorAll('.taro-button-core')).toHaveLength(0)
    await typeInto(field(owed, '回复督办'), '已修复并公示')
    await tap(buttonByText(owed, '回复'))
    await waitFor(() => expect(view!.text()).toContain('已回复街道督办'))
    expect(gw.sent('answerSupervision')).toEqual([{ escalationId: 'e1', text: '已修复并公示' }])
    await waitFor(() => expect(view!.text()).toContain('街道督办（待回复 0）'))
    expect(view.container.querySelector('[data-supervision-id="e1"]')!.querySelectorAll('.taro-button-core')).toHaveLength(0)
  })

  test('a 督办 the sweep has sent to the county office says so', async () => {
    const sent = listSupervisions.output.parse({ escalations: [escalation('e3', supervision({ escalatedToCountyAt: PAST }), ['answerSupervision'])] })
    home('community_staff', { listSupervisions: () => ok(sent) })
    view = render(<StaffHome />)
    const item = await waitFor(() => byText(view!.container, '[data-supervision-id="e3"]', '路灯维修 e3'))
    expect(item.textContent).toContain('已逾期，已报县级办公室')
  })

  test('an empty answer is refused on the page before any call', async () => {
    const gw = home('community_staff', { listSupervisions: () => ok(listed(false)) })
    view = render(<StaffHome />)
    const owed = await waitFor(() => byText(view!.container, '[data-supervision-id="e1"]', '路灯维修 e1'))
    await tap(buttonByText(owed, '回复'))
    expect(gw.sent('answerSupervision')).toEqual([])
    expect(owed.textContent).toMatch(/督办回复/)
  })

  test('a grid worker\'s 工作台 has no 督办 section and does not ask for it', async () => {
    const gw = home('grid_worker', { listSupervisions: () => ok(listed(false)) })
    view = render(<StaffHome />)
    await waitFor(() => expect(view!.text()).toContain('待公示'))
    expect(view.text()).not.toContain('街道督办')
    expect(gw.sent('listSupervisions')).toEqual([])
  })
})
