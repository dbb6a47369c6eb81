import Taro from '@tarojs/taro'
import MyReports from '../../src/pages/my-reports'
import { render, waitFor, buttonByLabel, buttonByText, buttonTexts, tap, type Rendered } from './render'
import { installFakeGateway, fakeFunction, callsOf } from './fake-gateway'
import { report, resolution } from './fixtures'
import type { ResolutionView } from '../../src/contracts/topics'

/** 我的诉求 with a 三单 item (issue 12): the item's disclosures and result, 已解决 / 未解决 and the rating. */

let view: Rendered | undefined
beforeEach(() => Taro.clearStorageSync())
afterEach(() => {
  view?.unmount()
  view = undefined
  jest.restoreAllMocks()
})

const handled = report('rp1', {
  status: 'handling',
  statusLabel: '社区受理自办',
  triage: { kind: 'handle', label: '受理自办', note: '网格员负责更换', department: null, topicId: null, byName: '刘敏' },
  resolutionId: 'rp1_item',
})
const item = (extra: Partial<ResolutionView> = {}) =>
  resolution('rp1_item', {
    topicId: null,
    source: 'handle',
    sourceLabel: '受理自办',
    reportId: 'rp1',
    assigneeName: '陈志强',
    status: 'done',
    statusLabel: '已办结',
    disclosureDueAt: null,
    resultPublishedAt: '2026-12-05T02:00:00.000Z',
    disclosures: [
      { at: '2026-11-25T02:00:00.000Z', dueAt: '2026-11-28T15:59:59.999Z', onTime: true, text: '已报修，灯具在路上', photos: [], pendingPhotos: [], final: false },
      { at: '2026-12-05T02:00:00.000Z', dueAt: '2026-12-05T15:59:59.999Z', onTime: true, text: '已更换灯泡，恢复照明', photos: [], pendingPhotos: [], final: true },
    ],
    allowedActions: ['rateResult', 'confirmResult'],
    ...extra,
  })

function gateway(answers: { getItem: () => ResolutionView; confirmResult?: (input: { solved: boolean }) => ResolutionView; rateResult?: () => ResolutionView }) {
  return installFakeGateway([], {
    reports: fakeFunction({ listMyReports: () => ({ ok: true, data: { reports: [handled] } }) }),
    resolutions: fakeFunction({
      getItem: () => ({ ok: true, data: { resolution: answers.getItem() } }),
      confirmResult: (input: { solved: boolean }) => ({ ok: true, data: { resolution: answers.confirmResult!(input) } }),
      rateResult: () => ({ ok: true, data: { resolution: answers.rateResult!() } }),
    }),
  })
}

describe('我的诉求: a 受理自办 item', () => {
  test('shows the assignee, each disclosure with its timeliness, the result, and 已解决 / 未解决 with the rating form', async () => {
    gateway({ getItem: () => item() })
    view = render(<MyReports />)
    await waitFor(() => expect(view!.text()).toContain('办理结果'))
    const text = view.text()
    expect(text).toContain('受理自办')
    expect(text).toContain('承办：陈志强')
    expect(text).toContain('已报修，灯具在路上')
    expect(text).toContain('按时')
    expect(text).toContain('已更换灯泡，恢复照明')
    expect(buttonTexts(view.container)).toEqual(expect.arrayContaining(['已解决', '未解决', '提交评价']))
  })

  test('未解决 sends confirmResult with solved false and shows the item reopened, without the buttons', async () => {
    const gw = gateway({
      getItem: () => item(),
      confirmResult: () => item({ status: 'handling', statusLabel: '办理中', resultPublishedAt: null, confirmation: { solved: false, at: '2026-12-06T02:00:00.000Z' }, allowedActions: [] }),
    })
    view = render(<MyReports />)
    await tap(await waitFor(() => buttonByText(view!.container, '未解决')))
    await waitFor(() => expect(view!.text()).toContain('诉求人反馈未解决，已重新办理'))
    expect(callsOf(gw.calls, 'resolutions', 'confirmResult')).toEqual([{ action: 'confirmResult', input: { resolutionId: 'rp1_item', solved: false } }])
    expect(buttonTexts(view.container)).not.toContain('已解决')
    expect(buttonTexts(view.container)).not.toContain('未解决')
  })

  test('已解决 sends confirmResult with solved true', async () => {
    const gw = gateway({ getItem: () => item(), confirmResult: () => item({ confirmation: { solved: true, at: '2026-12-06T02:00:00.000Z' }, allowedActions: ['rateResult'] }) })
    view = render(<MyReports />)
    await tap(await waitFor(() => buttonByText(view!.container, '已解决')))
    await waitFor(() => expect(view!.text()).toContain('诉求人已确认解决'))
    expect(callsOf(gw.calls, 'resolutions', 'confirmResult')).toEqual([{ action: 'confirmResult', input: { resolutionId: 'rp1_item', solved: true } }])
  })

  test('a rating is sent with its stars and comment for the item', async () => {
    const gw = gateway({ getItem: () => item(), rateResult: () => item({ myRating: 4, ratingCount: 1, averageRating: 4 }) })
    view = render(<MyReports />)
    await tap(await waitFor(() => buttonByLabel(view!.container, '4 星')))
    await tap(buttonByText(view.container, '提交评价'))
    await waitFor(() => expect(callsOf(gw.calls, 'resolutions', 'rateResult')).toHaveLength(1))
    expect(callsOf(gw.calls, 'resolutions', 'rateResult')[0]!.input).toEqual({ resolutionId: 'rp1_item', stars: 4, comment: '' })
  })

  test('while the item is being handled, neither confirmation nor rating is offered', async () => {
    gateway({ getItem: () => item({ status: 'handling', statusLabel: '办理中', resultPublishedAt: null, disclosureDueAt: '2026-12-20T15:59:59.999Z', disclosures: [], allowedActions: [] }) })
    view = render(<MyReports />)
    await waitFor(() => expect(view!.text()).toContain('下次公示办理情况'))
    expect(buttonTexts(view.container)).not.toContain('已解决')
    expect(buttonTexts(view.container)).not.toContain('提交评价')
  })
})

describe('我的诉求: a duplicate and 我也遇到', () => {
  test('a duplicate says it follows the other report, and a report shows how many neighbours also met the problem', async () => {
    const dup = report('rp2', { ...handled, id: 'rp2', duplicateOf: 'rp1', meTooCount: 0, resolutionId: null })
    const withNeighbours = report('rp3', { meTooCount: 3 })
    installFakeGateway([], { reports: fakeFunction({ listMyReports: () => ({ ok: true, data: { reports: [dup, withNeighbours] } }) }) })
    view = render(<MyReports />)
    await waitFor(() => expect(view!.text()).toContain('已与同一问题的另一条诉求合并处理'))
    expect(view.text()).toContain('社区受理自办')
    expect(view.text()).toContain('3 位邻居也遇到了这个问题')
  })
})
