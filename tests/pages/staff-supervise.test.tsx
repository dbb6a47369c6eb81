import Taro from '@tarojs/taro'
import StaffHome from '../../src/staff/home'
import StaffSupervise from '../../src/staff/supervise'
import StaffCounty from '../../src/staff/county'
import StaffLists from '../../src/staff/lists'
import { getCommunityList, getCountyCycle, getTownshipOverview } from '../../src/contracts/supervision'
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

const line = (key: string, label: string, list: 'red' | 'black' | 'none', overdue = 0) => ({
  key, label, items: 3, done: 1, disclosuresDue: 4, disclosuresOnTime: 3, onTimeRate: 0.75, overdue, averageDaysToResult: 6.5, list,
})
const escalation = (id: string, supervision: unknown, allowedActions: string[]) => ({
  id, communityId: 'c1', communityName: '屏山社区', resolutionId: `r-${id}`, topicId: 'tp1', deadline: 'disclosure', dueAt: PAST, escalatedAt: PAST, text: '「更换路灯」办理情况逾期未公示', supervision, allowedActions,
})
const overview = getTownshipOverview.output.parse({
  communities: [line('c2', '东门社区', 'red'), line('c1', '屏山社区', 'black', 1)],
  assignees: [line('c1:陈网格', '陈网格（屏山社区）', 'black', 1)],
  escalations: [
    escalation('e1', null, ['superviseEscalation', 'urgeItem']),
    escalation('e2', { at: PAST, byName: '何督办', note: '请本周完成', replyDueAt: PAST, replyOverdue: true, answer: null }, []),
  ],
})

describe('the workbench of township and county staff opens without an error', () => {
  test.each([['township_supervisor'], ['county_office']])('%s: counts from the township overview, no community list asked', async (role) => {
    const gw = staffGateway({ whoAmI: whoAmIAs(role, { communityId: null, communityName: null }), getTownshipOverview: () => ok(overview) })
    view = render(<StaffHome />)
    await waitFor(() => expect(view!.container.querySelector('[aria-label="待督办：1"]')).not.toBeNull())
    expect(view.container.querySelector('[aria-label="待回复：1"]')).not.toBeNull()
    expect(view.container.querySelector('[aria-label="黑榜：1"]')).not.toBeNull()
    expect(view.text()).not.toContain('暂时无法查看')
    expect([...gw.sent('listTriageInbox'), ...gw.sent('listTopics'), ...gw.sent('getBoard')]).toEqual([])
    await tap(byText(view.container, '.home-item', '周期报表'))
    expect(nav.redirectTo).toHaveBeenCalledWith({ url: '/staff/county/index' })
  })
})

describe('督办工作台', () => {
  test('supervises an escalation with a note; shows the ranking and an unanswered supervision past its reply date', async () => {
    const gw = staffGateway({
      getTownshipOverview: () => ok(overview),
      listMonthlyReviews: (input) => ok({ month: input.month, reviews: [] }),
      superviseEscalation: (input) => ok({ escalation: escalation(input.escalationId, { at: PAST, byName: '何督办', note: input.note, replyDueAt: FUTURE, replyOverdue: false, answer: null }, []) }),
    })
    view = render(<StaffSupervise />)
    const open = await waitFor(() => byText(view!.container, '[data-escalation-id="e1"]', '屏山社区'))
    const answered = view.container.querySelector('[data-escalation-id="e2"]') as HTMLElement
    expect(answered.textContent).toContain('逾期未回复')
    expect(answered.querySelectorAll('.taro-button-core')).toHaveLength(0)
    expect(Array.from(view.container.querySelectorAll('.sv-line')).map((l) => l.getAttribute('data-list'))).toEqual(['red', 'black', 'black'])
    await typeInto(field(open, '督办意见'), '请三日内完成并公示')
    await tap(buttonByText(open, '督办'))
    await waitFor(() => expect(view!.text()).toContain('已督办：社区须于'))
    expect(gw.sent('superviseEscalation')).toEqual([{ escalationId: 'e1', note: '请三日内完成并公示' }])
  })

  test('催办 is offered where the item is open and says how many were reminded', async () => {
    const gw = staffGateway({
      getTownshipOverview: () => ok(overview),
      listMonthlyReviews: (input) => ok({ month: input.month, reviews: [] }),
      urgeItem: (input) => ok({ resolutionId: input.resolutionId, urgeCount: 2, lastUrgedOn: '2026-12-06', notified: 1 }),
    })
    view = render(<StaffSupervise />)
    const open = await waitFor(() => byText(view!.container, '[data-escalation-id="e1"]', '屏山社区'))
    expect(view.container.querySelector('[data-escalation-id="e2"]')!.querySelectorAll('.taro-button-core')).toHaveLength(0)
    await tap(buttonByText(open, '催办'))
    await waitFor(() => expect(view!.text()).toContain('已催办（第 2 次），已提醒 1 人'))
    expect(gw.sent('urgeItem')).toEqual([{ resolutionId: 'r-e1' }])
  })
})

describe('一月一问效 on the workbench', () => {
  test('records a community with an evaluation and notes; an evaluation is required first', async () => {
    const month = beijingMonthOf(Date.now())
    const review = (communityId: string, entry: unknown) => ({ communityId, communityName: communityId === 'c1' ? '屏山社区' : '东门社区', month, review: entry, revisions: [], allowedActions: ['recordMonthlyReview'] })
    const gw = staffGateway({
      getTownshipOverview: () => ok(overview),
      listMonthlyReviews: () => ok({ month, reviews: [review('c1', null), review('c2', { evaluation: 'good', evaluationLabel: '良好', notes: '台账齐全', photos: [], byName: '何督办', at: PAST })] }),
      recordMonthlyReview: (input) => ok({ review: review(input.communityId, { evaluation: input.evaluation, evaluationLabel: '一般', notes: input.notes, photos: [], byName: '何督办', at: PAST }) }),
    })
    view = render(<StaffSupervise />)
    const c1 = await waitFor(() => byText(view!.container, '[data-review-community="c1"]', '本月尚未记录'))
    expect(byText(view.container, '[data-review-community="c2"]', '良好 · 台账齐全')).toBeTruthy()
    await tap(buttonByText(c1, '记录'))
    await waitFor(() => expect(c1.textContent).toContain('请选择评价'))
    expect(gw.sent('recordMonthlyReview')).toEqual([])
    await tap(byText(c1, '.sf-chip', '一般'))
    await typeInto(field(c1, '察看记录'), '路灯维修滞后')
    await tap(buttonByText(c1, '记录'))
    await waitFor(() => expect(gw.sent('recordMonthlyReview')).toEqual([{ communityId: 'c1', month, evaluation: 'fair', notes: '路灯维修滞后' }]))
  })
})

describe('周期报表', () => {
  test('shows the headline, plain bars and rows; switching to 年总结 asks for the year; export asks for the same report', async () => {
    const report = (kind: string, period: string) =>
      getCountyCycle.output.parse({
        kind,
        period,
        headline: kind === 'year' ? `${period} 年总结：引导300余名居民、40余户参与议事，议事42次` : `${period} 月回访：2 项`,
        bars: [
          { label: '已回访', value: 1, share: 0.5 },
          { label: '待回访', value: 2, share: 1 },
        ],
        sheets: [{ name: kind === 'year' ? '年总结' : '月回访', columns: ['社区', '事项'], rows: [['屏山社区', '更换路灯']] }],
      })
    const gw = staffGateway({
      getCountyCycle: (input) => ok(report(input.kind, input.period)),
      exportCountyCycle: () => ok({ fileID: 'cloud://x/exports/a.xlsx', tempFileURL: 'http://127.0.0.1/file/a.xlsx', rows: 1 }),
    })
    const opened = jest.spyOn(window, 'open').mockImplementation(() => null)
    view = render(<StaffCounty />)
    await waitFor(() => expect(view!.text()).toContain('月回访：2 项'))
    const fills = Array.from(view.container.querySelectorAll<HTMLElement>('.cy-bar__fill')).map((b) => b.style.width)
    expect(fills).toEqual(['50%', '100%'])
    expect(view.text()).toContain('事项：更换路灯')
    await tap(byText(view.container, '.sf-chip', '年总结'))
    await waitFor(() => expect(view!.text()).toContain('议事42次'))
    expect(gw.sent('getCountyCycle').pop()).toEqual({ kind: 'year', period: beijingMonthOf(Date.now()).slice(0, 4) })
    await tap(buttonByText(view.container, '导出 xlsx'))
    await waitFor(() => expect(view!.text()).toContain('已导出 1 行'))
    expect(gw.sent('exportCountyCycle')).toEqual([{ kind: 'year', period: beijingMonthOf(Date.now()).slice(0, 4) }])
    expect(opened).toHaveBeenCalledWith('http://127.0.0.1/file/a.xlsx', '_blank')
    opened.mockRestore()
  })
})

describe('社区清单', () => {
  const answer = (list: string, month: string) =>
    getCommunityList.output.parse({
      communityId: 'c1',
      communityName: '屏山社区',
      title: `屏山社区 ${month} ${list === 'plan' ? '议事计划' : '任务清单/决议清单'}`,
      sheets: [
        list === 'plan'
          ? { name: '议事计划', columns: ['议题', '阶段'], rows: [['农贸市场选址', '已发布']] }
          : { name: '任务清单与决议清单', columns: ['事项', '承办人', '办结日期'], rows: [['更换路灯', '陈网格', '']] },
      ],
    })
  test('community staff read their lists by month and export csv', async () => {
    const month = beijingMonthOf(Date.now())
    const gw = staffGateway({
      whoAmI: whoAmIAs('community_staff'),
      getCommunityList: (input) => ok(answer(input.list, input.month)),
      exportCommunityList: () => ok({ fileID: 'cloud://x/a.csv', tempFileURL: 'http://127.0.0.1/file/a.csv', rows: 1 }),
    })
    const opened = jest.spyOn(window, 'open').mockImplementation(() => null)
    view = render(<StaffLists />)
    await waitFor(() => expect(view!.text()).toContain('承办人：陈网格'))
    expect(view.text()).toContain('办结日期：—')
    expect(gw.sent('getCommunityList')).toEqual([{ list: 'tasks', month }])
    await tap(buttonByText(view.container, '上个月'))
    await waitFor(() => expect(gw.sent('getCommunityList').pop()).toEqual({ list: 'tasks', month: previousMonth(month) }))
    await tap(byText(view.container, '.sf-chip', '议事计划'))
    await waitFor(() => expect(view!.text()).toContain('议题：农贸市场选址'))
    await tap(buttonByText(view.container, '导出 csv'))
    await waitFor(() => expect(view!.text()).toContain('已导出 1 行（csv）'))
    expect(gw.sent('exportCommunityList')).toEqual([{ list: 'plan', month: previousMonth(month), format: 'csv' }])
    expect(opened).toHaveBeenCalledWith('http://127.0.0.1/file/a.csv', '_blank')
    opened.mockRestore()
  })

  test('a township supervisor chooses the community first; nothing is asked before', async () => {
    const gw = staffGateway({
      whoAmI: whoAmIAs('township_supervisor', { communityId: null, communityName: null }),
      listCommunities: () => ok({ communities: [{ id: 'c2', name: '东门社区', townshipName: '城关镇', grids: [] }] }),
      getCommunityList: (input) => ok(answer(input.list, input.month)),
    })
    view = render(<StaffLists />)
    await waitFor(() => expect(view!.text()).toContain('请选择要查看的社区'))
    expect(gw.sent('getCommunityList')).toEqual([])
    await tap(await waitFor(() => byText(view!.container, '.sf-chip', '东门社区')))
    await waitFor(() => expect(view!.text()).toContain('承办人：陈网格'))
    expect(gw.sent('getCommunityList').pop()).toMatchObject({ communityId: 'c2', list: 'tasks' })
  })
})
