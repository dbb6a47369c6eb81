import { startFlowCloud, expectOk, USERS, type FlowCloud } from '../support/flow'
import { closeNotices, meetingInput, publishResultOf, registeredDepartment, uniqueId, NOTICE_WINDOW_DAYS } from '../support/flow-scenarios'
import { submitReport, triageReport, listMyReports, getReport } from '../../src/contracts/reports'
import { publishTopic, recordMeeting, publishNotice } from '../../src/contracts/topics'
import { rateResult, recordCallback } from '../../src/contracts/resolutions'

/**
 * Issue 11: 我的诉求 follows the matter to the end. Through the real functions: a report taken into a topic shows the
 * topic's current step, meeting, notice deadline, result, rating and callback, and its timeline includes the topic's
 * events; a transferred report shows the triage and its department.
 */
let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
}, 30000)
afterAll(async () => {
  await cloud?.dispose()
})

async function report(text: string): Promise<string> {
  return expectOk(await cloud.call(USERS.resident, submitReport, { clientRequestId: uniqueId('live'), text, category: 'infrastructure', photos: [], location: null })).report.id
}
async function mine(id: string) {
  const listed = expectOk(await cloud.call(USERS.resident, listMyReports, {})).reports.find((r) => r.id === id)!
  const single = expectOk(await cloud.call(USERS.resident, getReport, { reportId: id })).report
  // The list and the detail tell the same.
  expect(listed.matter).toEqual(single.matter)
  expect(listed.timeline).toEqual(single.timeline)
  return single
}

test("a report in a topic shows the topic's step, meeting, notice deadline, result, rating and callback, with its events", async () => {
  const id = await report('6栋前的路面塌陷，雨天积水')
  expect((await mine(id)).matter).toBeNull()

  const meetingAt = new Date(cloud.now().getTime() + 3 * 86400_000)
  const topic = expectOk(
    await cloud.call(USERS.staff, publishTopic, {
      title: '6栋路面修复',
      description: '路面塌陷。',
      category: 'infrastructure',
      reportIds: [id],
      meetingAt: meetingAt.toISOString(),
      meetingPlace: '社区议事厅',
      clientRequestId: uniqueId('live'),
    }),
  ).topic
  let r = await mine(id)
  expect(r.matter).toMatchObject({ kind: 'topic', topic: { id: topic.id, title: '6栋路面修复', stage: 'published', meetingAt: meetingAt.toISOString(), meetingPlace: '社区议事厅', noticeClosesAt: null, items: [] } })
  // The report's own entry records the joining; the topic's publication at that instant is not repeated.
  expect(r.timeline.map((e) => e.kind)).toEqual(['submitted', 'topic'])

  expectOk(await cloud.call(USERS.staff, recordMeeting, meetingInput(cloud, topic.id)))
  const noticed = expectOk(await cloud.call(USERS.staff, publishNotice, { topicId: topic.id, text: '拟由物业修复路面。', objectionWindowDays: NOTICE_WINDOW_DAYS })).topic
  r = await mine(id)
  expect(r.matter?.topic).toMatchObject({ stage: 'noticed', noticeClosesAt: noticed.noticeClosesAt })
  expect(r.matter?.topic?.heldAt).not.toBeNull()
  expect(r.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['topic', 'topic.meetingHeld', 'topic.noticePublished']))

  closeNotices(cloud)
  const resolutionId = noticed.resolutions[0]!.id
  await publishResultOf(cloud, resolutionId)
  expectOk(await cloud.call(USERS.resident, rateResult, { resolutionId, stars: 4, comment: '修得不错' }))
  expectOk(await cloud.call(USERS.staff, recordCallback, { resolutionId, outcome: 'fixed', note: '住户确认已修复' }))
  r = await mine(id)
  expect(r.matter?.topic?.stage).toBe('resultPublished')
  expect(r.matter?.topic?.resultPublishedAt).not.toBeNull()
  expect(r.matter?.topic?.items).toEqual([
    expect.objectContaining({ title: '议决事项1', averageRating: 4, ratingCount: 1, callback: expect.objectContaining({ outcome: 'fixed', note: '住户确认已修复' }) }),
  ])
  expect(r.matter?.topic?.items[0]?.resultPublishedAt).not.toBeNull()
  // Oldest first: the report's own submission opens it.
  expect(r.timeline[0]!.kind).toBe('submitted')
  expect([...r.timeline].sort((a, b) => a.at.localeCompare(b.at))).toEqual(r.timeline)
}, 60000)

test('a transferred report shows its triage, department and its item (assignee, due, status); staff reading it get no matter', async () => {
  const id = await report('小区门口的红绿灯坏了')
  // Due a fortnight on, as a Beijing date.
  const dueDate = new Date(cloud.now().getTime() + 14 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
  expectOk(await cloud.call(USERS.staff, triageReport, { reportId: id, kind: 'transfer', note: '已转交交警', departmentId: registeredDepartment(cloud, '交警大队', null), dueDate }))
  const r = await mine(id)
  expect(r.triage).toMatchObject({ kind: 'transfer', department: '交警大队' })
  expect(r.matter).toMatchObject({ kind: 'transfer', topic: null, department: '交警大队' })
  expect(r.matter?.handling).toMatchObject({ assigneeName: '交警大队', statusLabel: '办理中', disclosures: 0, resultPublishedAt: null, confirmed: null })
  expect(Date.parse(r.matter!.handling!.dueAt)).toBeGreaterThan(cloud.now().getTime() + 13 * 86_400_000)
  expect(expectOk(await cloud.call(USERS.staff, getReport, { reportId: id })).report.matter).toBeUndefined()
})
