import { startFlowCloud, expectOk, expectFail, USERS, type FlowCloud } from '../support/flow'
import { cloneUser, deliberatedTopic, heldReportBy, publishedTopic, reportBy, uniqueId } from '../support/flow-scenarios'
import { searchTopics } from '../../src/contracts/topics'

/**
 * Issue 11 search, through the real topics function against the local CloudBase with the declared indexes enforced
 * (a query no index serves is refused there, so these calls also prove the queries are servable).
 */
let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
})
afterAll(async () => {
  await cloud.dispose()
})

test('search finds a topic by a word of its title', async () => {
  const t = await publishedTopic(cloud, { title: '东门口菜市场遮雨棚改造' })
  await publishedTopic(cloud, { title: '小区停车位规划' })
  const out = expectOk(await cloud.call(USERS.resident, searchTopics, { words: '遮雨棚' }))
  expect(out.topics.map((x) => x.id)).toEqual([t.id])
  expect(out.topics[0]!.title).toBe('东门口菜市场遮雨棚改造')
})

test('words are literal text, every word must match, and category and stage narrow the search', async () => {
  const a = await publishedTopic(cloud, { title: '西区健身器材(维修)' })
  const b = await deliberatedTopic(cloud, { title: '西区健身步道照明' })
  expect(expectOk(await cloud.call(USERS.resident, searchTopics, { words: '(维修)' })).topics.map((x) => x.id)).toEqual([a.id])
  expect(expectOk(await cloud.call(USERS.resident, searchTopics, { words: '.*' })).topics).toEqual([])
  expect(expectOk(await cloud.call(USERS.resident, searchTopics, { words: '西区 照明' })).topics.map((x) => x.id)).toEqual([b.id])
  expect(expectOk(await cloud.call(USERS.resident, searchTopics, { words: '西区健身', stage: 'deliberated' })).topics.map((x) => x.id)).toEqual([b.id])
  expect(expectOk(await cloud.call(USERS.resident, searchTopics, { words: '西区健身', category: 'elderly_care' })).topics).toEqual([])
  expect(expectOk(await cloud.call(USERS.resident, searchTopics, { words: '西区健身', category: 'property' })).topics.map((x) => x.id).sort()).toEqual([a.id, b.id].sort())
})

test('pages: limit and offset walk the results newest first, and `more` says when another page has some', async () => {
  const ids: string[] = []
  for (let i = 0; i < 3; i++) ids.push((await publishedTopic(cloud, { title: `翻页议题第${i}个` })).id)
  const first = expectOk(await cloud.call(USERS.resident, searchTopics, { words: '翻页议题', limit: 2 }))
  expect(first.topics.map((x) => x.id)).toEqual([ids[2], ids[1]])
  expect(first.more).toBe(true)
  const second = expectOk(await cloud.call(USERS.resident, searchTopics, { words: '翻页议题', limit: 2, offset: 2 }))
  expect(second.topics.map((x) => x.id)).toEqual([ids[0]])
  expect(second.more).toBe(false)
})

test('reports are found by a word of their text, shown masked; held reports and private fields never appear', async () => {
  const neighbour = cloneUser(cloud, USERS.resident2, uniqueId('searcher'))
  const open = await reportBy(cloud, neighbour, '2栋电梯异响，电话13812345678')
  const held = await heldReportBy(cloud)
  expect(held.status).toBe('heldForReview')
  const out = expectOk(await cloud.call(USERS.resident, searchTopics, { words: '电梯异响' }))
  expect(out.reports.map((r) => r.id)).toEqual([open.id])
  expect(out.reports[0]).toEqual({ id: open.id, category: open.category, statusLabel: open.statusLabel, summary: '*栋电梯异响，电…', submittedAt: open.submittedAt, topicId: null })
  expect(JSON.stringify(out)).not.toContain(neighbour)
  // A held report's words find nothing (heldReportBy's text carries 加微信).
  expect(expectOk(await cloud.call(USERS.resident, searchTopics, { words: '加微信' })).reports).toEqual([])
  // A search must not confirm a number the mask hides.
  expect(expectOk(await cloud.call(USERS.resident, searchTopics, { words: '13812345678' })).reports).toEqual([])
})

test('another community does not see these topics; a caller without a community is refused', async () => {
  await publishedTopic(cloud, { title: '独一无二的屏山议题' })
  expect(expectOk(await cloud.call(USERS.otherResident, searchTopics, { words: '独一无二' })).topics).toEqual([])
  expectFail(await cloud.call(USERS.township, searchTopics, { words: '独一无二' }), 'OUT_OF_SCOPE')
  expectFail(await cloud.call('search-nobody', searchTopics, { words: '独一无二' }), 'UNAUTHENTICATED')
})
