import Taro from '@tarojs/taro'
import SearchPage from '../../src/search'
import { render, waitFor, buttonByText, tap, typeInto, type Rendered } from './render'
import { installFakeGateway, fakeFunction, callsOf } from './fake-gateway'
import { summary } from './fixtures'

/** Issue 11 search page (opened from the home page's search bar): words, stage, paging through topics.searchTopics. */
let view: Rendered | undefined
afterEach(() => {
  view?.unmount()
  view = undefined
  jest.restoreAllMocks()
})

const report = { id: 'rp1', category: 'infrastructure', statusLabel: '待处理', summary: '*栋门口路灯不亮…', submittedAt: '2026-11-20T02:00:00.000Z', topicId: 't1' }

test('opened with words, it searches them at once; 更多结果 asks for the next page and adds it below', async () => {
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { q: '路灯' } } } as never)
  const gw = installFakeGateway([], {
    topics: fakeFunction({
      searchTopics: (input: any) =>
        input.offset === 0
          ? { ok: true, data: { topics: [summary('t1', '3栋门口路灯维修', 'published')], reports: [report], more: true } }
          : { ok: true, data: { topics: [summary('t2', '河堤路灯改造', 'handling')], reports: [], more: false } },
    }),
  })
  view = render(<SearchPage />)
  await waitFor(() => expect(view!.text()).toContain('3栋门口路灯维修'))
  expect(view.text()).toContain('*栋门口路灯不亮…')
  expect(view.text()).toContain('基础设施 · 待处理 · 2026-11-20')
  await tap(buttonByText(view.container, '更多结果'))
  await waitFor(() => expect(view!.text()).toContain('河堤路灯改造'))
  expect(view.text()).toContain('3栋门口路灯维修')
  expect(view.text()).not.toContain('更多结果')
  expect(callsOf(gw.calls, 'topics', 'searchTopics').map((c) => c.input)).toEqual([
    { words: '路灯', limit: 10, offset: 0 },
    { words: '路灯', limit: 10, offset: 10 },
  ])
})

test('typed words and a stage chip search again; nothing found says so', async () => {
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: {} } } as never)
  const gw = installFakeGateway([], { topics: fakeFunction({ searchTopics: () => ({ ok: true, data: { topics: [], reports: [], more: false } }) }) })
  view = render(<SearchPage />)
  expect(callsOf(gw.calls, 'topics', 'searchTopics')).toEqual([])
  await typeInto(view.container, 'words', '充电棚')
  await tap(buttonByText(view.container, '公告中'))
  await waitFor(() => expect(view!.text()).toContain('没有找到相关的议题或诉求'))
  expect(callsOf(gw.calls, 'topics', 'searchTopics').map((c) => c.input)).toEqual([{ words: '充电棚', stage: 'noticed', limit: 10, offset: 0 }])
})
