import { startFlowCloud, subscribeEveryone, expectOk, expectFail, USERS, DAY, type FlowCloud } from '../support/flow'
import { addUser, registeredDepartment, uniqueId } from '../support/flow-scenarios'
import { getReport, listMyReports, submitReport, triageReport } from '../../src/contracts/reports'
import { getItem } from '../../src/contracts/resolutions'
import type { OutboxMessage } from '../../local-cloudbase/openapi'
import { COMMUNITIES } from '../../scripts/demo/places'
import { newReport, newTriageItem } from '../../src/domain/records'
import { DEFAULT_SETTINGS } from '../../src/domain/model'

/**
 * Issue 12, departments finished, through the real functions on the local CloudBase:
 * 1. 转交办理 names a registered department by id only: a free-text department is refused, and a report and item stored
 *    before the rule (carrying only the department's name) still read back with that name.
 * 2. The hourly sweep reminds a transferred item's department members of its deadlines (not the community's staff),
 *    each once per ledger key however often it runs; the escalation still goes to the township's supervisor, and the
 *    community's staff get a copy of the escalation only (they answer the township's 督办).
 *
 * Calendar values are computed here independently of src/domain/calendar.ts: Beijing is UTC+8.
 */
const H = 3600_000
const bjDate = (at: Date | number): string => new Date(new Date(at).getTime() + 8 * H).toISOString().slice(0, 10)
const plusDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)
const bjAt = (date: string, hhmm: string): Date => new Date(Date.parse(`${date}T${hhmm}:00+08:00`))
const FAR_DUE_DATE = '2999-12-31'

let cloud: FlowCloud
/** Each story on a fresh local CloudBase, so the sweep's counts are about its own items only. */
function freshCloud(): void {
  beforeAll(async () => {
    cloud = await startFlowCloud()
  }, 30000)
  afterAll(async () => {
    await cloud?.dispose()
  })
}

async function reportOf(text: string): Promise<string> {
  return expectOk(await cloud.call(USERS.resident, submitReport, { clientRequestId: uniqueId('dtr'), text, category: 'infrastructure', photos: [], location: null })).report.id
}
/** The stored items a report's triage created (read through the communityId index). */
const itemsOf = (reportId: string) => cloud.store.find('resolutions', { communityId: 'c_pingshan' }).filter((r) => r.reportId === reportId)
/** Deadline messages (template deadline) since `from`, counted per recipient, for one item's title. */
function deadlineMessagesPerRecipient(from: number, title: string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const m of cloud.outbox().slice(from) as OutboxMessage[]) {
    if (m.templateId !== 'local-tpl-deadline' || m.data.thing1?.value !== title) continue
    counts[m.touser] = (counts[m.touser] ?? 0) + 1
  }
  return counts
}

describe('转交办理 names a registered department only', () => {
  freshCloud()
  test('a free-text department, or none, is refused as INVALID_INPUT and stores nothing; a registered one is stored by id and name', async () => {
    const id = await reportOf('路口信号灯不亮')
    const dueDate = bjDate(cloud.now().getTime() + 10 * DAY)
    expectFail(await cloud.call(USERS.staff, triageReport, { reportId: id, kind: 'transfer', note: '归交警', department: '交警大队', dueDate }), 'INVALID_INPUT')
    expectFail(await cloud.call(USERS.staff, triageReport, { reportId: id, kind: 'transfer', note: '归交警', dueDate }), 'INVALID_INPUT')
    expectFail(await cloud.call(USERS.staff, triageReport, { reportId: id, kind: 'transfer', note: '归交警', departmentId: 'dep_unregistered', dueDate }), 'UNKNOWN_DEPARTMENT')
    expect(itemsOf(id)).toHaveLength(0)
    expect(expectOk(await cloud.call(USERS.staff, getReport, { reportId: id })).report.status).toBe('submitted')

    const police = registeredDepartment(cloud, '交警大队', null)
    const triaged = expectOk(await cloud.call(USERS.staff, triageReport, { reportId: id, kind: 'transfer', note: '归交警', departmentId: police, dueDate })).report
    expect(triaged.triage).toMatchObject({ kind: 'transfer', department: '交警大队' })
    expect(itemsOf(id)[0]).toMatchObject({ departmentId: police, assigneeName: '交警大队' })
  })

  test('a report and its item transferred before the rule, by a department name only, still show that name to the reporter and to staff', async () => {
    const community = COMMUNITIES[0]!
    const at = new Date(cloud.now().getTime() - 3 * DAY)
    const reportId = `rp_legacy_${uniqueId('x').slice(-8)}`
    const report = newReport({
      id: reportId,
      communityId: community._id,
      gridId: 'g_east',
      buildingId: 'b_e2',
      reporter: { openid: USERS.resident, displayName: '王秀英' },
      clientRequestId: uniqueId('legacy'),
      text: '东门下水道堵塞返水',
      category: 'infrastructure',
      photos: [],
      location: null,
      submittedAt: at,
      heldForReview: false,
    })
    const item = newTriageItem({ report, townshipId: community.townshipId, kind: 'transfer', assigneeName: '县水务局', assigneeOpenid: null, departmentId: null, dueDate: FAR_DUE_DATE, at, settings: DEFAULT_SETTINGS })
    // As stored before departments were registered: a name in the triage, no departmentId on the item at all.
    const { departmentId: _none, ...legacyItem } = item
    const triage = { kind: 'transfer', by: USERS.staff, byName: '刘书记', note: '归水务', department: '县水务局', topicId: null }
    cloud.store.insert('reports', [{ ...report, triagedAt: at, triage, resolutionId: item._id, timeline: [...report.timeline, { at, kind: 'transfer', text: '转交办理：县水务局。归水务' }] }])
    cloud.store.insert('resolutions', [{ ...legacyItem }])

    const mine = expectOk(await cloud.call(USERS.resident, getReport, { reportId })).report
    expect(mine.triage).toMatchObject({ kind: 'transfer', department: '县水务局' })
    expect(mine.matter).toMatchObject({ kind: 'transfer', department: '县水务局' })
    expect(mine.matter?.handling).toMatchObject({ assigneeName: '县水务局' })
    const listed = expectOk(await cloud.call(USERS.resident, listMyReports, { limit: 20, offset: 0 })).reports.find((r) => r.id === reportId)
    expect(listed?.triage?.department).toBe('县水务局')
    expect(expectOk(await cloud.call(USERS.staff, getReport, { reportId })).report.triage).toMatchObject({ department: '县水务局' })
    expect(expectOk(await cloud.call(USERS.staff, getItem, { resolutionId: item._id })).resolution).toMatchObject({ source: 'transfer', assigneeName: '县水务局' })
  })
})

describe('the sweep reminds a transferred item’s department', () => {
  freshCloud()
  const POWER_A = 'dtr-power-a'
  const POWER_B = 'dtr-power-b'
  const HOUSING = 'dtr-housing'
  const POWER_TITLE = '小区变压器异响夜间更明显'
  const WATER_TITLE = '二次供水水箱无人清洗'

  test('due reminders go to each department member once per ledger key (two runs each time), not to community staff; the escalation also reaches the township and, as a copy, the community’s staff', async () => {
    // 供电 has two members, 住建 one (who must hear nothing of 供电's item); 水务 has none bound yet.
    const power = registeredDepartment(cloud, '供电所')
    const housing = registeredDepartment(cloud, '住建站')
    const water = registeredDepartment(cloud, '水务站', null)
    addUser(cloud, POWER_A, { role: 'department_staff', communityId: null, townshipId: 'ts_pingshan', departmentId: power, displayName: '周电工' })
    addUser(cloud, POWER_B, { role: 'department_staff', communityId: null, townshipId: 'ts_pingshan', departmentId: power, displayName: '吴电工' })
    addUser(cloud, HOUSING, { role: 'department_staff', communityId: null, townshipId: 'ts_pingshan', departmentId: housing, displayName: '钱工' })
    // As if each had accepted the deadline template: what reaches them shows in the outbox.
    subscribeEveryone(cloud, [POWER_A, POWER_B, HOUSING])

    // Both transferred now, with a far handling limit: the only deadline on the clock is the first disclosure (7 days).
    const toPower = await reportOf(POWER_TITLE)
    const toWater = await reportOf(WATER_TITLE)
    for (const [reportId, departmentId] of [[toPower, power], [toWater, water]] as const) {
      expectOk(await cloud.call(USERS.staff, triageReport, { reportId, kind: 'transfer', note: '转交部门办理', departmentId, dueDate: FAR_DUE_DATE }))
    }
    const D = plusDays(bjDate(cloud.now()), 7)
    const powerItem = itemsOf(toPower)[0] as { _id: string; disclosureDueAt: Date }
    expect(bjDate(powerItem.disclosureDueAt)).toBe(D)

    // The Beijing day before: the hourly run, then a second run the same hour.
    cloud.advanceTo(bjAt(plusDays(D, -1), '00:05'))
    let from = cloud.outbox().length
    const first = await cloud.fireSweep()
    expect(first).toMatchObject({ sent: 2, escalated: 0, skipped: 0 })
    expect(await cloud.fireSweep()).toMatchObject({ sent: 0, escalated: 0, skipped: 2 })
    expect(deadlineMessagesPerRecipient(from, POWER_TITLE)).toEqual({ [POWER_A]: 1, [POWER_B]: 1 })
    // 水务 has no member yet: its item's reminder falls back to the community's staff, so it is told to someone.
    expect(deadlineMessagesPerRecipient(from, WATER_TITLE)).toEqual({ [USERS.staff]: 1 })

    // The due day, twice.
    cloud.advanceTo(bjAt(D, '09:05'))
    from = cloud.outbox().length
    expect(await cloud.fireSweep()).toMatchObject({ sent: 2, escalated: 0 })
    expect(await cloud.fireSweep()).toMatchObject({ sent: 0, escalated: 0 })
    expect(deadlineMessagesPerRecipient(from, POWER_TITLE)).toEqual({ [POWER_A]: 1, [POWER_B]: 1 })

    // Past due, twice: escalated once, to the township's supervisor (as for every item), the members, and a copy to the
    // community's staff.
    cloud.advanceTo(bjAt(plusDays(D, 1), '00:05'))
    from = cloud.outbox().length
    expect(await cloud.fireSweep()).toMatchObject({ escalated: 2 })
    expect(await cloud.fireSweep()).toMatchObject({ escalated: 0, sent: 0 })
    expect(deadlineMessagesPerRecipient(from, POWER_TITLE)).toEqual({ [POWER_A]: 1, [POWER_B]: 1, [USERS.staff]: 1, [USERS.township]: 1 })
    expect(deadlineMessagesPerRecipient(from, WATER_TITLE)).toEqual({ [USERS.staff]: 1, [USERS.township]: 1 })
    const escalations = cloud.store.find('escalations', { communityId: 'c_pingshan' }).filter((e) => e.resolutionId === powerItem._id)
    expect(escalations).toHaveLength(1)

    // Over the whole run: the other department's member and the neighbouring community's staff heard nothing.
    for (const m of cloud.outbox() as OutboxMessage[]) {
      if (m.data.thing1?.value === POWER_TITLE || m.data.thing1?.value === WATER_TITLE) expect([HOUSING, USERS.otherStaff]).not.toContain(m.touser)
    }
    // Each member's 消息 holds the three sweep sends (明天, 今天, 已逾期) and the transfer notice.
    const stored = cloud.store.find('notifications', { openid: POWER_A }) as unknown as { title: string; status: string }[]
    expect(stored.filter((n) => n.title === POWER_TITLE).map((n) => n.status).sort()).toEqual(['新转交事项', '即将到期', '即将到期', '已逾期'].sort())
  }, 60000)
})
