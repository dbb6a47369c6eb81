import { startFlowCloud, expectOk, USERS, type FlowCloud } from '../support/flow'
import { closeNotices, noticedTopic, objectionOn, PHOTO, publishResultOf, uniqueId } from '../support/flow-scenarios'
import { answerObjection, getTopic, listTopics, postOpinion, publishTopic } from '../../src/contracts/topics'
import { getReport, listMyReports, submitReport } from '../../src/contracts/reports'
import { rateResult, replyToRating } from '../../src/contracts/resolutions'
import { getBoard, getHomeFeed } from '../../src/contracts/board'
import { listCommunities } from '../../src/contracts/account'
import type { ActionContract } from '../../src/contracts/action'

/**
 * Issue 9 §4 "No openid in any public view or public id": after a whole flow (report, topic, opinion, objection,
 * result, low rating and its reply), every view a resident can read is walked as JSON and must not contain the
 * openid of any test user — nor may any public id (ratings included) be made from one.
 */
let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
})
afterAll(async () => {
  await cloud.dispose()
})

const OPENIDS = Object.values(USERS)

/** Every string in a JSON value (keys included), to look for openids inside ids and texts as well as values. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const v of value) strings(v, out)
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, out.concat(k))
  return out
}
function leaks(value: unknown): string[] {
  const all = strings(value)
  return OPENIDS.filter((openid) => all.some((s) => s.includes(openid)))
}

test('no view a resident reads carries an openid, and rating ids are opaque', async () => {
  const report = expectOk(
    await cloud.call(USERS.resident, submitReport, { clientRequestId: uniqueId('rp'), text: '充电桩不够用', category: 'property', photos: [PHOTO], location: { latitude: 30.5, longitude: 114.3, name: '东门' } }),
  )
  const published = expectOk(
    await cloud.call(USERS.staff, publishTopic, {
      title: '增设充电桩', description: '电动车充电难', category: 'property', reportIds: [report.report.id], meetingPlace: '议事厅', invitees: [], requiresFourDeliberations: false, clientRequestId: uniqueId('tp'),
    }),
  ).topic
  expectOk(await cloud.call(USERS.representative, postOpinion, { topicId: published.id, text: '支持增设' }))
  const noticed = await noticedTopic(cloud)
  const objectionId = await objectionOn(cloud, noticed.id, USERS.resident2)
  expectOk(await cloud.call(USERS.staff, answerObjection, { objectionId, text: '费用由维修基金列支' }))
  closeNotices(cloud)
  const done = await publishResultOf(cloud, noticed.resolutions[0]!.id)
  const rated = expectOk(await cloud.call(USERS.resident2, rateResult, { resolutionId: done.id, stars: 1, comment: '太慢了' })).resolution
  const rating = rated.ratings[0]!
  expectOk(await cloud.call(USERS.staff, replyToRating, { ratingId: rating.id, text: '抱歉，已整改' }))
  expect(rating.id).not.toContain(USERS.resident2)
  expect(rating.id).toMatch(/^rt_[0-9a-f]{24}$/)

  const views: [string, string, ActionContract, unknown][] = []
  for (const who of [USERS.resident, USERS.resident2, USERS.representative]) {
    views.push(
      [who, 'getTopic(result)', getTopic, { topicId: noticed.id }],
      [who, 'getTopic(published)', getTopic, { topicId: published.id }],
      [who, 'listTopics', listTopics, undefined],
      [who, 'getBoard', getBoard, undefined],
      [who, 'getHomeFeed', getHomeFeed, undefined],
      [who, 'listCommunities', listCommunities, undefined],
      [who, 'listMyReports', listMyReports, undefined],
    )
  }
  views.push([USERS.resident, 'getReport', getReport, { reportId: report.report.id }])
  let walked = 0
  for (const [who, label, contract, input] of views) {
    const out = await cloud.call(who, contract, input)
    expect({ label, who, ok: out.ok }).toEqual({ label, who, ok: true })
    expect({ label, who, leaks: leaks(out) }).toEqual({ label, who, leaks: [] })
    walked++
  }
  expect(walked).toBe(22)
  // The submit answer (with its nearby hint) is a view too.
  expect(leaks(report)).toEqual([])
})
