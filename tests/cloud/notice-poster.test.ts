import { startFlowCloud, expectOk, expectFail, USERS, type FlowCloud } from '../support/flow'
import { startTestCloud, actAs, type TestCloud } from '../support/local-cloud'
import { noticedTopic, publishedTopic } from '../support/flow-scenarios'
import { getTopic, makeNoticePoster } from '../../src/contracts/topics'
import { readCodeTarget } from '../../local-cloudbase/wxacode'

/**
 * Issue 11 notice poster. The local CloudBase emulates wxacode.getUnlimited (a PNG whose tEXt chunks say which page
 * and scene it leads to) with WeChat's refusals; the topics function's makeNoticePoster uses it through the real SDK.
 */
describe('wxacode.getUnlimited through the real SDK', () => {
  let cloud: TestCloud
  let sdk: any
  beforeAll(async () => {
    cloud = await startTestCloud()
    sdk = cloud.sdk()
    actAs('o-poster')
  })
  afterAll(() => cloud.dispose())

  test('answers a PNG leading to the page with the scene', async () => {
    const res = await sdk.openapi.wxacode.getUnlimited({ scene: 'tp_0123456789abcdef', page: 'pages/topic/index', checkPath: true, width: 430 })
    expect(res.contentType).toBe('image/png')
    expect(Buffer.isBuffer(res.buffer)).toBe(true)
    expect(res.buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(readCodeTarget(res.buffer)).toMatchObject({ page: 'pages/topic/index', scene: 'tp_0123456789abcdef' })
    expect(readCodeTarget(res.buffer)!.width).toBeGreaterThanOrEqual(280)
  })

  test('a subpackage page is a page of the app too', async () => {
    const res = await sdk.openapi.wxacode.getUnlimited({ scene: 'x', page: 'staff/topic/index' })
    expect(readCodeTarget(res.buffer)).toMatchObject({ page: 'staff/topic/index', scene: 'x' })
  })

  test('refuses, like WeChat, a page the app does not have, a leading slash, a scene over 32 characters or with other characters', async () => {
    await expect(sdk.openapi.wxacode.getUnlimited({ scene: 'a', page: 'pages/nowhere/index' })).rejects.toMatchObject({ errCode: 41030 })
    await expect(sdk.openapi.wxacode.getUnlimited({ scene: 'a', page: '/pages/topic/index' })).rejects.toMatchObject({ errCode: 41030 })
    await expect(sdk.openapi.wxacode.getUnlimited({ scene: 'a'.repeat(33), page: 'pages/topic/index' })).rejects.toMatchObject({ errCode: 40169 })
    await expect(sdk.openapi.wxacode.getUnlimited({ scene: '议题', page: 'pages/topic/index' })).rejects.toMatchObject({ errCode: 40169 })
    // Exactly 32 is accepted.
    expect((await sdk.openapi.wxacode.getUnlimited({ scene: 'a'.repeat(32), page: 'pages/topic/index' })).contentType).toBe('image/png')
  })
})

describe('topics.makeNoticePoster', () => {
  let cloud: FlowCloud
  beforeAll(async () => {
    cloud = await startFlowCloud()
  })
  afterAll(() => cloud.dispose())

  test('staff get the notice text, the objection deadline and a code that opens this topic', async () => {
    const t = await noticedTopic(cloud)
    const { poster } = expectOk(await cloud.call(USERS.staff, makeNoticePoster, { topicId: t.id }))
    expect(poster).toMatchObject({ topicId: t.id, title: t.title, noticeText: t.notice!.text, noticeRevision: t.notice!.revision, closesAt: t.notice!.closesAt, page: 'pages/topic/index', scene: t.id })
    expect(poster.closesLabel).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    expect(poster.codeFileId).toContain(`posters/${t.id}-r1.png`)
    const image = await fetch(encodeURI(poster.codeUrl))
    expect(image.status).toBe(200)
    expect(readCodeTarget(Buffer.from(await image.arrayBuffer()))).toMatchObject({ page: 'pages/topic/index', scene: t.id })
  })

  test('the topic view lists makeNoticePoster for community staff while the notice is up, so their page offers it', async () => {
    const t = await noticedTopic(cloud)
    expect(expectOk(await cloud.call(USERS.staff, getTopic, { topicId: t.id })).topic.allowedActions).toContain('makeNoticePoster')
    expect(expectOk(await cloud.call(USERS.resident, getTopic, { topicId: t.id })).topic.allowedActions).not.toContain('makeNoticePoster')
    const p = await publishedTopic(cloud)
    expect(expectOk(await cloud.call(USERS.staff, getTopic, { topicId: p.id })).topic.allowedActions).not.toContain('makeNoticePoster')
  })

  test('only community staff, only while the notice is up, only for a topic that exists', async () => {
    const t = await noticedTopic(cloud)
    expectFail(await cloud.call(USERS.resident, makeNoticePoster, { topicId: t.id }), 'FORBIDDEN')
    expectFail(await cloud.call(USERS.otherStaff, makeNoticePoster, { topicId: t.id }), 'OUT_OF_SCOPE')
    expectFail(await cloud.call(USERS.staff, makeNoticePoster, { topicId: (await publishedTopic(cloud)).id }), 'WRONG_STAGE')
    expectFail(await cloud.call(USERS.staff, makeNoticePoster, { topicId: 'tp_missing' }), 'NOT_FOUND')
  })
})
