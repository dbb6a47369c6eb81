import Taro from '@tarojs/taro'
import BoardPage from '../../src/pages/board'
import MyReports from '../../src/pages/my-reports'
import { render, waitFor, buttonByText, tap, type Rendered } from './render'
import { installFakeGateway, fakeFunction, callsOf } from './fake-gateway'
import { feed, line, report } from './fixtures'

let view: Rendered | undefined
beforeEach(() => Taro.clearStorageSync())
afterEach(() => {
  view?.unmount()
  view = undefined
  jest.restoreAllMocks()
})

describe('board page (红黑榜)', () => {
  test('the community line, black and red lists with each assignee line, and the overdue items', async () => {
    const board = feed().board
    board.assignees.push(line('a-zhao', '赵强', 'none', { onTimeRate: null, disclosuresDue: 0, disclosuresOnTime: 0, averageDaysToResult: null }))
    const gw = installFakeGateway([], { board: fakeFunction({ getBoard: () => ({ ok: true, data: { communityId: 'c1', board } }) }) })
    view = render(<BoardPage />)
    await waitFor(() => expect(view!.text()).toContain('社区总体'))
    const lines = Array.from(view.container.querySelectorAll('.board-line')).map((el) => (el.textContent ?? '').replace(/\s+/g, ' '))
    expect(lines[0]).toContain('屏山社区')
    expect(lines[0]).toContain('按时公示率 92%（3/5）')
    const zhang = lines.find((l) => l.includes('张建军'))!
    expect(zhang).toContain('黑榜')
    expect(zhang).toContain('逾期 2 项')
    expect(zhang).toContain('平均办结 6.5 天')
    expect(lines.find((l) => l.includes('李红梅'))).toContain('红榜')
    expect(lines.find((l) => l.includes('赵强'))).toContain('按时公示率 暂无（0/0）')
    expect(view.text()).toContain('黑榜（1）')
    expect(view.text()).toContain('红榜（1）')
    expect(view.text()).toContain('承办人：张建军 · 办理情况公示期限 2026-12-11 · 已提请街道督办')
    expect(callsOf(gw.calls, 'board', 'getBoard')).toEqual([{ action: 'getBoard', input: {} }])
  })

  test('outside a community the refusal is shown with a retry', async () => {
    installFakeGateway([], { board: fakeFunction({ getBoard: () => ({ ok: false, error: { code: 'NOT_IN_COMMUNITY', message: '请先加入社区' } }) }) })
    view = render(<BoardPage />)
    await waitFor(() => expect(view!.text()).toContain('加载失败：请先加入社区'))
  })
})

describe('my reports page (我的诉求)', () => {
  test('each report with its status label, triage answer and timeline in Beijing time', async () => {
    const reports = [
      report('rp1', {
        status: 'inTopic',
        statusLabel: '已纳入议题',
        triage: { kind: 'topic', label: '纳入议题', note: '并入议题“3栋门口路灯维修”', department: null, topicId: 't1', byName: '陈网格' },
        timeline: [
          { at: '2026-11-19T16:10:00.000Z', kind: 'submitted', text: '已提交诉求' },
          { at: '2026-11-20T02:00:00.000Z', kind: 'triaged', text: '纳入议题' },
        ],
      }),
      report('rp2', { text: '楼道堆放杂物', status: 'transferred', statusLabel: '已转交部门办理', triage: { kind: 'transfer', label: '转交办理', note: '已转消防', department: '消防大队', topicId: null, byName: '陈网格' } }),
    ]
    const gw = installFakeGateway([], { reports: fakeFunction({ listMyReports: () => ({ ok: true, data: { reports } }) }) })
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never)
    view = render(<MyReports />)
    await waitFor(() => expect(view!.text()).toContain('已纳入议题'))
    const text = view.text()
    expect(text).toContain('已转交部门办理')
    expect(text).toContain('转交办理（消防大队）：已转消防')
    // 16:10 UTC on the 19th is 00:10 on the 20th in Beijing.
    expect(text).toContain('提交于 2026-11-20 00:10')
    expect(text).toContain('11月20日 00:10已提交诉求')
    expect(text).toContain('11月20日 10:00纳入议题')
    await tap(buttonByText(view.container, '查看议题'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/topic/index?id=t1' })
    expect(callsOf(gw.calls, 'reports', 'listMyReports')).toHaveLength(1)
  })

  test('no reports yet: an invitation to 随手拍', async () => {
    installFakeGateway([], { reports: fakeFunction({ listMyReports: () => ({ ok: true, data: { reports: [] } }) }) })
    view = render(<MyReports />)
    await waitFor(() => expect(view!.text()).toContain('还没有反映过问题'))
    expect(buttonByText(view.container, '去随手拍')).toBeTruthy()
  })
})
