import { startFlowCloud, expectOk, expectFail, USERS, type FlowCloud } from '../support/flow'
import { noticedTopic, publishedTopic } from '../support/flow-scenarios'
import { clearObjection, fileObjection, getTopic, postOpinion } from '../../src/contracts/topics'

/**
 * Issue 9 §4, through the real functions on the local CloudBase: an objection the content check marks "review" is
 * seen only by its author and staff until staff clear it (topics.clearObjection); authors read their own objection and
 * opinion as written, others read them redacted.
 */
let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
})
afterAll(async () => {
  await cloud.dispose()
})

const PHONE = '13812345678'

describe('an objection held by the content check', () => {
  test('is hidden from other residents until staff clear it; a refused clear changes nothing', async () => {
    const topic = await noticedTopic(cloud)
    // The local msgSecCheck answers "review" for texts containing 加微信.
    const text = `有人在群里让大家加微信交钱，我反对，电话${PHONE}`
    const mine = expectOk(await cloud.call(USERS.resident2, fileObjection, { topicId: topic.id, text })).topic
    const held = mine.objections.find((o) => o.text === text)
    expect(held).toBeDefined()
    expect(held!.heldForReview).toBe(true)

    const others = expectOk(await cloud.call(USERS.resident, getTopic, { topicId: topic.id })).topic
    expect(others.objections.map((o) => o.id)).not.toContain(held!.id)
    expect(JSON.stringify(others)).not.toContain('加微信')

    const staffView = expectOk(await cloud.call(USERS.staff, getTopic, { topicId: topic.id })).topic
    const seenByStaff = staffView.objections.find((o) => o.id === held!.id)!
    expect(seenByStaff.heldForReview).toBe(true)
    expect(seenByStaff.allowedActions).toContain('clearObjection')

    const before = cloud.store.find('objections', { _id: held!.id })
    expect(before).toHaveLength(1)
    expectFail(await cloud.call(USERS.resident, clearObjection, { objectionId: held!.id }), 'FORBIDDEN')
    expectFail(await cloud.call(USERS.otherStaff, clearObjection, { objectionId: held!.id }), 'OUT_OF_SCOPE')
    expectFail(await cloud.call(USERS.staff, clearObjection, { objectionId: 'ob_missing' }), 'NOT_FOUND')
    expect(cloud.store.find('objections', { _id: held!.id })).toEqual(before)

    const cleared = expectOk(await cloud.call(USERS.staff, clearObjection, { objectionId: held!.id })).topic
    expect(cleared.objections.find((o) => o.id === held!.id)!.heldForReview).toBe(false)
    expect(cleared.timeline.map((e) => e.type)).toContain('objectionCleared')
    const afterClear = cloud.store.find('objections', { _id: held!.id })
    expectFail(await cloud.call(USERS.staff, clearObjection, { objectionId: held!.id }), 'WRONG_STAGE')
    expect(cloud.store.find('objections', { _id: held!.id })).toEqual(afterClear)

    const nowPublic = expectOk(await cloud.call(USERS.resident, getTopic, { topicId: topic.id })).topic.objections.find((o) => o.id === held!.id)
    expect(nowPublic).toBeDefined()
    expect(nowPublic!.text).not.toContain(PHONE)
  })

  test('an objection that passes is public at once, and clearing it is refused with WRONG_STAGE', async () => {
    const topic = await noticedTopic(cloud)
    const filed = expectOk(await cloud.call(USERS.resident2, fileObjection, { topicId: topic.id, text: '费用分摊方式不合理' })).topic.objections[0]!
    expect(filed.heldForReview).toBe(false)
    expect(expectOk(await cloud.call(USERS.resident, getTopic, { topicId: topic.id })).topic.objections.map((o) => o.id)).toContain(filed.id)
    expectFail(await cloud.call(USERS.staff, clearObjection, { objectionId: filed.id }), 'WRONG_STAGE')
  })
})

describe('authors read their own text as written', () => {
  test('the author of an objection sees it unredacted; another resident sees it redacted', async () => {
    const topic = await noticedTopic(cloud)
    const text = `请联系我${PHONE}，我住2栋1单元302室`
    const mine = expectOk(await cloud.call(USERS.resident2, fileObjection, { topicId: topic.id, text })).topic
    const own = mine.objections.find((o) => o.text === text)
    expect(own).toBeDefined()
    const other = expectOk(await cloud.call(USERS.resident, getTopic, { topicId: topic.id })).topic.objections.find((o) => o.id === own!.id)!
    expect(other.text).not.toContain(PHONE)
    expect(other.text).not.toContain('302')
  })

  test('the author of an opinion sees it unredacted; another resident sees it redacted', async () => {
    const topic = await publishedTopic(cloud)
    const text = `我同意，联系电话${PHONE}`
    const mine = expectOk(await cloud.call(USERS.resident2, postOpinion, { topicId: topic.id, text })).topic
    expect(mine.opinions.map((o) => o.text)).toContain(text)
    const other = expectOk(await cloud.call(USERS.resident, getTopic, { topicId: topic.id })).topic
    expect(other.opinions).toHaveLength(1)
    expect(other.opinions[0]!.text).not.toContain(PHONE)
  })
})
