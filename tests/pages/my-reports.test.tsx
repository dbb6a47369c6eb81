import Taro from '@tarojs/taro'
import MyReports from '../../src/pages/my-reports'
import { render, waitFor, type Rendered } from './render'
import { installFakeGateway, fakeFunction, callsOf } from './fake-gateway'

/** 我的诉求 (issue 11): each report with its matter's live status; opened at one report by a message's page. */
const base = {
  text: '6栋前的路面塌陷',
  category: 'infrastructure',
  photos: [],
  pendingPhotos: 0,
  location: null,
  submittedAt: '2026-11-20T02:00:00.000Z',
  reporterName: '王秀英',
  gridId: 'g1',
  allowedActions: [],
}
const inTopic = {
  ...base,
  id: 'r1',
  status: 'inTopic',
  statusLabel: '已纳入议题',
  triage: { kind: 'topic', label: '纳入议题', note: '', department: null, topicId: 't1', byName: '刘书记' },
  timeline: [
    { at: '2026-11-20T02:00:00.000Z', kind: 'submitted', text: '已提交诉求' },
    { at: '2026-11-21T02:00:00.000Z', kind: 'topic.noticePublished', text: '发布拟办意见公告，异议期至 2026-11-28' },
  ],
  matter: {
    kind: 'topic',
    topic: {
      id: 't1',
      title: '6栋路面修复',
      stage: 'handling',
      stageLabel: '办理中',
      meetingAt: '2026-11-25T11:00:00.000Z',
      meetingPlace: '社区议事厅',
      heldAt: '2026-11-25T12:00:00.000Z',
      noticeClosesAt: '2026-11-28T15:59:59.999Z',
      resultPublishedAt: null,
      items: [{ title: '修复路面', statusLabel: '已办结', resultPublishedAt: '2026-12-01T02:00:00.000Z', averageRating: 4, ratingCount: 2, callback: { month: '2026-12', outcome: 'fixed', note: '住户确认已修复', at: '2026-12-02T02:00:00.000Z' }, callbacks: [{ month: '2026-12', outcome: 'fixed', note: '住户确认已修复', at: '2026-12-02T02:00:00.000Z' }] }],
    },
    department: null,
    handling: null,
  },
}
const transferred = {
  ...base,
  id: 'r2',
  text: '红绿灯坏了',
  status: 'transferred',
  statusLabel: '已转交',
  triage: { kind: 'transfer', label: '转交办理', note: '已转交交警', department: '交警大队', topicId: null, byName: '刘书记' },
  timeline: [{ at: '2026-11-20T02:00:00.000Z', kind: 'submitted', text: '已提交诉求' }],
  matter: { kind: 'transfer', topic: null, department: '交警大队', handling: null },
}

let views: Rendered[] = []
afterEach(() => {
  for (const v of views) v.unmount()
  views = []
  jest.restoreAllMocks()
})

test("shows each report's live status: the topic's step, meeting, notice deadline, result, rating, callback; a transfer's department", async () => {
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: {} } } as never)
  installFakeGateway([], { reports: fakeFunction({ listMyReports: () => ({ ok: true, data: { reports: [inTopic, transferred] } }) }) })
  const page = render(<MyReports />)
  views.push(page)
  await waitFor(() => expect(page.text()).toContain('议题：6栋路面修复'))
  const text = page.text()
  expect(text).toContain('办理中')
  expect(text).toContain('社区议事厅（已召开）')
  expect(text).toContain('异议截止 2026-11-28')
  expect(text).toContain('修复路面：已办结（结果公示于 2026-12-01）')
  expect(text).toContain('（2 人）')
  expect(text).toContain('回访：已解决 · 住户确认已修复')
  expect(text).toContain('发布拟办意见公告，异议期至 2026-11-28')
  expect(text).toContain('转交办理：交警大队')
})

test('opened with ?id= (a message) it shows that report, read by getReport', async () => {
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'r2' } } } as never)
  const { calls } = installFakeGateway([], { reports: fakeFunction({ getReport: () => ({ ok: true, data: { report: transferred } }) }) })
  const page = render(<MyReports />)
  views.push(page)
  await waitFor(() => expect(page.text()).toContain('红绿灯坏了'))
  expect(page.text()).not.toContain('6栋前的路面塌陷')
  expect(page.text()).toContain('查看全部诉求')
  expect(callsOf(calls, 'reports', 'getReport').map((c) => c.input)).toEqual([{ reportId: 'r2' }])
})
