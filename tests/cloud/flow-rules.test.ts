import { startFlowCloud, expectOk, expectFail, USERS, DAY, type FlowCloud } from '../support/flow'
import { COMMUNITIES } from '../../scripts/demo/places'
import { submitReport, triageReport, clearReport, getReport } from '../../src/contracts/reports'
import {
  publishTopic, recordDeliberationStep, recordMeeting, publishNotice, reviseNotice, fileObjection, attachReport, getTopic,
} from '../../src/contracts/topics'
import { publishProgress, publishResult, listCallbacks, recordCallback } from '../../src/contracts/resolutions'
import { getBoard, getHomeFeed } from '../../src/contracts/board'
import { issueInvitation, redeemInvitation, whoAmI } from '../../src/contracts/account'

/**
 * The rules of the flow, each through the real functions on the local CloudBase: 四议两公开, quorum, notice revisions,
 * content security, monthly callbacks, per-community settings, the home feed and the deliberation day, invitations.
 *
 * Calendar values are computed here, independently of src/domain/calendar.ts: Beijing is UTC+8 without daylight
 * saving, so Beijing date D starts at (D-1)T16:00Z and a deadline "on D" ends at DT15:59:59.999Z.
 */
const H = 3600_000
const bjDate = (at: Date | string | number): string => new Date(new Date(at).getTime() + 8 * H).toISOString().slice(0, 10)
const plusDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)
const bjAt = (date: string, hhmm: string): Date => new Date(Date.parse(`${date}T${hhmm}:00+08:00`))
const endOfBjDay = (date: string): string => `${date}T15:59:59.999Z`
const monthAfter = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}
const lastDayOf = (month: string): string => plusDays(`${monthAfter(month)}-01`, -1)
/** The month's second Wednesday: the Wednesday among the 8th–14th. */
const secondWednesday = (month: string): string => {
  for (let d = 8; d <= 14; d++) {
    const date = `${month}-${String(d).padStart(2, '0')}`
    if (new Date(`${date}T00:00:00Z`).getUTCDay() === 3) return date
  }
  throw new Error('unreachable')
}

let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
})
afterAll(async () => {
  await cloud.dispose()
})


let seq = 0
const requestId = (key: string) => `rules-${key}-${String(++seq).padStart(4, '0')}`
const dueIn30 = () => bjDate(cloud.now().getTime() + 30 * DAY)

async function newTopic(staff: string, key: string, extra: Record<string, unknown> = {}) {
  return expectOk(
    await cloud.call(staff, publishTopic, {
      title: `议题 ${key}`,
      description: '居民反映的问题，提请面对面议事。',
      category: 'infrastructure',
      meetingPlace: '社区议事厅',
      clientRequestId: requestId(key),
      ...extra,
    }),
  ).topic
}
function meeting(topicId: string, opts: { households?: number; invited?: number; vote?: { for: number; against: number; abstain: number }; titles?: string[]; assignee?: string } = {}) {
  return {
    topicId,
    attendance: { households: opts.households ?? 20, invitedHouseholds: opts.invited ?? 30 },
    minutes: '面对面议事，逐项表决。',
    resolutions: (opts.titles ?? ['按议定方案办理']).map((title) => ({ title, vote: opts.vote ?? { for: 18, against: 1, abstain: 1 }, assigneeName: '刘书记', assigneeOpenid: opts.assignee ?? USERS.staff, dueDate: dueIn30() })),
  }
}
/** A topic through the meeting and the notice, by `staff` (default the 屏山 staff). */
async function noticed(key: string, staff: string = USERS.staff, titles?: string[]) {
  const topic = await newTopic(staff, key)
  // The recording staff assign the items to themself (an assignee must be of the topic's community).
  expectOk(await cloud.call(staff, recordMeeting, meeting(topic.id, { titles, assignee: staff })))
  return expectOk(await cloud.call(staff, publishNotice, { topicId: topic.id, text: '拟办意见公告：按议定事项办理。' })).topic
}

describe('四议两公开', () => {
  test('the first three deliberations in order before the meeting; the meeting records the fourth; then the notice', async () => {
    const topic = await newTopic(USERS.staff, 'four', { requiresFourDeliberations: true })
    expect(topic.requiresFourDeliberations).toBe(true)
    const step = (s: string, who: string = USERS.staff) => cloud.call(who, recordDeliberationStep, { topicId: topic.id, step: s, note: `记录：${s}` })

    expectFail(await cloud.call(USERS.staff, recordMeeting, meeting(topic.id)), 'FOUR_DELIBERATIONS_INCOMPLETE')
    expectFail(await step('committees_discussion'), 'OUT_OF_ORDER')
    expectFail(await step('branch_proposal', USERS.resident), 'FORBIDDEN')
    expectOk(await step('branch_proposal'))
    expectFail(await step('branch_proposal'), 'OUT_OF_ORDER')
    expectFail(await step('members_review'), 'OUT_OF_ORDER')
    expectOk(await step('committees_discussion'))
    expectFail(await cloud.call(USERS.staff, recordMeeting, meeting(topic.id)), 'FOUR_DELIBERATIONS_INCOMPLETE')
    expectFail(await step('residents_resolution'), 'OUT_OF_ORDER')
    const three = expectOk(await step('members_review')).topic
    expect(three.deliberations.map((d) => d.step)).toEqual(['branch_proposal', 'committees_discussion', 'members_review'])
    // The fourth is the residents' resolution at the meeting, not a separate record.
    expectFail(await step('residents_resolution'), 'ALREADY_DONE')

    const held = expectOk(await cloud.call(USERS.staff, recordMeeting, meeting(topic.id))).topic
    expect(held.stage).toBe('deliberated')
    expect(held.deliberations.map((d) => d.step)).toEqual(['branch_proposal', 'committees_discussion', 'members_review', 'residents_resolution'])
    const notice = expectOk(await cloud.call(USERS.staff, publishNotice, { topicId: topic.id, text: '公告' })).topic
    expect(notice.stage).toBe('noticed')

    // A topic that does not require them has no deliberation steps to record.
    const plain = await newTopic(USERS.staff, 'plain')
    expectFail(await cloud.call(USERS.staff, recordDeliberationStep, { topicId: plain.id, step: 'branch_proposal', note: 'x' }), 'WRONG_STAGE')
  })
})

describe('quorum', () => {
  test('a meeting without quorum passes nothing, so there is nothing to notice', async () => {
    const topic = await newTopic(USERS.staff, 'noquorum')
    // 14 of 30 households: below half. Every vote is for, but the votes do not count.
    const held = expectOk(await cloud.call(USERS.staff, recordMeeting, meeting(topic.id, { households: 14, invited: 30, vote: { for: 14, against: 0, abstain: 0 } }))).topic
    expect(held.quorumMet).toBe(false)
    expect(held.resolutions.map((r) => [r.passed, r.status])).toEqual([[false, 'rejected']])
    expectFail(await cloud.call(USERS.staff, publishNotice, { topicId: topic.id, text: '公告' }), 'NO_PASSED_RESOLUTION')

    // Exactly half is a quorum; but a vote that fails leaves nothing passed either.
    const other = await newTopic(USERS.staff, 'failedvote')
    const held2 = expectOk(await cloud.call(USERS.staff, recordMeeting, meeting(other.id, { households: 15, invited: 30, vote: { for: 7, against: 7, abstain: 1 } }))).topic
    expect(held2.quorumMet).toBe(true)
    expect(held2.resolutions[0]!.passed).toBe(false)
    expectFail(await cloud.call(USERS.staff, publishNotice, { topicId: other.id, text: '公告' }), 'NO_PASSED_RESOLUTION')
  })
})

describe('revising the notice', () => {
  test('keeps the history, restarts the objection window with the same length, and is refused once progress is disclosed', async () => {
    // Publish in the Beijing morning, so a window measured in hours would differ from one in calendar days.
    const day0 = plusDays(bjDate(cloud.now()), 1)
    cloud.advanceTo(bjAt(day0, '09:00'))
    const first = await noticed('revise')
    expect(first.notice!.closesAt).toBe(endOfBjDay(plusDays(day0, 5)))
    expectOk(await cloud.call(USERS.resident, fileObjection, { topicId: first.id, text: '施工时间请避开午休' }))

    cloud.advanceTo(bjAt(plusDays(day0, 2), '10:00'))
    const revised = expectOk(await cloud.call(USERS.staff, reviseNotice, { topicId: first.id, text: '修改后的拟办意见：施工避开午休时段。', reason: '采纳居民异议' })).topic
    expect(revised.notice!.revision).toBe(2)
    expect(revised.noticeHistory).toHaveLength(2)
    expect(revised.noticeHistory.map((n) => [n.revision, n.text])).toEqual([
      [1, '拟办意见公告：按议定事项办理。'],
      [2, '修改后的拟办意见：施工避开午休时段。'],
    ])
    expect(revised.noticeHistory[1]!.reason).toBe('采纳居民异议')
    // The same 5-day window, from the revision.
    const newClose = endOfBjDay(plusDays(day0, 2 + 5))
    expect(revised.notice!.closesAt).toBe(newClose)
    // The disclosure clock restarts from the new close.
    expect(revised.resolutions[0]!.disclosureDueAt).toBe(endOfBjDay(plusDays(day0, 2 + 5 + 7)))

    // After the first window would have closed, residents may still object (to revision 2).
    cloud.advanceTo(bjAt(plusDays(day0, 6), '12:00'))
    const late = expectOk(await cloud.call(USERS.resident2, fileObjection, { topicId: first.id, text: '希望公示施工单位' })).topic
    expect(late.stage).toBe('noticed')
    expect(late.objections.map((o) => o.noticeRevision)).toEqual([1, 2])

    // After the new window: handling. Once a progress disclosure is out, the notice can no longer be revised.
    cloud.advanceTo(bjAt(plusDays(day0, 8), '09:00'))
    expectFail(await cloud.call(USERS.resident2, fileObjection, { topicId: first.id, text: '再提一条' }), 'WRONG_STAGE')
    expectOk(await cloud.call(USERS.staff, publishProgress, { resolutionId: revised.resolutions[0]!.id, text: '施工单位已进场' }))
    expectFail(await cloud.call(USERS.staff, reviseNotice, { topicId: first.id, text: '再改一次', reason: '补充' }), 'WRONG_STAGE')
    const after = expectOk(await cloud.call(USERS.resident, getTopic, { topicId: first.id })).topic
    expect(after.noticeHistory).toHaveLength(2)
  })
})

describe('content security on reports', () => {
  test('a "review" text is stored but held: not triaged, not attached, not put in a topic until cleared', async () => {
    const held = expectOk(
      await cloud.call(USERS.resident, submitReport, { clientRequestId: requestId('held'), text: '楼下小广告写着加微信办证，请清理', category: 'environment', photos: [], location: null }),
    ).report
    expect(held.status).toBe('heldForReview')
    expect(held.timeline.map((t) => t.kind)).toEqual(['submitted', 'held'])

    expectFail(await cloud.call(USERS.gridEast, triageReport, { reportId: held.id, kind: 'reply', note: '已知悉' }), 'WRONG_STAGE')
    expectFail(
      await cloud.call(USERS.staff, publishTopic, { title: '清理小广告', description: '楼道小广告', category: 'environment', meetingPlace: '议事厅', reportIds: [held.id], clientRequestId: requestId('heldtopic') }),
      'REPORT_NOT_AVAILABLE',
    )
    const topic = await newTopic(USERS.staff, 'attach')
    expectFail(await cloud.call(USERS.gridEast, attachReport, { topicId: topic.id, reportId: held.id }), 'WRONG_STAGE')
    expect(expectOk(await cloud.call(USERS.resident, getReport, { reportId: held.id })).report.status).toBe('heldForReview')

    // Only field staff in the report's grid may clear it.
    expectFail(await cloud.call(USERS.resident, clearReport, { reportId: held.id }), 'FORBIDDEN')
    expectFail(await cloud.call(USERS.gridWest, clearReport, { reportId: held.id }), 'OUT_OF_SCOPE')
    const cleared = expectOk(await cloud.call(USERS.gridEast, clearReport, { reportId: held.id })).report
    expect(cleared.status).toBe('submitted')
    expectFail(await cloud.call(USERS.gridEast, clearReport, { reportId: held.id }), 'WRONG_STAGE')
    const triaged = expectOk(await cloud.call(USERS.gridEast, triageReport, { reportId: held.id, kind: 'handle', note: '网格员当天清理', assigneeOpenid: USERS.gridEast, dueDate: '2999-01-01' })).report
    expect(triaged.status).toBe('handling')
    expect(triaged.timeline.map((t) => t.kind)).toEqual(['submitted', 'held', 'cleared', 'handle'])
  })

  test('a "risky" text is refused with CONTENT_RISKY and nothing is stored', async () => {
    const before = cloud.store.size('reports')
    const id = requestId('risky')
    expectFail(await cloud.call(USERS.resident, submitReport, { clientRequestId: id, text: '有人在3栋地下室聚众赌博', category: 'public_order', photos: [], location: null }), 'CONTENT_RISKY')
    expect(cloud.store.size('reports')).toBe(before)
    // The request id was not used up: the corrected text goes through as a new report.
    const fixed = expectOk(await cloud.call(USERS.resident, submitReport, { clientRequestId: id, text: '3栋地下室夜间有人聚集喧哗', category: 'public_order', photos: [], location: null }))
    expect(fixed.duplicateRequest).toBe(false)
    expect(fixed.report.text).toBe('3栋地下室夜间有人聚集喧哗')
    expect(cloud.store.size('reports')).toBe(before + 1)
  })
})

describe('monthly callbacks (月回访)', () => {
  test('results of a Beijing month are listed in the next month, due the 20th; not_fixed reopens, fixed does not', async () => {
    const a = await noticed('cb-a')
    const b = await noticed('cb-b')
    const c = await noticed('cb-c')
    const [ra, rb, rc] = [a, b, c].map((t) => t.resolutions[0]!.id) as [string, string, string]
    // 23:30 Beijing on the last day of a month, at least a week on (the notices have closed by then).
    let month = bjDate(cloud.now().getTime() + 7 * DAY).slice(0, 7)
    if (bjAt(lastDayOf(month), '23:30').getTime() <= cloud.now().getTime() + 7 * DAY) month = monthAfter(month)
    const next = monthAfter(month)
    cloud.advanceTo(bjAt(lastDayOf(month), '23:30'))
    expectOk(await cloud.call(USERS.staff, publishResult, { resolutionId: ra, text: '已完成' }))
    expectOk(await cloud.call(USERS.staff, publishResult, { resolutionId: rb, text: '已完成' }))
    // 00:30 Beijing on the 1st is still the previous day in UTC: this result belongs to the next month.
    cloud.advanceTo(bjAt(`${next}-01`, '00:30'))
    expectOk(await cloud.call(USERS.staff, publishResult, { resolutionId: rc, text: '已完成' }))

    const list = expectOk(await cloud.call(USERS.staff, listCallbacks, {}))
    expect(list.month).toBe(month)
    expect(list.callbackDueAt).toBe(endOfBjDay(`${next}-20`))
    const mine = list.items.filter((i) => [ra, rb, rc].includes(i.resolutionId))
    // Completed in the month: ra and rb. rc's result belongs to the next month; this month's list carries it only if it
    // was decided in this month (月回访 covers items decided or completed).
    expect(mine.filter((i) => i.reason !== 'decided').map((i) => i.resolutionId).sort()).toEqual([ra, rb].sort())
    expect(mine.filter((i) => i.resolutionId === rc).every((i) => i.reason === 'decided')).toBe(true)
    for (const i of mine) {
      expect(i.callbackDueAt).toBe(endOfBjDay(`${next}-20`))
      expect(i.callback).toBeNull()
    }
    const nextList = expectOk(await cloud.call(USERS.staff, listCallbacks, { month: next }))
    expect(nextList.items.map((i) => i.resolutionId)).toContain(rc)
    expect(nextList.callbackDueAt).toBe(endOfBjDay(`${monthAfter(next)}-20`))
    expectFail(await cloud.call(USERS.resident, listCallbacks, {}), 'FORBIDDEN')
    // The county office sees the list too.
    expect(expectOk(await cloud.call(USERS.county, listCallbacks, {})).items.map((i) => i.resolutionId)).toEqual(expect.arrayContaining([ra, rb]))

    cloud.advanceTo(bjAt(`${next}-03`, '10:00'))
    expectFail(await cloud.call(USERS.resident, recordCallback, { resolutionId: ra, outcome: 'not_fixed', note: 'x' }), 'FORBIDDEN')
    const reopened = expectOk(await cloud.call(USERS.staff, recordCallback, { resolutionId: ra, outcome: 'not_fixed', note: '回访发现路灯又坏了' })).resolution
    expect(reopened.status).toBe('handling')
    expect(reopened.resultPublishedAt).toBeNull()
    expect(reopened.disclosureDueAt).toBe(endOfBjDay(`${next}-10`))
    expect(reopened.callback).toMatchObject({ month, outcome: 'not_fixed' })
    const topicA = expectOk(await cloud.call(USERS.resident, getTopic, { topicId: a.id })).topic
    expect(topicA.stage).toBe('handling')
    expect(topicA.resultPublishedAt).toBeNull()
    // Reopened, it owes disclosures again and may be published again; the month's callback is not recorded twice.
    expectFail(await cloud.call(USERS.staff, recordCallback, { resolutionId: ra, outcome: 'fixed', note: 'x', month }), 'ALREADY_DONE')
    expectOk(await cloud.call(USERS.staff, publishProgress, { resolutionId: ra, text: '已重新报修' }))

    const kept = expectOk(await cloud.call(USERS.county, recordCallback, { resolutionId: rb, outcome: 'fixed', note: '居民满意' })).resolution
    expect(kept.status).toBe('done')
    expect(kept.resultPublishedAt).not.toBeNull()
    expect(kept.disclosureDueAt).toBeNull()
    expect(expectOk(await cloud.call(USERS.resident, getTopic, { topicId: b.id })).topic.stage).toBe('resultPublished')
    const after = expectOk(await cloud.call(USERS.staff, listCallbacks, { month }))
    // The item stays on its month's list with the callback recorded; a second callback on the same result is refused.
    expect(after.items.find((i) => i.resolutionId === rb)!.callback).toMatchObject({ outcome: 'fixed', note: '居民满意' })
    expectFail(await cloud.call(USERS.staff, recordCallback, { resolutionId: rb, outcome: 'not_fixed', note: '再回访' }), 'ALREADY_DONE')
    // Reach: the township supervisor sees the township's items, another community's staff do not.
    expect(expectOk(await cloud.call(USERS.township, listCallbacks, { month })).items.map((i) => i.resolutionId)).toContain(rb)
    expect(expectOk(await cloud.call(USERS.otherStaff, listCallbacks, { month })).items.map((i) => i.resolutionId)).not.toContain(rb)
  })
})

describe('per-community settings', () => {
  test('the objection window and the disclosure period come from the community document', async () => {
    cloud.store.update('communities', { _id: 'c_jinsha' }, { 'settings.objectionWindowDays': 3, 'settings.disclosurePeriodDays': 10 }, { multi: false, merge: true, upsert: false })
    const day = bjDate(cloud.now())
    const jinsha = await noticed('settings-jinsha', USERS.otherStaff)
    expect(jinsha.notice!.closesAt).toBe(endOfBjDay(plusDays(day, 3)))
    expect(jinsha.resolutions[0]!.disclosureDueAt).toBe(endOfBjDay(plusDays(day, 3 + 10)))
    // The neighbouring community keeps the defaults (5 and 7).
    const pingshan = await noticed('settings-pingshan')
    expect(pingshan.notice!.closesAt).toBe(endOfBjDay(plusDays(day, 5)))
    expect(pingshan.resolutions[0]!.disclosureDueAt).toBe(endOfBjDay(plusDays(day, 5 + 7)))

    // After each disclosure the next is due within the community's period.
    cloud.advanceTo(bjAt(plusDays(day, 4), '10:00'))
    expectFail(await cloud.call(USERS.otherResident, fileObjection, { topicId: jinsha.id, text: '晚了' }), 'WRONG_STAGE')
    const progress = expectOk(await cloud.call(USERS.otherStaff, publishProgress, { resolutionId: jinsha.resolutions[0]!.id, text: '已开工' })).resolution
    expect(progress.disclosureDueAt).toBe(endOfBjDay(plusDays(day, 4 + 10)))
    // Still open in 屏山 (5 days).
    expectOk(await cloud.call(USERS.resident, fileObjection, { topicId: pingshan.id, text: '请公布预算' }))
  })
})

describe('home feed', () => {
  const FEED = 'c_feed'
  const staff = 'feed-staff-0001'
  const resident = 'feed-resident-0001'

  beforeAll(() => {
    const base = COMMUNITIES[0]!
    cloud.store.insert('communities', [{ ...base, _id: FEED, name: '议事示范社区', grids: [{ id: 'g_feed', name: '一网格', buildings: [{ id: 'b_f1', name: '1栋' }] }] }])
    cloud.store.insert('users', [
      { openid: staff, displayName: '钱主任', role: 'community_staff', communityId: FEED, gridId: null, buildingId: null, townshipId: base.townshipId, joinedAt: new Date() },
      { openid: resident, displayName: '孙大妈', role: 'resident', communityId: FEED, gridId: 'g_feed', buildingId: 'b_f1', townshipId: base.townshipId, joinedAt: new Date() },
    ])
  })

  test('groups the community topics by stage (10 per stage, newest first) with recent results', async () => {
    const handlingTopic = await noticed('feed-handling', staff)
    const resultTopic = await noticed('feed-result', staff)
    cloud.advance(6 * DAY)
    expectOk(await cloud.call(staff, publishResult, { resolutionId: resultTopic.resolutions[0]!.id, text: '已办结' }))
    const noticedTopic = await noticed('feed-noticed', staff)
    const deliberated = await newTopic(staff, 'feed-deliberated')
    expectOk(await cloud.call(staff, recordMeeting, meeting(deliberated.id, { assignee: staff })))
    const published: string[] = []
    for (let i = 0; i < 12; i++) {
      published.push((await newTopic(staff, `feed-published-${i}`)).id)
      cloud.advance(60_000)
    }

    const feed = expectOk(await cloud.call(resident, getHomeFeed, {}))
    expect(feed.community).toEqual({ id: FEED, name: '议事示范社区' })
    expect(feed.byStage.published.map((t) => t.id)).toEqual(published.slice(2).reverse())
    expect(feed.byStage.deliberated.map((t) => t.id)).toEqual([deliberated.id])
    expect(feed.byStage.noticed.map((t) => t.id)).toEqual([noticedTopic.id])
    expect(feed.byStage.handling.map((t) => t.id)).toEqual([handlingTopic.id])
    expect(feed.recentResults.map((t) => t.id)).toEqual([resultTopic.id])
    for (const [stage, list] of Object.entries(feed.byStage)) for (const t of list) expect(t.stage).toBe(stage)
    // Another community's topics never appear; a caller outside any community gets none.
    const all = [...Object.values(feed.byStage).flat(), ...feed.recentResults].map((t) => t.id)
    expect(all).toHaveLength(14)
    expectFail(await cloud.call('stranger-0002', getHomeFeed, {}), 'NOT_IN_COMMUNITY')
    expect(expectOk(await cloud.call(USERS.resident, getHomeFeed, {})).community.id).toBe('c_pingshan')
  })

  test('the board counts every item of a large community and shows each escalation of a deadline overdue now', async () => {
    // Seeded directly: 5,200 items in handling in a community of their own, 150 overdue and escalated for their
    // current deadline, 20 overdue whose escalation was for an earlier deadline (not escalated for this one).
    const BIG = 'c_big'
    const base = COMMUNITIES[0]!
    cloud.store.insert('communities', [{ ...base, _id: BIG, name: '大社区' }])
    cloud.store.insert('users', [{ openid: 'big-resident-0001', displayName: '周大爷', role: 'resident', communityId: BIG, gridId: 'g_east', buildingId: 'b_e1', townshipId: base.townshipId, joinedAt: new Date() }])
    const now = cloud.now().getTime()
    const late = new Date(now - 2 * DAY)
    const earlier = new Date(now - 9 * DAY)
    const docs = Array.from({ length: 5200 }, (_x, i) => {
      const overdue = i < 170
      return {
        _id: `big_${String(i).padStart(5, '0')}_r01`,
        topicId: `big_${String(i).padStart(5, '0')}`,
        communityId: BIG,
        townshipId: base.townshipId,
        title: `事项${i}`,
        vote: { for: 10, against: 0, abstain: 0 },
        passed: true,
        assigneeName: `承办人${i % 7}`,
        assigneeOpenid: null,
        dueAt: new Date(now + 30 * DAY),
        handlingFrom: new Date(now - 20 * DAY),
        disclosureDueAt: overdue ? late : new Date(now + 3 * DAY),
        disclosures: [{ at: new Date(now - 15 * DAY), dueAt: new Date(now - 13 * DAY), text: '已开工', photos: [], by: 'x', final: false }],
        resultPublishedAt: null,
        reopenedAt: null,
        callback: null,
        ratingCount: 0,
        ratingSum: 0,
        openDueAt: new Date(now + 30 * DAY),
      }
    })
    cloud.store.insert('resolutions', docs)
    const escalation = (i: number, dueAt: Date) => ({
      _id: `escalate:disclosure:${docs[i]!._id}:${dueAt.getTime()}`,
      communityId: BIG,
      townshipId: base.townshipId,
      resolutionId: docs[i]!._id,
      ratingId: null,
      topicId: docs[i]!.topicId,
      deadline: 'disclosure',
      dueAt,
      escalatedAt: new Date(dueAt.getTime() + 60_000),
      text: '已逾期',
    })
    cloud.store.insert('escalations', [...Array.from({ length: 150 }, (_x, i) => escalation(i, late)), ...Array.from({ length: 20 }, (_x, i) => escalation(150 + i, earlier))])

    // The home feed shows the board's head; the board page has every line.
    const head = expectOk(await cloud.call('big-resident-0001', getHomeFeed, {})).board
    expect(head.community.overdue).toBe(170)
    expect(head.overdue).toHaveLength(10)
    const board = expectOk(await cloud.call('big-resident-0001', getBoard, {})).board
    expect(board.community.items).toBe(5200)
    expect(board.community.overdue).toBe(170)
    expect(board.assignees.reduce((n, l) => n + l.items, 0)).toBe(5200)
    expect(board.overdue).toHaveLength(170)
    const escalatedAt = new Map(board.overdue.map((o) => [o.resolutionId, o.escalatedAt]))
    for (let i = 0; i < 150; i++) expect(escalatedAt.get(docs[i]!._id)).toBe(new Date(late.getTime() + 60_000).toISOString())
    for (let i = 150; i < 170; i++) expect(escalatedAt.get(docs[i]!._id)).toBeNull()
  }, 60000)

  test('the next deliberation day is the second Wednesday at 19:00 Beijing time', async () => {
    const now = cloud.now()
    let month = bjDate(now).slice(0, 7)
    if (bjAt(secondWednesday(month), '19:00').getTime() <= now.getTime()) month = monthAfter(month)
    const date = secondWednesday(month)
    const feed = expectOk(await cloud.call(resident, getHomeFeed, {}))
    expect(feed.nextDeliberationDay.date).toBe(date)
    expect(feed.nextDeliberationDay.startsAt).toBe(`${date}T11:00:00.000Z`)
    expect(feed.nextDeliberationDay.label).toBe(`${Number(date.slice(5, 7))}月${Number(date.slice(8))}日（周三）19:00`)
    // A new topic's meeting defaults to it.
    expect((await newTopic(staff, 'feed-default-meeting')).meetingAt).toBe(`${date}T11:00:00.000Z`)

    // One minute before it starts it is still next; once it has started, next month's.
    cloud.advanceTo(bjAt(date, '18:59'))
    expect(expectOk(await cloud.call(resident, getHomeFeed, {})).nextDeliberationDay.startsAt).toBe(`${date}T11:00:00.000Z`)
    cloud.advanceTo(bjAt(date, '19:01'))
    const following = secondWednesday(monthAfter(month))
    const later = expectOk(await cloud.call(resident, getHomeFeed, {})).nextDeliberationDay
    expect(later.date).toBe(following)
    expect(later.startsAt).toBe(`${following}T11:00:00.000Z`)
  })
})

describe('invitations', () => {
  test('the township supervisor invites community staff; the new staff can publish topics; used and expired codes are refused', async () => {
    const newcomer = 'new-staff-0001'
    expectFail(await cloud.call(newcomer, publishTopic, { title: '未绑定', description: 'x', category: 'other', meetingPlace: '议事厅', clientRequestId: requestId('unbound') }), 'UNAUTHENTICATED')
    expectFail(await cloud.call(USERS.resident, issueInvitation, { role: 'community_staff', communityId: 'c_pingshan' }), 'FORBIDDEN')
    expectFail(await cloud.call(USERS.township, issueInvitation, { role: 'grid_worker', communityId: 'c_pingshan', gridId: 'g_east' }), 'FORBIDDEN')

    const invitation = expectOk(await cloud.call(USERS.township, issueInvitation, { role: 'community_staff', communityId: 'c_pingshan' }))
    expect(invitation.code).toMatch(/^[A-Z0-9]{8}$/)
    expect(invitation.role).toBe('community_staff')
    const joined = expectOk(await cloud.call(newcomer, redeemInvitation, { code: invitation.code, displayName: '新干事' })).user
    expect(joined).toMatchObject({ role: 'community_staff', communityId: 'c_pingshan', townshipId: 'ts_pingshan' })
    expect(expectOk(await cloud.call(newcomer, whoAmI, {})).user!.role).toBe('community_staff')
    const topic = await newTopic(newcomer, 'by-newcomer')
    expect(topic.stage).toBe('published')

    expectFail(await cloud.call('new-staff-0002', redeemInvitation, { code: invitation.code, displayName: '冒用者' }), 'INVITATION_USED')
    expect(expectOk(await cloud.call('new-staff-0002', whoAmI, {})).user).toBeNull()
    expectFail(await cloud.call('new-staff-0002', redeemInvitation, { code: 'ZZZZ2222', displayName: '猜码者' }), 'INVITATION_INVALID')

    const stale = expectOk(await cloud.call(USERS.township, issueInvitation, { role: 'community_staff', communityId: 'c_pingshan' }))
    cloud.advance(7 * DAY + 60_000)
    expectFail(await cloud.call('new-staff-0003', redeemInvitation, { code: stale.code, displayName: '迟到者' }), 'INVITATION_EXPIRED')
    expect(expectOk(await cloud.call('new-staff-0003', whoAmI, {})).user).toBeNull()
  })
})

describe('indexes', () => {
  test('no query of the flow above went without an index', () => {
    expect(cloud.store.unindexed).toEqual([])
  })
})
