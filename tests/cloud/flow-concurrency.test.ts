import { startFlowCloud, expectOk, USERS, type FlowCloud } from '../support/flow'
import {
  addUser, cloneUser, closeNotices, deliberatedTopic, meetingInput, noticedTopic, publishedTopic, publishResultOf, registeredDepartment, reportBy, uniqueId, warm, PHOTO,
} from '../support/flow-scenarios'
import type { Outcome } from '../../src/contracts/action'
import { submitReport, triageReport } from '../../src/contracts/reports'
import { joinTopic, publishNotice, recordMeeting, reviseNotice } from '../../src/contracts/topics'
import { publishResult, rateResult } from '../../src/contracts/resolutions'

/**
 * Two people doing the same thing at the same moment, through the functions (each call in its own function
 * instance, the way CloudBase runs them side by side). Each race is run a few times on fresh subjects: exactly one
 * wins, the loser is told why with a code, and the store holds one outcome, never two or a mixture.
 */

const STAFF2 = 'conc-staff-zhang'
const ROUNDS = 3

let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
  addUser(cloud, STAFF2, { role: 'community_staff', communityId: 'c_pingshan', townshipId: 'ts_pingshan', displayName: '张主任' })
  // Warm instances start a call at once; a cold start would delay one side and turn a race into a queue.
  const probe = await publishedTopic(cloud)
  await Promise.all([
    warm(cloud, 'topics', 'getTopic', USERS.staff, { topicId: probe.id }),
    warm(cloud, 'reports', 'listMyReports', USERS.resident, {}),
    warm(cloud, 'resolutions', 'listCallbacks', USERS.staff, {}),
  ])
}, 30000)
afterAll(async () => {
  await cloud?.dispose()
})

const codeOf = (o: Outcome<unknown>) => (o.ok ? 'ok' : o.error.code)
/** Exactly one ok; answers the index of the winner. */
function oneWinner(outcomes: Outcome<unknown>[], loserCodes: string[]): number {
  const codes = outcomes.map(codeOf)
  expect(codes.filter((c) => c === 'ok')).toHaveLength(1)
  for (const c of codes.filter((x) => x !== 'ok')) expect(loserCodes).toContain(c)
  return codes.indexOf('ok')
}
const topicDoc = (id: string) => cloud.store.find('topics', { _id: id })[0] as any
const eventsOf = (topicId: string, type: string) => cloud.store.find('topic_events', { topicId }).filter((e) => e.type === type)

test('two staff publishing the same notice at once: one notice', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const topic = await deliberatedTopic(cloud)
    const texts = ['拟由物业负责实施（刘）', '拟由社区负责实施（张）']
    const outcomes = await Promise.all([
      cloud.call(USERS.staff, publishNotice, { topicId: topic.id, text: texts[0] }),
      cloud.call(STAFF2, publishNotice, { topicId: topic.id, text: texts[1] }),
    ])
    const winner = oneWinner(outcomes, ['CONFLICT', 'WRONG_STAGE'])
    const stored = topicDoc(topic.id)
    expect(stored.noticeHistory).toHaveLength(1)
    expect(stored.notice.text).toBe(texts[winner])
    expect(stored.notice.revision).toBe(1)
    expect(eventsOf(topic.id, 'noticePublished')).toHaveLength(1)
    // Every passed item's clock starts from the one notice that stands.
    for (const r of cloud.store.find('resolutions', { topicId: topic.id })) {
      expect(new Date(r.handlingFrom as Date).getTime()).toBe(new Date(stored.notice.closesAt).getTime())
    }
  }
})

test('two staff recording the same meeting at once: one set of resolutions', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const topic = await publishedTopic(cloud)
    const inputs = [meetingInput(cloud, topic.id, 1, '刘的决议'), meetingInput(cloud, topic.id, 3, '张的决议')]
    const outcomes = await Promise.all([cloud.call(USERS.staff, recordMeeting, inputs[0]), cloud.call(STAFF2, recordMeeting, inputs[1])])
    const winner = oneWinner(outcomes, ['CONFLICT', 'WRONG_STAGE'])
    const stored = cloud.store.find('resolutions', { topicId: topic.id })
    expect(stored.map((r) => r.title).sort()).toEqual(inputs[winner]!.resolutions.map((r) => r.title).sort())
    expect(topicDoc(topic.id).heldAt).not.toBeNull()
    expect(eventsOf(topic.id, 'meetingHeld')).toHaveLength(1)
    const answered = expectOk(outcomes[winner]!).topic
    expect(answered.resolutions.map((r) => r.title).sort()).toEqual(stored.map((r) => r.title).sort())
  }
})

test('two staff revising the same notice at once: one new revision', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const topic = await noticedTopic(cloud)
    const texts = ['修改：费用由维修基金列支（刘）', '修改：工期延长至60日（张）']
    const outcomes = await Promise.all([
      cloud.call(USERS.staff, reviseNotice, { topicId: topic.id, text: texts[0], reason: '补充费用说明', revision: 1 }),
      cloud.call(STAFF2, reviseNotice, { topicId: topic.id, text: texts[1], reason: '调整工期', revision: 1 }),
    ])
    const winner = oneWinner(outcomes, ['CONFLICT', 'WRONG_STAGE'])
    const stored = topicDoc(topic.id)
    expect(stored.noticeHistory.map((n: { revision: number }) => n.revision)).toEqual([1, 2])
    expect(stored.notice.revision).toBe(2)
    expect(stored.notice.text).toBe(texts[winner])
    expect(eventsOf(topic.id, 'noticeRevised')).toHaveLength(1)
  }
})

test('a revision of a notice that was revised meanwhile is refused: CONFLICT, and the colleague’s revision stands', async () => {
  const topic = await noticedTopic(cloud)
  expectOk(await cloud.call(USERS.staff, reviseNotice, { topicId: topic.id, text: '第二版（刘）', reason: '补充', revision: 1 }))
  const late = await cloud.call(STAFF2, reviseNotice, { topicId: topic.id, text: '第二版（张）', reason: '调整', revision: 1 })
  expect(codeOf(late)).toBe('CONFLICT')
  expect(topicDoc(topic.id).noticeHistory.map((n: { text: string }) => n.text)).toEqual(['拟由物业在30日内完成整改。', '第二版（刘）'])
  // Revising what is now current works.
  expectOk(await cloud.call(STAFF2, reviseNotice, { topicId: topic.id, text: '第三版（张）', reason: '调整', revision: 2 }))
  expect(topicDoc(topic.id).notice.revision).toBe(3)
})

test('the same report submitted twice at once (one clientRequestId): one report, one id', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const input = { clientRequestId: uniqueId('twice'), text: '小区门口井盖松动', category: 'infrastructure', photos: [PHOTO], location: null }
    const outcomes = await Promise.all([cloud.call(USERS.resident, submitReport, input), cloud.call(USERS.resident, submitReport, input)])
    const [a, b] = outcomes.map((o) => expectOk(o))
    expect(a!.report.id).toBe(b!.report.id)
    expect([a!.duplicateRequest, b!.duplicateRequest].sort()).toEqual([false, true])
    const stored = cloud.store.find('reports', { reporterOpenid: USERS.resident }).filter((r) => r.clientRequestId === input.clientRequestId)
    expect(stored.map((r) => r._id)).toEqual([a!.report.id])
  }
})

test('two staff triaging the same report at once: one triage, the other ALREADY_DONE', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const report = await reportBy(cloud)
    const notes = ['已联系物业维修（刘）', '已转交城管处理（张）']
    const outcomes = await Promise.all([
      cloud.call(USERS.staff, triageReport, { reportId: report.id, kind: 'handle', note: notes[0], assigneeOpenid: USERS.staff, dueDate: '2999-01-01' }),
      cloud.call(STAFF2, triageReport, { reportId: report.id, kind: 'transfer', note: notes[1], departmentId: registeredDepartment(cloud, '城管局'), dueDate: '2999-01-01' }),
    ])
    const winner = oneWinner(outcomes, ['ALREADY_DONE'])
    const [stored] = cloud.store.find('reports', { _id: report.id })
    expect((stored!.triage as { note: string; by: string }).note).toBe(notes[winner])
    expect((stored!.triage as { by: string }).by).toBe([USERS.staff, STAFF2][winner])
    expect((stored!.timeline as { kind: string }[]).filter((t) => t.kind === 'handle' || t.kind === 'transfer')).toHaveLength(1)
  }
})

describe('after the objection windows closed', () => {
  const handling: string[] = []
  const done: string[] = []
  beforeAll(async () => {
    const made = await Promise.all(Array.from({ length: ROUNDS + 3 }, () => noticedTopic(cloud)))
    closeNotices(cloud)
    handling.push(...made.slice(0, ROUNDS).map((t) => t.resolutions[0]!.id))
    for (const t of made.slice(ROUNDS)) done.push((await publishResultOf(cloud, t.resolutions[0]!.id)).id)
  }, 30000)

  test('two staff publishing the same result at once: one result', async () => {
    for (const resolutionId of handling) {
      const texts = ['已办结（刘）', '已办结（张）']
      const outcomes = await Promise.all([
        cloud.call(USERS.staff, publishResult, { resolutionId, text: texts[0] }),
        cloud.call(STAFF2, publishResult, { resolutionId, text: texts[1] }),
      ])
      const winner = oneWinner(outcomes, ['CONFLICT', 'ALREADY_DONE'])
      const [stored] = cloud.store.find('resolutions', { _id: resolutionId })
      const finals = (stored!.disclosures as { final: boolean; text: string }[]).filter((d) => d.final)
      expect(finals.map((d) => d.text)).toEqual([texts[winner]])
      const topicId = stored!.topicId as string
      expect(eventsOf(topicId, 'resultPublished')).toHaveLength(1)
      expect(eventsOf(topicId, 'topicResultPublished')).toHaveLength(1)
      expect(topicDoc(topicId).resultPublishedAt).not.toBeNull()
    }
  })

  test('two residents rating at once: both count', async () => {
    const resolutionId = done[0]!
    const outcomes = await Promise.all([
      cloud.call(USERS.resident, rateResult, { resolutionId, stars: 5 }),
      cloud.call(USERS.resident2, rateResult, { resolutionId, stars: 2 }),
    ])
    outcomes.forEach((o) => expectOk(o))
    const [stored] = cloud.store.find('resolutions', { _id: resolutionId })
    expect({ count: stored!.ratingCount, sum: stored!.ratingSum }).toEqual({ count: 2, sum: 7 })
    expect(cloud.store.find('ratings', { resolutionId })).toHaveLength(2)
  })

  test('one resident rating twice at once (a double tap): one rating, and the totals match it', async () => {
    const resolutionId = done[1]!
    const outcomes = await Promise.all([
      cloud.call(USERS.representative, rateResult, { resolutionId, stars: 4 }),
      cloud.call(USERS.representative, rateResult, { resolutionId, stars: 1 }),
    ])
    for (const o of outcomes) expect(['ok', 'CONFLICT']).toContain(codeOf(o))
    const ratings = cloud.store.find('ratings', { resolutionId })
    expect(ratings).toHaveLength(1)
    const [stored] = cloud.store.find('resolutions', { _id: resolutionId })
    expect({ count: stored!.ratingCount, sum: stored!.ratingSum }).toEqual({ count: 1, sum: ratings[0]!.stars })
  })

  test('many residents rating at once: every rating counted once', async () => {
    const resolutionId = done[2]!
    const raters = Array.from({ length: 6 }, (_, i) => cloneUser(cloud, USERS.resident2, uniqueId(`rater${i}`)))
    const outcomes = await Promise.all(raters.map((openid, i) => cloud.call(openid, rateResult, { resolutionId, stars: (i % 5) + 1 })))
    outcomes.forEach((o) => expectOk(o))
    const [stored] = cloud.store.find('resolutions', { _id: resolutionId })
    expect({ count: stored!.ratingCount, sum: stored!.ratingSum }).toEqual({ count: 6, sum: 1 + 2 + 3 + 4 + 5 + 1 })
  })
})

test('one resident joining the same topic twice at once: joined once', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const topic = await publishedTopic(cloud)
    const outcomes = await Promise.all([cloud.call(USERS.resident, joinTopic, { topicId: topic.id }), cloud.call(USERS.resident, joinTopic, { topicId: topic.id })])
    outcomes.forEach((o) => expectOk(o))
    expect(topicDoc(topic.id).counts).toMatchObject({ joined: 1, followed: 1 })
    expect(cloud.store.find('participations', { topicId: topic.id })).toHaveLength(1)
    expect(eventsOf(topic.id, 'joined')).toHaveLength(1)
  }
})

test('two residents joining at once: both counted', async () => {
  const topic = await publishedTopic(cloud)
  const outcomes = await Promise.all([cloud.call(USERS.resident, joinTopic, { topicId: topic.id }), cloud.call(USERS.representative, joinTopic, { topicId: topic.id })])
  outcomes.forEach((o) => expectOk(o))
  expect(topicDoc(topic.id).counts).toMatchObject({ joined: 2, followed: 2 })
  expect(eventsOf(topic.id, 'joined')).toHaveLength(2)
})
