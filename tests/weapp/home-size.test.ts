import { loadWeappPage, type WeappPage } from '../support/weapp-simulate'
import { feed, summary } from '../pages/fixtures'
import type { TopicStage } from '../../src/domain/stages'

/**
 * The WXML node budget of the home page. WeChat warns above 1,000 nodes per page, and a community with 10,000 topics
 * must not get there. getHomeFeed is bounded on the server (board/lib.ts: PER_STAGE = 10 newest per stage,
 * RECENT_RESULTS = 5, HOME_BOARD_LINES = 10 assignee and overdue lines), so with 10,000 topics its answer is the
 * fullest one it can give: that answer is built here at those bounds, and the built page (dist/weapp) renders it.
 */
const PER_STAGE = 10
const RECENT_RESULTS = 5
const HOME_BOARD_LINES = 10
const NODE_BUDGET = 1000

function fullestFeed() {
  const f = feed()
  // Results are titled apart from the open topics, so a test can tell which group shows a topic.
  const many = (stage: TopicStage, n: number) =>
    Array.from({ length: n }, (_x, i) => summary(`t-${stage}-${i}`, stage === 'resultPublished' ? `已办结事项${i + 1}` : `第${i + 1}号议题：小区公共设施改造`, stage))
  f.byStage = { published: many('published', PER_STAGE), deliberated: many('deliberated', PER_STAGE), noticed: many('noticed', PER_STAGE), handling: many('handling', PER_STAGE) }
  f.recentResults = many('resultPublished', RECENT_RESULTS)
  const line = f.board.assignees[0]!
  f.board.assignees = Array.from({ length: HOME_BOARD_LINES }, (_x, i) => ({ ...line, id: `a-${i}`, name: `承办人${i + 1}` }))
  const overdue = f.board.overdue[0]!
  f.board.overdue = Array.from({ length: HOME_BOARD_LINES }, (_x, i) => ({ ...overdue, resolutionId: `r-${i}`, title: `逾期事项${i + 1}` }))
  return f
}

const resident = { openid: 'o-wang', source: 'wx_client', user: { displayName: '王秀兰', role: 'resident', communityId: 'c1', communityName: '屏山社区', gridId: 'g1', buildingId: 'b1', townshipId: 'tw1' } }
let view: WeappPage

beforeAll(async () => {
  view = await loadWeappPage('pages/home/index', {
    callFunction: (call) => {
      const action = (call.data as { action: string }).action
      if (action === 'whoAmI') return { ok: true, data: resident }
      if (action === 'getHomeFeed') return { ok: true, data: fullestFeed() }
      throw new Error(`unexpected action ${action}`)
    },
  })
})
afterAll(() => view?.dispose())

test('with the fullest getHomeFeed answer (what 10,000 topics give) the home page renders fewer than 1,000 WXML nodes', async () => {
  await view.waitFor(() => expect(view.text()).toContain('第1号议题'))
  const nodes = view.root.querySelectorAll('*').length
  process.stderr.write(`home page WXML nodes with the fullest feed: ${nodes}\n`)
  expect(nodes).toBeLessThan(NODE_BUDGET)
})

test('更多 opens one stage to all its topics, and the page is still under 1,000 WXML nodes', async () => {
  expect(view.text()).not.toContain('第4号议题')
  await view.tapButton('更多（7）')
  await view.waitFor(() => expect(view.text()).toContain('第10号议题'))
  expect(view.text()).toContain('收起')
  expect(view.root.querySelectorAll('*').length).toBeLessThan(NODE_BUDGET)
})
