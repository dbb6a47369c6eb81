import ExcelJS from 'exceljs'
import { startFlowCloud, expectOk, USERS, type FlowCloud } from '../support/flow'
import { addUser } from '../support/flow-scenarios'
import { answerSupervision, exportCountyCycle, getCountyCycle, getTownshipOverview, listMonthlyReviews, recordMonthlyReview, superviseEscalation, urgeItem } from '../../src/contracts/supervision'
import { beijingMonthOf, monthRange, previousMonth } from '../../src/domain/calendar'
import { assigneeBoard, boardLine } from '../../src/domain/board'
import { monthlyCallbackList, quarterReview, supervisionReplyDueAt, yearSummary, type CycleItem } from '../../src/domain/reports-cycle'

/**
 * The township's 督办 workbench and the county's cycle through the real SDK: the reports are recomputed here from the
 * documents in the store with the domain's functions and compared with what the function answers, and the xlsx
 * export is read back with exceljs.
 */

const DAY = 86_400_000
let cloud: FlowCloud
let now: Date
let month: string
let quarter: string
let year: number

/** An instant `days` into the Beijing month being reported on (days may run past its end or before its start). */
const inMonth = (days: number) => new Date(monthRange(month).from.getTime() + days * DAY + 4 * 3600_000)

function item(id: string, communityId: string, over: Record<string, unknown>) {
  return {
    _id: id,
    topicId: 'cyc-topic-1',
    communityId,
    townshipId: 'ts_pingshan',
    title: `事项 ${id}`,
    vote: { for: 10, against: 1, abstain: 0 },
    passed: true,
    assigneeName: '刘书记',
    assigneeOpenid: null,
    dueAt: inMonth(25),
    handlingFrom: inMonth(2),
    disclosureDueAt: null,
    disclosures: [],
    resultPublishedAt: null,
    reopenedAt: null,
    callback: null,
    ratingCount: 0,
    ratingSum: 0,
    openDueAt: null,
    ...over,
  }
}

beforeAll(async () => {
  cloud = await startFlowCloud()
  now = cloud.now()
  month = previousMonth(beijingMonthOf(now))
  const m = Number(month.slice(5))
  year = Number(month.slice(0, 4))
  quarter = `${year}-Q${Math.ceil(m / 3)}`
  addUser(cloud, 'cyc-township-other', { role: 'township_supervisor', communityId: null, townshipId: 'ts_other', displayName: '郑督办' })
  cloud.store.insert('topics', [
    { _id: 'cyc-topic-1', communityId: 'c_pingshan', gridId: null, title: '农贸市场选址', description: '', category: 'livelihood', reportIds: [], meetingPlace: '议事厅', meetingAt: inMonth(1), invitees: [], requiresFourDeliberations: false, deliberations: [], publishedAt: inMonth(-5), publishedBy: USERS.staff, heldAt: inMonth(1), minutes: '', attendance: { households: 46, invitedHouseholds: 60 }, meetingPhotos: [], quorumMet: true, noticedAt: inMonth(1), notice: null, noticeHistory: [], resultPublishedAt: null, counts: { joined: 312, followed: 0, support: 0, oppose: 0, opinions: 0, objections: 0, unansweredObjections: 0 }, version: 1 },
  ])
  cloud.store.insert('resolutions', [
    item('cyc-meeting-open', 'c_pingshan', { openDueAt: inMonth(25), disclosures: [{ at: inMonth(8), dueAt: inMonth(9), text: '进展', photos: [], by: 'x', final: false }] }),
    item('cyc-meeting-done', 'c_pingshan', { resultPublishedAt: inMonth(20), ratingCount: 2, ratingSum: 9, callback: { month, outcome: 'fixed', note: '已解决', at: inMonth(33), by: USERS.county } }),
    item('cyc-handle-late', 'c_jinsha', { topicId: null, source: 'handle', decidedAt: inMonth(-10), handlingFrom: inMonth(-10), dueAt: inMonth(-3), resultPublishedAt: inMonth(4) }),
    item('cyc-transfer-open', 'c_jinsha', { topicId: null, source: 'transfer', decidedAt: inMonth(12), handlingFrom: inMonth(12), dueAt: inMonth(14), openDueAt: inMonth(14) }),
    item('cyc-rejected', 'c_pingshan', { passed: false }),
    item('cyc-older', 'c_pingshan', { handlingFrom: inMonth(-70), dueAt: inMonth(-60), resultPublishedAt: inMonth(-65) }),
  ])
  cloud.store.insert('ratings', [
    { _id: 'cyc-r1', resolutionId: 'cyc-meeting-done', topicId: 'cyc-topic-1', communityId: 'c_pingshan', openid: USERS.resident, raterName: '王', stars: 5, comment: '', at: inMonth(21), replyDueAt: null, pendingReplyDueAt: null, reply: null },
    { _id: 'cyc-r2', resolutionId: 'cyc-meeting-done', topicId: 'cyc-topic-1', communityId: 'c_pingshan', openid: USERS.resident2, raterName: '李', stars: 4, comment: '', at: inMonth(22), replyDueAt: null, pendingReplyDueAt: null, reply: null },
  ])
  cloud.store.insert('escalations', [
    { _id: 'cyc-esc-1', communityId: 'c_jinsha', townshipId: 'ts_pingshan', resolutionId: 'cyc-transfer-open', ratingId: null, topicId: null, deadline: 'handling', dueAt: inMonth(14), escalatedAt: inMonth(15), text: '转交事项逾期未办结' },
    { _id: 'cyc-esc-2', communityId: 'c_pingshan', townshipId: 'ts_pingshan', resolutionId: 'cyc-meeting-open', ratingId: null, topicId: 'cyc-topic-1', deadline: 'disclosure', dueAt: inMonth(16), escalatedAt: inMonth(17), text: '办理情况逾期未公示' },
  ])
}, 30000)
afterAll(async () => {
  await cloud?.dispose()
})

/** Read straight from the store, community by community (the store, too, serves queries only through declared indexes). */
const COMMUNITIES = ['c_pingshan', 'c_jinsha']
const byCommunity = (collection: string) => COMMUNITIES.flatMap((communityId) => cloud.store.find(collection, { communityId }))
const storeItems = () => byCommunity('resolutions') as unknown as CycleItem[]
const storeEscalations = () => byCommunity('escalations') as unknown as { _id: string; communityId: string; resolutionId: string; escalatedAt: Date; supervisedAt?: Date | null }[]

describe('the county cycle matches the items in the store', () => {
  test('月回访 lists every item decided or completed last month, meeting and 三单 alike, due by the 20th', async () => {
    const got = expectOk(await cloud.call(USERS.county, getCountyCycle, { kind: 'month', period: month }))
    const expected = monthlyCallbackList(storeItems(), month, now)
    const sheet = got.sheets[0]!
    expect(sheet.rows.map((r) => [r[1], r[2], r[8]])).toEqual(
      expected.rows.map((r) => [r.title, r.sourceLabel, { done: '已回访', due: '待回访', overdue: '逾期未回访' }[r.state]]),
    )
    // Written out: the rejected item and the one of an earlier month are not on the list.
    expect(sheet.rows.map((r) => r[1]).sort()).toEqual(['事项 cyc-handle-late', '事项 cyc-meeting-done', '事项 cyc-meeting-open', '事项 cyc-transfer-open'])
    expect(got.headline).toContain(`${month} 月回访：4 项`)
  })

  test('季盘点 lists the quarter items that needed the county and what is still open', async () => {
    const got = expectOk(await cloud.call(USERS.county, getCountyCycle, { kind: 'quarter', period: quarter }))
    const expected = quarterReview(storeItems(), storeEscalations(), quarter, now)
    expect(got.sheets[0]!.rows.map((r) => [r[1], r[4], r[6]])).toEqual(expected.needingCounty.map((r) => [r.title, r.escalations, r.open ? '未办结' : '已办结']))
    expect(expected.needingCounty.map((r) => r.resolutionId).sort()).toEqual(['cyc-meeting-open', 'cyc-transfer-open'])
    expect(got.headline).toContain(`仍未办结 ${expected.stillOpen} 项`)
  })

  test('年总结 counts meetings, people, items by source and category, disclosures, satisfaction, overdue and escalations', async () => {
    const got = expectOk(await cloud.call(USERS.county, getCountyCycle, { kind: 'year', period: String(year) }))
    const topics = byCommunity('topics') as never[]
    const ratings = storeItems().flatMap((i) => cloud.store.find('ratings', { resolutionId: i._id })) as never[]
    const s = yearSummary({ items: storeItems(), topics, ratings, escalations: storeEscalations() }, year, now)
    const figures = Object.fromEntries(got.sheets[0]!.rows.map((r) => [r[0], r[1]]))
    expect(figures).toMatchObject({
      议事次数: s.meetings,
      参与人数: s.participants,
      参与户数: s.households,
      议定事项: s.items,
      其中受理自办: s.bySource.handle,
      其中转交办理: s.bySource.transfer,
      评价数: s.ratings,
      逾期事项: s.overdue,
      逾期提请: s.escalations,
    })
    expect(got.headline).toContain(s.phrase)
    expect(s.phrase).toContain('引导300余名居民、40余户参与议事，议事1次')
  })

  test('a township supervisor sees only the township; one of another township sees nothing', async () => {
    const other = expectOk(await cloud.call('cyc-township-other', getCountyCycle, { kind: 'month', period: month }))
    expect(other.sheets[0]!.rows).toEqual([])
    const own = expectOk(await cloud.call(USERS.township, getCountyCycle, { kind: 'month', period: month }))
    expect(own.sheets[0]!.rows).toHaveLength(4)
  })

  test.each([['month'], ['quarter'], ['year']] as const)('the %s report exports to an xlsx that opens with the same rows', async (kind) => {
    const period = kind === 'month' ? month : kind === 'quarter' ? quarter : String(year)
    const shown = expectOk(await cloud.call(USERS.county, getCountyCycle, { kind, period }))
    const exported = expectOk(await cloud.call(USERS.county, exportCountyCycle, { kind, period }))
    expect(exported.rows).toBe(shown.sheets.reduce((n, s) => n + s.rows.length, 0))
    const res = await fetch(exported.tempFileURL)
    expect(res.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
    const read = book.worksheets.map((ws) => {
      const rows: (string | number)[][] = []
      ws.eachRow((row) => rows.push((row.values as (string | number)[]).slice(1)))
      return { name: ws.name, columns: rows[0], rows: rows.slice(1) }
    })
    expect(read).toEqual(shown.sheets)
  })
})

describe('督办: the township supervisor acts on an escalation; the community replies on a clock', () => {
  test('the workbench ranks the communities and lists the escalations to act on', async () => {
    const o = expectOk(await cloud.call(USERS.township, getTownshipOverview, {}))
    expect(o.communities.map((c) => c.key).sort()).toEqual(['c_jinsha', 'c_pingshan'])
    const esc = o.escalations.find((e) => e.id === 'cyc-esc-1')!
    expect(esc).toMatchObject({ communityName: expect.any(String), supervision: null, allowedActions: ['superviseEscalation', 'urgeItem'] })
    // The ranking read from the summaries equals the lines computed from every item in the store at this instant.
    for (const line of o.communities) {
      const items = storeItems().filter((r) => r.communityId === line.key) as unknown as Parameters<typeof boardLine>[2]
      expect(line).toEqual(boardLine(line.key, line.label, items, now))
    }
    const pingshan = storeItems().filter((r) => r.communityId === 'c_pingshan') as unknown as Parameters<typeof boardLine>[2]
    expect(o.assignees.filter((a) => a.key.startsWith('c_pingshan:')).map(({ key, label, ...rest }) => ({ key: key.slice('c_pingshan:'.length), label: label.replace(/（.*）$/, ''), ...rest })).sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      assigneeBoard(pingshan, now).sort((a, b) => a.key.localeCompare(b.key)),
    )
    // Every escalation not yet answered is listed, and only those.
    expect(o.escalations.map((e) => e.id).sort()).toEqual(storeEscalations().filter((e) => !(e as { supervision?: { answer?: unknown } }).supervision?.answer).map((e) => e._id).sort())
    const staff = await cloud.call(USERS.otherStaff, getTownshipOverview, {})
    expect(staff.ok ? 'ok' : staff.error.code).toBe('FORBIDDEN')
  })

  test('supervise → reply due in 3 working days → the community answers once', async () => {
    const supervised = expectOk(await cloud.call(USERS.township, superviseEscalation, { escalationId: 'cyc-esc-1', note: '请本周内完成并公示' })).escalation
    expect(supervised.supervision).toMatchObject({ note: '请本周内完成并公示', replyDueAt: supervisionReplyDueAt(now).toISOString(), answer: null, replyOverdue: false })
    const again = await cloud.call(USERS.township, superviseEscalation, { escalationId: 'cyc-esc-1', note: '再次督办' })
    expect(again.ok ? 'ok' : again.error.code).toBe('ALREADY_DONE')
    const wrongCommunity = await cloud.call(USERS.staff, answerSupervision, { escalationId: 'cyc-esc-1', text: '不是我们社区' })
    expect(wrongCommunity.ok ? 'ok' : wrongCommunity.error.code).toBe('OUT_OF_SCOPE')
    const answered = expectOk(await cloud.call(USERS.otherStaff, answerSupervision, { escalationId: 'cyc-esc-1', text: '已协调住建部门，本周完成' })).escalation
    expect(answered.supervision!.answer).toMatchObject({ text: '已协调住建部门，本周完成' })
    const twice = await cloud.call(USERS.otherStaff, answerSupervision, { escalationId: 'cyc-esc-1', text: '再答一次' })
    expect(twice.ok ? 'ok' : twice.error.code).toBe('ALREADY_DONE')
    const unsupervised = await cloud.call(USERS.staff, answerSupervision, { escalationId: 'cyc-esc-2', text: '未督办' })
    expect(unsupervised.ok ? 'ok' : unsupervised.error.code).toBe('WRONG_STAGE')
    // History: both steps recorded under the 三单 item (it has no topic).
    const events = cloud.store.find('topic_events', { topicId: 'cyc-transfer-open' }) as unknown as { type: string }[]
    expect(events.map((e) => e.type)).toEqual(['supervised', 'supervisionAnswered'])
    // The supervision counts in the quarter review.
    const review = quarterReview(storeItems(), storeEscalations(), quarter, now)
    expect(review.needingCounty.find((r) => r.resolutionId === 'cyc-transfer-open')).toBeDefined()
  })
})

describe('催办: a reminder to the assignee, counted, at most once a Beijing day per item', () => {
  test('the township urges an open item; again the same day is refused; the next day counts a second; a done item is not urged', async () => {
    const first = expectOk(await cloud.call(USERS.township, urgeItem, { resolutionId: 'cyc-transfer-open', note: '请尽快与住建部门对接' }))
    expect(first).toMatchObject({ urgeCount: 1, notified: expect.any(Number) })
    expect(first.notified).toBeGreaterThan(0)
    const again = await cloud.call(USERS.otherStaff, urgeItem, { resolutionId: 'cyc-transfer-open' })
    expect(again.ok ? 'ok' : again.error.code).toBe('ALREADY_DONE')
    // The item names no assignee: the community's staff are reminded, in their 消息.
    const notes = cloud.store.find('notifications', { openid: USERS.otherStaff }) as unknown as { title: string; status: string; note: string | null }[]
    expect(notes.filter((n) => n.status === '催办')).toEqual([expect.objectContaining({ title: '事项 cyc-transfer-open', note: '请尽快与住建部门对接' })])
    cloud.advance(DAY)
    expect(expectOk(await cloud.call(USERS.otherStaff, urgeItem, { resolutionId: 'cyc-transfer-open' })).urgeCount).toBe(2)
    const done = await cloud.call(USERS.township, urgeItem, { resolutionId: 'cyc-meeting-done' })
    expect(done.ok ? 'ok' : done.error.code).toBe('WRONG_STAGE')
    const stored = (cloud.store.find('resolutions', { communityId: 'c_jinsha' }) as unknown as { _id: string; urgeCount?: number }[]).find((r) => r._id === 'cyc-transfer-open')!
    expect(stored.urgeCount).toBe(2)
  })
})

describe('一月一问效: one record per community per month, history kept', () => {
  test('the township records, corrects (the earlier version kept); the community and the county read it; another township cannot record', async () => {
    const before = expectOk(await cloud.call(USERS.township, listMonthlyReviews, { month }))
    const byId = [...before.reviews].sort((a, b) => a.communityId.localeCompare(b.communityId))
    expect(byId.map((r) => [r.communityId, r.review, r.allowedActions])).toEqual([
      ['c_jinsha', null, ['recordMonthlyReview']],
      ['c_pingshan', null, ['recordMonthlyReview']],
    ])
    expectOk(await cloud.call(USERS.township, recordMonthlyReview, { communityId: 'c_pingshan', month, evaluation: 'fair', notes: '路灯维修滞后' }))
    const corrected = expectOk(await cloud.call(USERS.township, recordMonthlyReview, { communityId: 'c_pingshan', month, evaluation: 'good', notes: '复查：路灯已修复' })).review
    expect(corrected.review).toMatchObject({ evaluation: 'good', evaluationLabel: '良好', notes: '复查：路灯已修复' })
    expect(corrected.revisions.map((r) => r.notes)).toEqual(['路灯维修滞后'])
    expect(cloud.store.find('monthly_reviews', { townshipId: 'ts_pingshan' })).toHaveLength(1)
    const community = expectOk(await cloud.call(USERS.staff, listMonthlyReviews, { month })).reviews
    expect(community.map((r) => [r.communityId, r.review?.evaluation, r.allowedActions])).toEqual([['c_pingshan', 'good', []]])
    const county = expectOk(await cloud.call(USERS.county, listMonthlyReviews, { month })).reviews
    expect(county.find((r) => r.communityId === 'c_pingshan')!.revisions).toHaveLength(1)
    const other = await cloud.call('cyc-township-other', recordMonthlyReview, { communityId: 'c_pingshan', month, evaluation: 'poor', notes: '越权' })
    expect(other.ok ? 'ok' : other.error.code).toBe('OUT_OF_SCOPE')
  })
})
