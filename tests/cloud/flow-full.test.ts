import { startFlowCloud, expectOk, expectFail, USERS, DAY, type FlowCloud } from '../support/flow'
import { submitReport, triageReport, getReport, listMyReports, listTriageInbox } from '../../src/contracts/reports'
import { publishTopic, joinTopic, followTopic, recordMeeting, publishNotice, fileObjection, answerObjection, getTopic, supportTopic, postOpinion } from '../../src/contracts/topics'
import { publishProgress, publishResult, rateResult, replyToRating } from '../../src/contracts/resolutions'
import { getHomeFeed, getBoard } from '../../src/contracts/board'
import { beijingDateOf, addDays } from '../../src/domain/calendar'

let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
})
afterAll(async () => {
  await cloud.dispose()
})

const PHOTO = 'cloud://local-env.6c6f-local-env/reports/shed.jpg'

test('a matter goes from a photo to a rated result, in public, on the 7-day disclosure clock', async () => {
  // A resident reports; a retry with the same request id creates nothing new.
  const report = {
    clientRequestId: 'req-shed-0001',
    text: '2栋楼下电动车充电棚顶棚破损，下雨漏电危险',
    category: 'infrastructure',
    photos: [PHOTO],
    location: { latitude: 28.6421, longitude: 104.1632, name: '屏山社区2栋' },
  }
  const first = expectOk(await cloud.call(USERS.resident, submitReport, report))
  const retry = expectOk(await cloud.call(USERS.resident, submitReport, report))
  expect(retry.duplicateRequest).toBe(true)
  expect(retry.report.id).toBe(first.report.id)
  expect(first.report.status).toBe('submitted')

  // A nearby report of the same category is suggested as a possible duplicate.
  const near = expectOk(
    await cloud.call(USERS.resident2, submitReport, { ...report, clientRequestId: 'req-shed-0002', text: '充电棚漏雨', location: { latitude: 28.6422, longitude: 104.1633, name: '2栋旁' } }),
  )
  expect(near.similarNearby.map((s) => s.id)).toContain(first.report.id)

  // The inbox of the east grid worker has the east report; the west worker's grid scope refuses to triage it.
  const inbox = expectOk(await cloud.call(USERS.gridEast, listTriageInbox, {}))
  expect(inbox.reports.map((r) => r.id)).toContain(first.report.id)
  expectFail(await cloud.call(USERS.gridWest, triageReport, { reportId: first.report.id, kind: 'reply', note: '已知悉' }), 'OUT_OF_SCOPE')
  expectOk(await cloud.call(USERS.gridWest, triageReport, { reportId: near.report.id, kind: 'reply', note: '与2栋充电棚为同一问题，已并案' }))

  // Staff publish a topic from the report, on the next deliberation day by default.
  const topic = expectOk(
    await cloud.call(USERS.staff, publishTopic, {
      title: '2栋电动车充电棚改造',
      description: '充电棚顶棚破损、线路老化，居民反映强烈。',
      category: 'infrastructure',
      reportIds: [first.report.id],
      meetingPlace: '社区议事厅',
      invitees: ['物业公司', '居民代表'],
      clientRequestId: 'topic-shed-0001',
    }),
  ).topic
  expect(topic.stage).toBe('published')
  const mine = expectOk(await cloud.call(USERS.resident, getReport, { reportId: first.report.id })).report
  expect(mine.status).toBe('inTopic')
  expect(mine.timeline.map((t) => t.kind)).toEqual(['submitted', 'topic'])

  expectOk(await cloud.call(USERS.resident, joinTopic, { topicId: topic.id }))
  expectOk(await cloud.call(USERS.resident2, supportTopic, { topicId: topic.id, stance: 'support' }))
  expectOk(await cloud.call(USERS.resident2, followTopic, { topicId: topic.id, follow: true }))
  expectFail(await cloud.call(USERS.resident2, postOpinion, { topicId: topic.id, text: '加微信聊赌博' }), 'CONTENT_RISKY')
  const withOpinion = expectOk(await cloud.call(USERS.resident2, postOpinion, { topicId: topic.id, text: '建议加装智能充电桩，按时计费' })).topic
  expect(withOpinion.counts).toMatchObject({ joined: 1, support: 1, opinions: 1 })
  // Other residents see masked names.
  const asOther = expectOk(await cloud.call(USERS.resident, getTopic, { topicId: topic.id })).topic
  expect(asOther.opinions[0]!.authorName).toBe('李*国')
  expectFail(await cloud.call(USERS.otherResident, getTopic, { topicId: topic.id }), 'OUT_OF_SCOPE')

  // Step 2: the meeting.
  const dueDate = addDays(beijingDateOf(cloud.now()), 30)
  const held = expectOk(
    await cloud.call(USERS.staff, recordMeeting, {
      topicId: topic.id,
      attendance: { households: 23, invitedHouseholds: 30 },
      minutes: '物业、居民代表与住户面对面商议，同意改造充电棚并加装智能充电桩。',
      resolutions: [{ title: '更换充电棚顶棚并加装智能充电桩', vote: { for: 20, against: 2, abstain: 1 }, assigneeName: '刘书记', assigneeOpenid: USERS.staff, dueDate }],
    }),
  ).topic
  expect(held.stage).toBe('deliberated')
  expect(held.resolutions[0]!.passed).toBe(true)

  // Step 3: the notice; a resident objects; progress cannot start before the window closes.
  const noticed = expectOk(await cloud.call(USERS.staff, publishNotice, { topicId: topic.id, text: '拟由物业于30日内完成充电棚改造，费用从维修基金列支。' })).topic
  expect(noticed.stage).toBe('noticed')
  const resolutionId = noticed.resolutions[0]!.id
  expectFail(await cloud.call(USERS.staff, publishProgress, { resolutionId, text: '已进场' }), 'WRONG_STAGE')
  const objected = expectOk(await cloud.call(USERS.resident2, fileObjection, { topicId: topic.id, text: '费用分摊方式需要说明' })).topic
  expect(objected.counts.unansweredObjections).toBe(1)

  // The window closes; handling starts; the result is blocked until every objection is answered.
  cloud.advance(6 * DAY)
  expectFail(await cloud.call(USERS.resident2, fileObjection, { topicId: topic.id, text: '晚到的异议' }), 'WRONG_STAGE')
  const progress = expectOk(await cloud.call(USERS.staff, publishProgress, { resolutionId, text: '顶棚已拆除，新材料已到场', photos: [PHOTO] })).resolution
  expect(progress.disclosures[0]!.onTime).toBe(true)
  expectFail(await cloud.call(USERS.staff, publishResult, { resolutionId, text: '改造完成' }), 'OBJECTIONS_UNANSWERED')
  const objectionId = objected.objections[0]!.id
  expectOk(await cloud.call(USERS.staff, answerObjection, { objectionId, text: '费用由维修基金列支，住户无需另行分摊。' }))

  // Step 4: result, rating, and the public reply a low rating is owed.
  const done = expectOk(await cloud.call(USERS.staff, publishResult, { resolutionId, text: '充电棚改造完成，智能充电桩已投用' })).resolution
  expect(done.status).toBe('done')
  const topicDone = expectOk(await cloud.call(USERS.resident, getTopic, { topicId: topic.id })).topic
  expect(topicDone.stage).toBe('resultPublished')
  const rated = expectOk(await cloud.call(USERS.resident2, rateResult, { resolutionId, stars: 2, comment: '充电桩太少' })).resolution
  expect(rated.ratings[0]!.replyDueAt).not.toBeNull()
  const ratingId = rated.ratings[0]!.id
  expectFail(await cloud.call(USERS.resident, replyToRating, { ratingId, text: '我来回复' }), 'FORBIDDEN')
  const replied = expectOk(await cloud.call(USERS.staff, replyToRating, { ratingId, text: '下月再增加 4 个充电桩' })).resolution
  expect(replied.ratings[0]!.reply?.text).toContain('充电桩')

  const feed = expectOk(await cloud.call(USERS.resident, getHomeFeed, {}))
  expect(feed.recentResults.map((t) => t.id)).toContain(topic.id)
  const board = expectOk(await cloud.call(USERS.resident, getBoard, {})).board
  expect(board.community.disclosuresOnTime).toBe(2)
  expect(board.community.list).toBe('red')

  // The public timeline is the history in order, without private choices (joining also followed: not shown).
  const history = topicDone.timeline.map((e) => e.type)
  expect(history).toEqual(['published', 'joined', 'stance', 'opinionPosted', 'meetingHeld', 'noticePublished', 'objectionFiled', 'progressPublished', 'objectionAnswered', 'resultPublished', 'topicResultPublished'])
  // The history itself keeps every change, the private ones included.
  const stored = cloud.store.find('topic_events', { topicId: topic.id }, { limit: 100 }).map((e) => e.type)
  expect(stored).toEqual(expect.arrayContaining(['followed', 'stance', 'opinionPosted']))
  expect(history).not.toContain('followed')
  const myReports = expectOk(await cloud.call(USERS.resident, listMyReports, {})).reports
  expect(myReports).toHaveLength(1)
}, 60000)

test('staff name assignees from their own community only: staff and grid workers, never residents or another community', async () => {
  const { listAssignees } = await import('../../src/contracts/account')
  const names = expectOk(await cloud.call(USERS.staff, listAssignees, {})).assignees.map((a) => a.displayName).sort()
  expect(names).toEqual(['刘书记', '陈志强', '黄丽'].sort())
  const other = expectOk(await cloud.call(USERS.otherStaff, listAssignees, {})).assignees.map((a) => a.displayName)
  expect(other).toEqual(['吴主任'])
})
