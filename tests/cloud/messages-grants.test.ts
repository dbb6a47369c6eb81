import { startFlowCloud, expectOk, USERS, DAY, type FlowCloud } from '../support/flow'
import { accept, deliveredTo, refusedTo } from '../support/subscriptions'
import { submitReport, triageReport } from '../../src/contracts/reports'
import { listNotifications, markNotificationsRead, recordSubscriptions } from '../../src/contracts/account'
import { publishTopic, recordMeeting, publishNotice, getTopic } from '../../src/contracts/topics'
import { getBoard } from '../../src/contracts/board'
import type { Outcome } from '../../src/contracts/action'

/**
 * Subscription messages through the real functions and the real SDK, against a local CloudBase that keeps grants
 * like WeChat: nobody starts subscribed here. A message is delivered only where a grant exists, one grant per send;
 * every event is in the person's notification centre either way, and each message opens its item.
 */
let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud({ subscribed: false })
})
afterAll(async () => {
  await cloud.dispose()
})

let seq = 0
async function reportAndTriage(openid: string, text: string): Promise<string> {
  const id = expectOk(await cloud.call(openid, submitReport, { clientRequestId: `msg-report-${String(++seq).padStart(4, '0')}`, text, category: 'infrastructure', photos: [], location: null })).report.id
  expectOk(await cloud.call(USERS.staff, triageReport, { reportId: id, kind: 'reply', note: '已联系物业处理' }))
  return id
}

test('a reporter who accepted at 随手拍 gets exactly one message, at triage, opening the report; the grant is spent', async () => {
  expect((await accept(cloud, USERS.resident, ['statusChanged'])).grants.statusChanged).toBe(1)
  const first = await reportAndTriage(USERS.resident, '3栋门口路灯不亮，晚上很黑')
  const got = deliveredTo(cloud, USERS.resident)
  expect(got).toHaveLength(1)
  expect(got[0]!.templateId).toBe('local-tpl-status-changed')
  expect(got[0]!.page).toBe(`pages/my-reports/index?id=${first}`)
  expect(expectOk(await cloud.call(USERS.resident, listNotifications, {})).grants.statusChanged).toBe(0)

  // A second event without a new grant: recorded for the reporter, not sent.
  const second = await reportAndTriage(USERS.resident, '3栋楼道堆放杂物')
  expect(deliveredTo(cloud, USERS.resident)).toHaveLength(1)
  const mine = expectOk(await cloud.call(USERS.resident, listNotifications, {}))
  expect(mine.items.map((n) => [n.page, n.message])).toEqual([
    [`pages/my-reports/index?id=${second}`, 'noGrant'],
    [`pages/my-reports/index?id=${first}`, 'sent'],
  ])
})

test('a reporter who declined gets no message and finds the triage in the notification centre, unread until opened', async () => {
  const id = await reportAndTriage(USERS.resident2, '5栋垃圾桶满了没人清')
  expect(deliveredTo(cloud, USERS.resident2)).toEqual([])
  expect(refusedTo(cloud, USERS.resident2)).toEqual([])
  const mine = expectOk(await cloud.call(USERS.resident2, listNotifications, {}))
  expect(mine.unread).toBe(1)
  expect(mine.items).toHaveLength(1)
  expect(mine.items[0]).toMatchObject({ page: `pages/my-reports/index?id=${id}`, message: 'noGrant', read: false, template: 'statusChanged' })
  expect(expectOk(await cloud.call(USERS.resident2, markNotificationsRead, { ids: [mine.items[0]!.id] })).unread).toBe(0)
  // Another person's ids change nothing of theirs (the resident still has both of theirs unread).
  expect(expectOk(await cloud.call(USERS.resident, markNotificationsRead, { ids: [mine.items[0]!.id] })).unread).toBe(2)
})

test('a grant the server was told of but WeChat does not hold is refused with 43101: kept apart from the outbox and recorded', async () => {
  // The client claims an acceptance WeChat never saw.
  expectOk(await cloud.call(USERS.representative, recordSubscriptions, { accepted: ['statusChanged'] }))
  await reportAndTriage(USERS.representative, '小区东门台阶破损')
  expect(deliveredTo(cloud, USERS.representative)).toEqual([])
  expect(refusedTo(cloud, USERS.representative)).toHaveLength(1)
  expect(refusedTo(cloud, USERS.representative)[0]!.errcode).toBe(43101)
  const mine = expectOk(await cloud.call(USERS.representative, listNotifications, {}))
  expect(mine.items[0]!.message).toBe('refused')
  const viaHttp = (await (await fetch(`${cloud.origin}/_local/outbox`)).json()) as { messages: { touser: string }[]; refused: { touser: string }[] }
  expect(viaHttp.refused.filter((m) => m.touser === USERS.representative)).toHaveLength(1)
  expect(viaHttp.messages.filter((m) => m.touser === USERS.representative)).toHaveLength(0)
})

test('the H5 stand-in grants through /_local/subscriptions, and the server counts what the client reports', async () => {
  const res = await fetch(`${cloud.origin}/_local/subscriptions`, { method: 'POST', body: JSON.stringify({ openid: 'o-h5', templateIds: ['local-tpl-deadline'] }) })
  expect(((await res.json()) as { grants: Record<string, number> }).grants).toEqual({ 'local-tpl-deadline': 1 })
  const bad = await fetch(`${cloud.origin}/_local/subscriptions`, { method: 'POST', body: JSON.stringify({ openid: 'o-h5' }) })
  expect(bad.status).toBe(400)
})

test('a supervisor who never subscribed gets no escalation message; the board and their notification centre still show it, opening the topic', async () => {
  await accept(cloud, USERS.staff, ['deadline'])
  const topic = expectOk(
    await cloud.call(USERS.staff, publishTopic, { title: '议题：楼顶漏水', description: '居民反映顶楼漏水，提请议事。', category: 'infrastructure', meetingPlace: '社区议事厅', clientRequestId: 'msg-topic-0001' }),
  ).topic
  const dueDate = new Date(cloud.now().getTime() + 60 * DAY + 8 * 3600_000).toISOString().slice(0, 10)
  expectOk(
    await cloud.call(USERS.staff, recordMeeting, {
      topicId: topic.id,
      attendance: { households: 20, invitedHouseholds: 30 },
      minutes: '面对面议事，逐项表决。',
      resolutions: [{ title: '修补楼顶防水', vote: { for: 18, against: 1, abstain: 1 }, assigneeName: '刘书记', assigneeOpenid: USERS.staff, dueDate }],
    }),
  )
  expectOk(await cloud.call(USERS.staff, publishNotice, { topicId: topic.id, text: '拟办意见公告：按议定事项办理。' }))
  // Past the first progress disclosure (notice + 5 days + 7 days): the sweep escalates.
  cloud.advance(14 * DAY)
  const run = await cloud.functions.fireTimer('sweep')
  if (!run.ok) throw new Error(`timer run failed at the platform: ${run.errCode} ${run.errMsg}`)
  expect(expectOk(run.result as Outcome<{ escalated: number }>).escalated).toBe(1)

  expect(deliveredTo(cloud, USERS.township)).toEqual([])
  const board = expectOk(await cloud.call(USERS.township, getBoard, { communityId: 'c_pingshan' })).board
  expect(board.overdue.map((o) => [o.topicId, o.escalatedAt !== null])).toEqual([[topic.id, true]])
  const theirs = expectOk(await cloud.call(USERS.township, listNotifications, {}))
  expect(theirs.items.map((n) => [n.status, n.page, n.message])).toEqual([['逾期督办', `staff/topic/index?id=${topic.id}`, 'noGrant']])

  // The assignee accepted once: their one message went out and opens the topic; the rest are in their list.
  const staffGot = deliveredTo(cloud, USERS.staff)
  expect(staffGot).toHaveLength(1)
  expect(staffGot[0]!.page).toBe(`staff/topic/index?id=${topic.id}`)
  const staffList = expectOk(await cloud.call(USERS.staff, listNotifications, {}))
  expect(staffList.items.some((n) => n.status === '已逾期' && n.page === `staff/topic/index?id=${topic.id}`)).toBe(true)
  // Each message's page opens its item.
  expect(expectOk(await cloud.call(USERS.staff, getTopic, { topicId: topic.id })).topic.id).toBe(topic.id)
})
