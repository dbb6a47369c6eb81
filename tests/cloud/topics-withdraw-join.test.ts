import { startFlowCloud, expectOk, expectFail, USERS, type FlowCloud } from '../support/flow'
import { publishedTopic } from '../support/flow-scenarios'
import { getTopic, joinTopic, withdrawJoin } from '../../src/contracts/topics'

/**
 * 取消报名 (issue 11) through the real functions: a join is withdrawn before the meeting, the joined count follows
 * (a repeat withdraws nothing), the resident keeps following, and from the meeting's start it is refused.
 */
let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
}, 30000)
afterAll(async () => {
  await cloud?.dispose()
})

test('a join withdrawn before the meeting lowers the joined count once and keeps the follow', async () => {
  const t = await publishedTopic(cloud)
  expectOk(await cloud.call(USERS.resident, joinTopic, { topicId: t.id }))
  expectOk(await cloud.call(USERS.representative, joinTopic, { topicId: t.id }))
  expect(expectOk(await cloud.call(USERS.staff, getTopic, { topicId: t.id })).topic.counts.joined).toBe(2)
  // The page's 取消报名 follows the view: offered to a joiner, not to a resident who did not join.
  expect(expectOk(await cloud.call(USERS.resident, getTopic, { topicId: t.id })).topic.allowedActions).toContain('withdrawJoin')
  expect(expectOk(await cloud.call(USERS.resident2, getTopic, { topicId: t.id })).topic.allowedActions).not.toContain('withdrawJoin')

  const after = expectOk(await cloud.call(USERS.resident, withdrawJoin, { topicId: t.id })).topic
  expect(after.counts.joined).toBe(1)
  expect(after.counts.followed).toBe(2)
  expect(after.me).toMatchObject({ joined: false, followed: true })

  // Withdrawing again: nothing to withdraw, and the count stays.
  expectFail(await cloud.call(USERS.resident, withdrawJoin, { topicId: t.id }), 'ALREADY_DONE')
  // Two taps at once: one withdraws, the other finds nothing left; the count drops by one.
  const both = await Promise.all([cloud.call(USERS.representative, withdrawJoin, { topicId: t.id }), cloud.call(USERS.representative, withdrawJoin, { topicId: t.id })])
  expect(both.filter((o) => o.ok)).toHaveLength(1)
  expect(expectOk(await cloud.call(USERS.staff, getTopic, { topicId: t.id })).topic.counts.joined).toBe(0)

  // Joining again counts again.
  expect(expectOk(await cloud.call(USERS.resident, joinTopic, { topicId: t.id })).topic.counts.joined).toBe(1)
})

test('from the meeting time on, a withdrawal is refused with WRONG_STAGE and the join stays counted', async () => {
  const t = await publishedTopic(cloud)
  expectOk(await cloud.call(USERS.resident2, joinTopic, { topicId: t.id }))
  cloud.advance(new Date(t.meetingAt).getTime() - cloud.now().getTime())
  expectFail(await cloud.call(USERS.resident2, withdrawJoin, { topicId: t.id }), 'WRONG_STAGE')
  expect(expectOk(await cloud.call(USERS.staff, getTopic, { topicId: t.id })).topic.counts.joined).toBe(1)
})

test('我关注的 lists the topics the caller follows or joined, newest first, marking the joins; only their own', async () => {
  const { followTopic, listFollowedTopics } = await import('../../src/contracts/topics')
  const a = await publishedTopic(cloud, { title: '楼道灯更换' })
  cloud.advance(60_000)
  const b = await publishedTopic(cloud, { title: '健身器材维护' })
  const c = await publishedTopic(cloud, { title: '无人关注的议题' })
  const who = 'followed-list-resident'
  const { cloneUser } = await import('../support/flow-scenarios')
  cloneUser(cloud, USERS.resident, who)
  expectOk(await cloud.call(who, followTopic, { topicId: a.id, follow: true }))
  expectOk(await cloud.call(who, joinTopic, { topicId: b.id }))
  let list = expectOk(await cloud.call(who, listFollowedTopics, {})).topics
  expect(list.map((x) => [x.topic.title, x.joined, x.followed])).toEqual([
    ['健身器材维护', true, true],
    ['楼道灯更换', false, true],
  ])
  expect(list.map((x) => x.topic.id)).not.toContain(c.id)
  // Unfollowing removes it; a withdrawn join still follows.
  expectOk(await cloud.call(who, followTopic, { topicId: a.id, follow: false }))
  expectOk(await cloud.call(who, withdrawJoin, { topicId: b.id }))
  list = expectOk(await cloud.call(who, listFollowedTopics, {})).topics
  expect(list.map((x) => [x.topic.title, x.joined, x.followed])).toEqual([['健身器材维护', false, true]])
  // Another resident's list does not include these.
  expect(expectOk(await cloud.call(USERS.otherResident, listFollowedTopics, {})).topics).toEqual([])
})
