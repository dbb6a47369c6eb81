import { startFlowCloud, expectOk, expectFail, USERS, DAY, type FlowCloud } from '../support/flow'
import { PHOTO, registeredDepartment, triagedItem, uniqueId } from '../support/flow-scenarios'
import { submitReport, triageReport, getReport, listMyReports, markDuplicate, meTooReport } from '../../src/contracts/reports'
import { confirmResult, getItem, listCallbacks, publishProgress, publishResult, rateResult, recordCallback, replyToRating } from '../../src/contracts/resolutions'
import type { Resolution } from '../../src/domain/model'
import { COMMUNITIES } from '../../scripts/demo/places'
import { normalizedSummary, rebuildSummaries, type BoardSummary } from '../../src/domain/summaries'

/**
 * 三单 items to the end (issue 12), through the real functions on the local CloudBase: a report triaged 受理自办 or
 * 转交办理 gets a named assignee and a due date and becomes an item on the same clocks as a meeting's decided items —
 * progress disclosures every 7 days, 办结 with a result and photos, the reporter's confirmation (未解决 reopens) and
 * rating, a low rating's reply, the sweep's reminders and escalation, the month's callbacks.
 *
 * Calendar values are computed here independently of src/domain/calendar.ts: Beijing is UTC+8, so Beijing date D
 * ends at DT15:59:59.999Z.
 */
const H = 3600_000
const bjDate = (at: Date | number): string => new Date(new Date(at).getTime() + 8 * H).toISOString().slice(0, 10)
const endOfBjDay = (at: Date | number): string => `${bjDate(at)}T15:59:59.999Z`

let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
}, 30000)
afterAll(async () => {
  await cloud?.dispose()
})


test('受理自办: from a photo to a confirmed, rated result, its disclosures on the 7-day clock', async () => {
  // 随手拍: a photo, a line of text.
  const submitted = expectOk(
    await cloud.call(USERS.resident, submitReport, { clientRequestId: uniqueId('tri'), text: '5栋楼道灯不亮', category: 'infrastructure', photos: [PHOTO], location: null }),
  ).report
  // Triage names the east grid worker and a due date 20 Beijing days on.
  const triagedAt = cloud.now()
  const dueDate = bjDate(triagedAt.getTime() + 20 * DAY)
  const triaged = expectOk(
    await cloud.call(USERS.staff, triageReport, { reportId: submitted.id, kind: 'handle', note: '网格员负责更换灯泡', assigneeOpenid: USERS.gridEast, dueDate }),
  ).report
  expect(triaged.status).toBe('handling')
  const itemId = triaged.resolutionId!
  expect(itemId).toBeTruthy()

  // The reporter sees the item: assignee, due date, the first disclosure owed 7 Beijing days after the triage.
  let item = expectOk(await cloud.call(USERS.resident, getItem, { resolutionId: itemId })).resolution
  expect(item).toMatchObject({ source: 'handle', sourceLabel: '受理自办', topicId: null, reportId: submitted.id, assigneeName: '陈志强', status: 'handling', dueAt: `${dueDate}T15:59:59.999Z` })
  expect(item.disclosureDueAt).toBe(endOfBjDay(triagedAt.getTime() + 7 * DAY))
  expect(item.allowedActions).toEqual([])

  // Six days on, the assignee discloses progress: on time, and the next disclosure is owed 7 days after it.
  cloud.advance(6 * DAY)
  const disclosedAt = cloud.now()
  item = expectOk(await cloud.call(USERS.gridEast, publishProgress, { resolutionId: itemId, text: '已报修，灯具在路上', photos: [] })).resolution
  expect(item.disclosures).toHaveLength(1)
  expect(item.disclosures[0]!.onTime).toBe(true)
  expect(item.disclosureDueAt).toBe(endOfBjDay(disclosedAt.getTime() + 7 * DAY))

  // 办结 with a result and a photo.
  cloud.advance(2 * DAY)
  item = expectOk(await cloud.call(USERS.gridEast, publishResult, { resolutionId: itemId, text: '已更换灯泡，恢复照明', photos: [PHOTO] })).resolution
  expect(item.status).toBe('done')
  expect(item.disclosures.map((d) => d.final)).toEqual([false, true])

  // The reporter sees each step on 我的诉求, and may confirm and rate; a neighbour may do neither.
  const mine = expectOk(await cloud.call(USERS.resident, listMyReports, {})).reports.find((r) => r.id === submitted.id)!
  expect(mine.timeline.map((t) => t.kind)).toEqual(['submitted', 'handle', 'progress', 'result'])
  expect(mine.resolutionId).toBe(itemId)
  const asReporter = expectOk(await cloud.call(USERS.resident, getItem, { resolutionId: itemId })).resolution
  expect(asReporter.allowedActions.sort()).toEqual(['confirmResult', 'rateResult'])
  expectFail(await cloud.call(USERS.resident2, confirmResult, { resolutionId: itemId, solved: true }), 'FORBIDDEN')
  expectFail(await cloud.call(USERS.resident2, rateResult, { resolutionId: itemId, stars: 5 }), 'FORBIDDEN')
  expectFail(await cloud.call(USERS.resident2, getItem, { resolutionId: itemId }), 'OUT_OF_SCOPE')

  item = expectOk(await cloud.call(USERS.resident, confirmResult, { resolutionId: itemId, solved: true })).resolution
  expect(item.confirmation).toMatchObject({ solved: true })
  expect(item.status).toBe('done')
  expectFail(await cloud.call(USERS.resident, confirmResult, { resolutionId: itemId, solved: false }), 'ALREADY_DONE')

  // A low rating owes a public reply; the triaging staff give it.
  item = expectOk(await cloud.call(USERS.resident, rateResult, { resolutionId: itemId, stars: 2, comment: '修得太慢' })).resolution
  expect(item.ratingCount).toBe(1)
  const [rating] = item.ratings
  expect(rating!.replyDueAt).not.toBeNull()
  item = expectOk(await cloud.call(USERS.staff, replyToRating, { ratingId: rating!.id, text: '灯具缺货耽误了，已改进备件' })).resolution
  expect(item.ratings[0]!.reply).toMatchObject({ text: '灯具缺货耽误了，已改进备件' })

  // Its history is kept under its report, every step in order.
  const events = cloud.store.find('topic_events', { topicId: submitted.id }) as unknown as { type: string; data: { resolutionId?: string } }[]
  expect(events.map((e) => e.type)).toEqual(['itemDecided', 'progressPublished', 'resultPublished', 'resultConfirmed', 'rated', 'ratingReplied'])
  expect(events.every((e) => e.data.resolutionId === itemId)).toBe(true)
})

test('未解决 reopens the item: the result is withdrawn and the disclosure clock runs again from the confirmation', async () => {
  const { reportId, resolutionId } = await triagedItem(cloud)
  expectOk(await cloud.call(USERS.gridEast, publishResult, { resolutionId, text: '已清理', photos: [] }))
  cloud.advance(DAY)
  const confirmedAt = cloud.now()
  const reopened = expectOk(await cloud.call(USERS.resident, confirmResult, { resolutionId, solved: false })).resolution
  expect(reopened).toMatchObject({ status: 'handling', resultPublishedAt: null, confirmation: { solved: false } })
  expect(reopened.disclosureDueAt).toBe(endOfBjDay(confirmedAt.getTime() + 7 * DAY))
  const report = expectOk(await cloud.call(USERS.resident, getReport, { reportId })).report
  expect(report.timeline.map((t) => t.kind)).toEqual(['submitted', 'handle', 'result', 'reopened'])
  // Handled again: a new result, confirmed this time.
  expectOk(await cloud.call(USERS.gridEast, publishResult, { resolutionId, text: '彻底清理并加装挡板', photos: [] }))
  const solved = expectOk(await cloud.call(USERS.resident, confirmResult, { resolutionId, solved: true })).resolution
  expect(solved).toMatchObject({ status: 'done', confirmation: { solved: true } })
})

test('转交办理 without a named person: the department is the assignee, and the item is answered on the same clock', async () => {
  const report = expectOk(
    await cloud.call(USERS.resident, submitReport, { clientRequestId: uniqueId('tri'), text: '小区门口路面塌陷', category: 'infrastructure', photos: [PHOTO], location: null }),
  ).report
  const dueDate = bjDate(cloud.now().getTime() + 30 * DAY)
  const triaged = expectOk(await cloud.call(USERS.staff, triageReport, { reportId: report.id, kind: 'transfer', note: '属市政道路', departmentId: registeredDepartment(cloud, '住建局'), dueDate })).report
  expect(triaged.status).toBe('transferred')
  const item = expectOk(await cloud.call(USERS.staff, getItem, { resolutionId: triaged.resolutionId! })).resolution
  expect(item).toMatchObject({ source: 'transfer', sourceLabel: '转交办理', assigneeName: '住建局', status: 'handling' })
  const done = expectOk(await cloud.call(USERS.staff, publishResult, { resolutionId: item.id, text: '住建局已修复路面', photos: [] })).resolution
  expect(done.status).toBe('done')
})

test('triage refuses a 三单 item without its promises: an unknown assignee, a past due date, a missing assignee or date', async () => {
  const { id } = expectOk(
    await cloud.call(USERS.resident, submitReport, { clientRequestId: uniqueId('tri'), text: '垃圾桶满了', category: 'environment', photos: [], location: null }),
  ).report
  const far = bjDate(cloud.now().getTime() + 10 * DAY)
  expectFail(await cloud.call(USERS.staff, triageReport, { reportId: id, kind: 'handle', note: '跟进', assigneeOpenid: USERS.resident2, dueDate: far }), 'UNKNOWN_ASSIGNEE')
  expectFail(await cloud.call(USERS.staff, triageReport, { reportId: id, kind: 'handle', note: '跟进', assigneeOpenid: USERS.otherStaff, dueDate: far }), 'UNKNOWN_ASSIGNEE')
  expectFail(await cloud.call(USERS.staff, triageReport, { reportId: id, kind: 'handle', note: '跟进', assigneeOpenid: USERS.gridEast, dueDate: bjDate(cloud.now().getTime() - DAY) }), 'INVALID_DUE_DATE')
  expectFail(await cloud.call(USERS.staff, triageReport, { reportId: id, kind: 'handle', note: '跟进', dueDate: far }), 'INVALID_INPUT')
  expectFail(await cloud.call(USERS.staff, triageReport, { reportId: id, kind: 'transfer', note: '跟进', departmentId: registeredDepartment(cloud, '住建局') }), 'INVALID_INPUT')
  // Nothing was stored by the refusals: the report is still untriaged and no item exists.
  expect(cloud.store.find('resolutions', { communityId: 'c_pingshan' }).filter((r) => r.reportId === id)).toHaveLength(0)
  expect(expectOk(await cloud.call(USERS.staff, getReport, { reportId: id })).report.status).toBe('submitted')
})

test('the sweep escalates a 三单 item whose disclosure is overdue to the township, linking its item page; the month\'s callbacks list it once done', async () => {
  const { resolutionId } = await triagedItem(cloud)
  // Past its first disclosure deadline (7 Beijing days), with nothing disclosed.
  cloud.advance(8 * DAY)
  const sent = cloud.outbox().length
  await cloud.fireSweep()
  const toSupervisor = cloud.outbox().slice(sent).filter((m) => m.touser === USERS.township)
  expect(toSupervisor.map((m) => m.page)).toContain(`staff/item/index?id=${resolutionId}`)
  const escalated = (cloud.store.find('escalations', { communityId: 'c_pingshan' }) as unknown as { resolutionId: string; deadline: string; topicId: string | null }[]).filter((e) => e.resolutionId === resolutionId)
  expect(escalated.map((e) => e.deadline)).toEqual(['disclosure'])
  expect(escalated[0]!.topicId).toBeNull()
  const item = expectOk(await cloud.call(USERS.staff, getItem, { resolutionId })).resolution
  expect(item.status).toBe('overdue')
  // Done now: next month's 月回访 list carries it.
  const done = expectOk(await cloud.call(USERS.gridEast, publishResult, { resolutionId, text: '已处理', photos: [] })).resolution
  const month = bjDate(new Date(done.resultPublishedAt!)).slice(0, 7)
  const callbacks = expectOk(await cloud.call(USERS.staff, listCallbacks, { month }))
  expect(callbacks.items.filter((i) => i.resolutionId === resolutionId)).toEqual([expect.objectContaining({ resolutionId, topicId: null })])
})

test('a duplicate\'s reporter follows the survivor: its status and item on 我的诉求, and its news', async () => {
  // The same broken light, reported twice; staff mark the second a duplicate of the first.
  const first = expectOk(
    await cloud.call(USERS.resident, submitReport, { clientRequestId: uniqueId('dup'), text: '3栋路灯又坏了', category: 'infrastructure', photos: [PHOTO], location: null }),
  ).report
  const second = expectOk(
    await cloud.call(USERS.resident2, submitReport, { clientRequestId: uniqueId('dup'), text: '3栋那边晚上没灯', category: 'infrastructure', photos: [], location: null }),
  ).report
  const marked = expectOk(await cloud.call(USERS.staff, markDuplicate, { reportId: second.id, ofReportId: first.id }))
  expect(marked.report.duplicateOf).toBe(first.id)
  // Both linked: the duplicate names its survivor; the survivor's history records the merge.
  expect(marked.of.timeline.map((t) => t.kind)).toContain('duplicateJoined')
  // The duplicate left the inbox and cannot be merged or triaged again.
  expectFail(await cloud.call(USERS.staff, markDuplicate, { reportId: second.id, ofReportId: first.id }), 'ALREADY_DONE')
  expectFail(await cloud.call(USERS.staff, markDuplicate, { reportId: first.id, ofReportId: second.id }), 'NOT_DUPLICABLE')

  // The survivor is handled: the duplicate's reporter is told, and sees its status and item on 我的诉求.
  const sent = cloud.outbox().length
  const triaged = expectOk(
    await cloud.call(USERS.staff, triageReport, { reportId: first.id, kind: 'handle', note: '网格员更换灯泡', assigneeOpenid: USERS.gridEast, dueDate: bjDate(cloud.now().getTime() + 10 * DAY) }),
  ).report
  expect(cloud.outbox().slice(sent).map((m) => m.touser)).toEqual(expect.arrayContaining([USERS.resident, USERS.resident2]))
  const mine = expectOk(await cloud.call(USERS.resident2, listMyReports, {})).reports.find((r) => r.id === second.id)!
  expect(mine).toMatchObject({ status: 'handling', duplicateOf: first.id, resolutionId: triaged.resolutionId })
  expect(mine.timeline.map((t) => t.kind)).toEqual(['submitted', 'duplicate', 'handle'])
  // The follower may open the item and hears of its result; confirming and rating stay with the survivor's reporter.
  const item = expectOk(await cloud.call(USERS.resident2, getItem, { resolutionId: triaged.resolutionId! })).resolution
  expect(item.allowedActions).toEqual([])
  const beforeResult = cloud.outbox().length
  expectOk(await cloud.call(USERS.gridEast, publishResult, { resolutionId: triaged.resolutionId!, text: '已更换', photos: [] }))
  expect(cloud.outbox().slice(beforeResult).map((m) => m.touser)).toEqual(expect.arrayContaining([USERS.resident, USERS.resident2]))
  expectFail(await cloud.call(USERS.resident2, confirmResult, { resolutionId: triaged.resolutionId!, solved: true }), 'FORBIDDEN')
})

test('我也遇到 on a neighbour\'s open report shows as a count on that report\'s view', async () => {
  const first = expectOk(
    await cloud.call(USERS.resident, submitReport, { clientRequestId: uniqueId('me'), text: '2栋旁井盖松动', category: 'infrastructure', photos: [], location: null }),
  ).report
  expect(first.meTooCount).toBe(0)
  expectOk(await cloud.call(USERS.resident2, meTooReport, { reportId: first.id }))
  expectOk(await cloud.call(USERS.resident2, meTooReport, { reportId: first.id }))
  expect(expectOk(await cloud.call(USERS.resident, getReport, { reportId: first.id })).report.meTooCount).toBe(1)
  expect(expectOk(await cloud.call(USERS.staff, getReport, { reportId: first.id })).report.meTooCount).toBe(1)
})

test('三单 writes keep the board summaries exact without the sweep: triage, disclosure, result, 未解决, rating', async () => {
  // No sweep runs in this test: a write path that forgot to move the summaries would leave them unequal.
  const communityId = COMMUNITIES[0]!._id
  // The community's own summary (its township's also sums other communities, not all read here).
  const ofCommunity = (xs: BoardSummary[]) => xs.filter((x) => x.scope === 'community' && x._id.includes(communityId)).map(normalizedSummary)
  const stored = () => ofCommunity(cloud.store.find('board_summaries', { townshipId: COMMUNITIES[0]!.townshipId }) as unknown as BoardSummary[])
  const rebuilt = () => ofCommunity([...rebuildSummaries(cloud.store.find('resolutions', { communityId }) as unknown as Resolution[], cloud.now()).values()])
  await cloud.fireSweep() // settle what earlier tests left for the clock to move on
  expect(stored()).toEqual(rebuilt())
  const before = stored()[0]?.total.items ?? 0

  const report = expectOk(
    await cloud.call(USERS.resident, submitReport, { clientRequestId: uniqueId('sum'), text: '3栋门禁坏了', category: 'infrastructure', photos: [], location: null }),
  ).report
  const itemId = expectOk(
    await cloud.call(USERS.staff, triageReport, { reportId: report.id, kind: 'handle', note: '物业维修', assigneeOpenid: USERS.gridEast, dueDate: bjDate(cloud.now().getTime() + 10 * DAY) }),
  ).report.resolutionId!
  expect(stored()).toEqual(rebuilt())
  expect(stored()[0]!.total.items).toBe(before + 1)
  expectOk(await cloud.call(USERS.gridEast, publishProgress, { resolutionId: itemId, text: '已联系厂家', photos: [] }))
  expect(stored()).toEqual(rebuilt())
  expectOk(await cloud.call(USERS.gridEast, publishResult, { resolutionId: itemId, text: '门禁已修好', photos: [] }))
  expect(stored()).toEqual(rebuilt())
  expectOk(await cloud.call(USERS.resident, confirmResult, { resolutionId: itemId, solved: false }))
  expect(stored()).toEqual(rebuilt())
  expectOk(await cloud.call(USERS.gridEast, publishResult, { resolutionId: itemId, text: '更换了主板', photos: [] }))
  expectOk(await cloud.call(USERS.resident, rateResult, { resolutionId: itemId, stars: 4 }))
  expect(stored()).toEqual(rebuilt())
})

test('月回访 covers an item decided last month and still being handled: listed as decided, called back once, nothing reopens', async () => {
  const report = expectOk(
    await cloud.call(USERS.resident, submitReport, { clientRequestId: uniqueId('cbk'), text: '7栋外墙渗水', category: 'infrastructure', photos: [], location: null }),
  ).report
  const itemId = expectOk(
    await cloud.call(USERS.staff, triageReport, { reportId: report.id, kind: 'handle', note: '联系物业', assigneeOpenid: USERS.gridEast, dueDate: bjDate(cloud.now().getTime() + 60 * DAY) }),
  ).report.resolutionId!
  const decidedMonth = bjDate(cloud.now()).slice(0, 7)
  // Into the next Beijing month: last month's list carries the item, decided and not yet done.
  const [y, m] = decidedMonth.split('-').map(Number) as [number, number]
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
  cloud.advance(Date.parse(`${next}-03T02:00:00Z`) - cloud.now().getTime())
  const row = expectOk(await cloud.call(USERS.staff, listCallbacks, { month: decidedMonth })).items.find((i) => i.resolutionId === itemId)
  expect(row).toMatchObject({ reason: 'decided', resultPublishedAt: null, callback: null })
  const item = expectOk(await cloud.call(USERS.staff, recordCallback, { resolutionId: itemId, outcome: 'not_fixed', note: '居民反映仍在渗水', method: 'phone', reached: '7栋住户', month: decidedMonth })).resolution
  expect(item.status).not.toBe('done')
  expect(item.callback).toMatchObject({ month: decidedMonth, outcome: 'not_fixed' })
  expectFail(await cloud.call(USERS.staff, recordCallback, { resolutionId: itemId, outcome: 'fixed', note: '再记一次', month: decidedMonth }), 'ALREADY_DONE')
  expectFail(await cloud.call(USERS.staff, recordCallback, { resolutionId: itemId, outcome: 'fixed', note: '别的月份', month: next }), 'WRONG_STAGE')
  const listed = expectOk(await cloud.call(USERS.staff, listCallbacks, { month: decidedMonth })).items.find((i) => i.resolutionId === itemId)
  expect(listed?.callback).toMatchObject({ outcome: 'not_fixed', method: 'phone', reached: '7栋住户' })
})
