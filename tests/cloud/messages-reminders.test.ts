import { startFlowCloud, expectOk, USERS, DAY, type FlowCloud } from '../support/flow'
import { accept, deliveredTo } from '../support/subscriptions'
import { closeNotices, meetingInput, publishResultOf, uniqueId, NOTICE_WINDOW_DAYS } from '../support/flow-scenarios'
import { publishTopic, joinTopic, followTopic, recordMeeting, publishNotice } from '../../src/contracts/topics'
import { listNotifications } from '../../src/contracts/account'

/**
 * Issue 11: reminders for what residents signed up for, through the real functions and the hourly sweep on the
 * local CloudBase (which delivers a subscription message only where a grant exists). Joiners are reminded of the
 * meeting the Beijing day before and on the day; followers get the notice and the result; each exactly once however
 * often the sweep runs; everyone finds each event in 消息, with or without a grant.
 *
 * Beijing is UTC+8: the instant of Beijing wall time hh:mm on a date is `${date}T${hh:mm}:00+08:00`.
 */
const H = 3600_000
const bjDate = (at: Date): string => new Date(at.getTime() + 8 * H).toISOString().slice(0, 10)
const plusDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)
const bjAt = (date: string, hhmm: string): Date => new Date(Date.parse(`${date}T${hhmm}:00+08:00`))

let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud({ subscribed: false })
}, 30000)
afterAll(async () => {
  await cloud?.dispose()
})

async function notificationsOf(openid: string, topicId: string) {
  return expectOk(await cloud.call(openid, listNotifications, {})).items.filter((n) => n.page === `pages/topic/index?id=${topicId}`)
}
const messagesOf = (openid: string, templateId: string) => deliveredTo(cloud, openid).filter((m) => m.templateId === templateId)

test('joiners are reminded the day before and on the day, once each; followers get the notice and the result once; all in 消息', async () => {
  const meetingDay = plusDays(bjDate(cloud.now()), 3)
  const meetingAt = bjAt(meetingDay, '19:00')
  const topic = expectOk(
    await cloud.call(USERS.staff, publishTopic, {
      title: '小区加装电梯议事',
      description: '老旧楼栋加装电梯，费用分摊方案。',
      category: 'infrastructure',
      meetingAt: meetingAt.toISOString(),
      meetingPlace: '社区议事厅',
      clientRequestId: uniqueId('remind'),
    }),
  ).topic
  // 报名 asks for the meeting reminder, the notice and the result; the resident accepted (twice: two reminders come).
  await accept(cloud, USERS.resident, ['meeting', 'notice', 'result'])
  await accept(cloud, USERS.resident, ['meeting'])
  expectOk(await cloud.call(USERS.resident, joinTopic, { topicId: topic.id }))
  // resident2 joined but declined every message; the representative only follows (accepted the notice and result).
  expectOk(await cloud.call(USERS.resident2, joinTopic, { topicId: topic.id }))
  await accept(cloud, USERS.representative, ['notice', 'result'])
  expectOk(await cloud.call(USERS.representative, followTopic, { topicId: topic.id, follow: true }))

  // Two days before: nothing is due yet.
  cloud.advanceTo(bjAt(plusDays(meetingDay, -2), '10:00'))
  await cloud.fireSweep()
  expect(messagesOf(USERS.resident, 'local-tpl-meeting')).toHaveLength(0)

  // The day before, the sweep runs twice: one reminder each.
  cloud.advanceTo(bjAt(plusDays(meetingDay, -1), '10:00'))
  await cloud.fireSweep()
  await cloud.fireSweep()
  const before = messagesOf(USERS.resident, 'local-tpl-meeting')
  expect(before).toHaveLength(1)
  expect(before[0]!.page).toBe(`pages/topic/index?id=${topic.id}`)
  expect((await notificationsOf(USERS.resident, topic.id)).filter((n) => n.template === 'meeting').map((n) => n.status)).toEqual(['明天议事'])
  // Declined: no message, the reminder is in 消息.
  expect(deliveredTo(cloud, USERS.resident2)).toHaveLength(0)
  expect((await notificationsOf(USERS.resident2, topic.id)).map((n) => [n.template, n.status, n.message])).toEqual([['meeting', '明天议事', 'noGrant']])
  // A follower who did not join is not reminded of the meeting.
  expect(await notificationsOf(USERS.representative, topic.id)).toEqual([])

  // On the day, before the meeting, twice again: one more each.
  cloud.advanceTo(bjAt(meetingDay, '08:00'))
  await cloud.fireSweep()
  await cloud.fireSweep()
  expect(messagesOf(USERS.resident, 'local-tpl-meeting')).toHaveLength(2)
  expect((await notificationsOf(USERS.resident2, topic.id)).map((n) => n.status)).toEqual(['今天议事', '明天议事'])

  // After it starts: no more reminders.
  cloud.advanceTo(bjAt(meetingDay, '20:00'))
  await cloud.fireSweep()
  expect(messagesOf(USERS.resident, 'local-tpl-meeting')).toHaveLength(2)
  expect((await notificationsOf(USERS.resident2, topic.id)).filter((n) => n.template === 'meeting')).toHaveLength(2)

  // The notice: every follower (joiners follow too) finds it once, sweeps or not; messages only with a grant.
  expectOk(await cloud.call(USERS.staff, recordMeeting, meetingInput(cloud, topic.id)))
  const noticed = expectOk(await cloud.call(USERS.staff, publishNotice, { topicId: topic.id, text: '拟由街道出资加装电梯。', objectionWindowDays: NOTICE_WINDOW_DAYS })).topic
  await cloud.fireSweep()
  await cloud.fireSweep()
  for (const who of [USERS.resident, USERS.representative]) {
    const got = messagesOf(who, 'local-tpl-notice')
    expect(got).toHaveLength(1)
    expect(got[0]!.page).toBe(`pages/topic/index?id=${topic.id}`)
  }
  for (const who of [USERS.resident, USERS.resident2, USERS.representative]) {
    expect((await notificationsOf(who, topic.id)).filter((n) => n.template === 'notice').map((n) => n.status)).toEqual(['公告中'])
  }

  // The result.
  closeNotices(cloud)
  await publishResultOf(cloud, noticed.resolutions[0]!.id)
  await cloud.fireSweep()
  await cloud.fireSweep()
  for (const who of [USERS.resident, USERS.representative]) expect(messagesOf(who, 'local-tpl-result')).toHaveLength(1)
  for (const who of [USERS.resident, USERS.resident2, USERS.representative]) {
    expect((await notificationsOf(who, topic.id)).filter((n) => n.template === 'result').map((n) => n.status)).toEqual(['已办结'])
  }
  expect(deliveredTo(cloud, USERS.resident2)).toHaveLength(0)
}, 60000)

test('a join withdrawn before the day is not reminded', async () => {
  const meetingDay = plusDays(bjDate(cloud.now()), 3)
  const topic = expectOk(
    await cloud.call(USERS.staff, publishTopic, {
      title: '垃圾分类亭选址',
      description: '选址听取居民意见。',
      category: 'environment',
      meetingAt: bjAt(meetingDay, '19:00').toISOString(),
      meetingPlace: '社区议事厅',
      clientRequestId: uniqueId('remind'),
    }),
  ).topic
  const { withdrawJoin } = await import('../../src/contracts/topics')
  expectOk(await cloud.call(USERS.resident2, joinTopic, { topicId: topic.id }))
  expectOk(await cloud.call(USERS.resident2, withdrawJoin, { topicId: topic.id }))
  cloud.advanceTo(bjAt(plusDays(meetingDay, -1), '10:00'))
  await cloud.fireSweep()
  expect(await notificationsOf(USERS.resident2, topic.id)).toEqual([])
}, 30000)

test("whoAmI answers the caller's unread count (the tab badge), the same as 消息", async () => {
  const { whoAmI, markNotificationsRead } = await import('../../src/contracts/account')
  const list = expectOk(await cloud.call(USERS.resident2, listNotifications, {}))
  expect(list.unread).toBeGreaterThan(0)
  expect(expectOk(await cloud.call(USERS.resident2, whoAmI, {})).unread).toBe(list.unread)
  expectOk(await cloud.call(USERS.resident2, markNotificationsRead, { all: true }))
  expect(expectOk(await cloud.call(USERS.resident2, whoAmI, {})).unread).toBe(0)
})

test("every message sent so far opens its item: a registered page, and the id loads for its recipient", async () => {
  const { getTopic } = await import('../../src/contracts/topics')
  const { getReport } = await import('../../src/contracts/reports')
  const { submitReport, triageReport } = await import('../../src/contracts/reports')
  const { noticedTopic, lowRatingOn } = await import('../support/flow-scenarios')
  // Besides the topic messages above: a reporter's triage message and staff's 差评待回复 deadline message.
  await accept(cloud, USERS.resident, ['statusChanged'])
  const reportId = expectOk(await cloud.call(USERS.resident, submitReport, { clientRequestId: uniqueId('open'), text: '楼下井盖松动', category: 'infrastructure', photos: [], location: null })).report.id
  expectOk(await cloud.call(USERS.staff, triageReport, { reportId, kind: 'reply', note: '已通知维修' }))
  const t = await noticedTopic(cloud)
  closeNotices(cloud)
  await publishResultOf(cloud, t.resolutions[0]!.id)
  await accept(cloud, USERS.staff, ['deadline'])
  await lowRatingOn(cloud, t.resolutions[0]!.id)

  // The app's own config (Taro's defineAppConfig is the identity): every page path, main package and subpackages.
  const registered = await registeredPages()
  const sent = cloud.outbox()
  const pages = sent.map((m) => (m.page ?? '').split('?')[0])
  expect(pages).toEqual(expect.arrayContaining(['pages/topic/index', 'pages/my-reports/index', 'staff/topic/index']))
  for (const m of sent) {
    const [pagePath, query] = (m.page ?? '').split('?')
    const id = new URLSearchParams(query).get('id')
    expect({ page: m.page, id: !!id }).toEqual({ page: m.page, id: true })
    expect(registered).toContain(pagePath)
    const opened =
      pagePath === 'pages/topic/index' || pagePath === 'staff/topic/index'
        ? await cloud.call(m.touser, getTopic, { topicId: id! })
        : pagePath === 'pages/my-reports/index'
          ? await cloud.call(m.touser, getReport, { reportId: id! })
          : { ok: false as const, error: { code: 'UNKNOWN_PAGE', message: pagePath! } }
    expect({ page: m.page, ok: opened.ok }).toEqual({ page: m.page, ok: true })
  }
})

/** Every page the mini-program registers: the main package's and each subpackage's (root + page). */
async function registeredPages(): Promise<string[]> {
  ;(globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c
  const config = (await import('../../src/app.config')).default as unknown as { pages: string[]; subPackages?: { root: string; pages: string[] }[] }
  return [...config.pages, ...(config.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]
}
