import { startFlowCloud, expectOk, USERS, type FlowCloud } from '../support/flow'
import type { Outcome } from '../../src/contracts/action'
import { getTownshipOverview } from '../../src/contracts/supervision'
import { listCallbacks, recordCallback } from '../../src/contracts/resolutions'
import { beijingMonthOf, monthRange, nextMonth } from '../../src/domain/calendar'
import type { SweepResult } from '../../cloudfunctions/sweep/sweep'

/**
 * Issue 12, the 月回访 clock through the real SDK and the timer: last month's callbacks not yet recorded are reminded to
 * the county office once from the 15th, and each still unrecorded after the 20th is escalated once (a record on the
 * workbench and a message). The sweep runs repeatedly; the counts come from its result, the outbox and the store.
 */

let cloud: FlowCloud
let month: string
let callMonth: string
/** The instant of Beijing wall time hh:mm on a day of the month the callbacks are due in. */
const on = (day: number, hhmm: string) => new Date(Date.parse(`${callMonth}-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`))
const inMonth = (day: number) => new Date(monthRange(month).from.getTime() + (day - 1) * 86_400_000 + 10 * 3600_000)

async function sweepAt(at: Date): Promise<SweepResult> {
  const ms = at.getTime() - cloud.now().getTime()
  if (ms > 0) cloud.advance(ms)
  const r = await cloud.functions.fireTimer('sweep')
  if (!r.ok) throw new Error(`timer run failed at the platform: ${r.errCode} ${r.errMsg}`)
  return expectOk(r.result as Outcome<SweepResult>)
}
const to = (openid: string, phrase: string) => cloud.outbox().filter((m) => m.touser === openid && JSON.stringify(m).includes(phrase))
const callbackEscalations = () =>
  (cloud.store.find('escalations', { communityId: 'c_pingshan' }) as unknown as { _id: string; resolutionId: string; deadline: string }[]).filter((e) => e.deadline === 'callback')

function item(id: string, over: Record<string, unknown>) {
  return {
    _id: id, topicId: null, source: 'handle', communityId: 'c_pingshan', townshipId: 'ts_pingshan', title: `事项 ${id}`, vote: { for: 0, against: 0, abstain: 0 }, passed: true,
    assigneeName: '陈网格', assigneeOpenid: null, dueAt: inMonth(25), handlingFrom: inMonth(3), decidedAt: inMonth(3), disclosureDueAt: null, disclosures: [], resultPublishedAt: null,
    reopenedAt: null, callback: null, ratingCount: 0, ratingSum: 0, openDueAt: null, ...over,
  }
}

beforeAll(async () => {
  cloud = await startFlowCloud()
  // The month being called back is the clock's current month; its callbacks fall due in the next one.
  month = beijingMonthOf(cloud.now())
  callMonth = nextMonth(month)
  cloud.store.insert('resolutions', [
    item('cbk-decided', {}),
    item('cbk-completed', { decidedAt: null, handlingFrom: new Date(monthRange(month).from.getTime() - 40 * 86_400_000), resultPublishedAt: inMonth(9) }),
    item('cbk-called', { resultPublishedAt: inMonth(8), callback: { month, outcome: 'fixed', note: '已解决', at: inMonth(20), by: USERS.county } }),
    item('cbk-rejected', { passed: false }),
  ])
}, 30000)
afterAll(async () => {
  await cloud?.dispose()
})

describe('月回访 clock: reminded from the 15th, escalated per item after the 20th, each once', () => {
  test('the 14th: nothing; the 15th: one reminder; re-runs and the 20th: nothing more', async () => {
    expect(await sweepAt(on(14, '10:05'))).toMatchObject({ planned: 0, sent: 0, escalated: 0 })
    expect(await sweepAt(on(15, '10:05'))).toMatchObject({ planned: 1, sent: 1, escalated: 0, skipped: 0 })
    expect(await sweepAt(on(15, '11:05'))).toMatchObject({ planned: 1, sent: 0, escalated: 0, skipped: 1 })
    expect(await sweepAt(on(20, '23:05'))).toMatchObject({ planned: 1, sent: 0, escalated: 0, skipped: 1 })
    const reminders = to(USERS.county, '回访将到期')
    expect(reminders).toHaveLength(1)
    expect(JSON.stringify(reminders[0])).toContain(`${month} 月回访还有 2 项`) // the message field is clipped to 20 characters
    expect(callbackEscalations()).toEqual([])
  })

  test('after the 20th: the two unrecorded items are escalated once each across runs; recorded and rejected ones never', async () => {
    expect(await sweepAt(on(21, '00:05'))).toMatchObject({ planned: 2, escalated: 2, skipped: 0 })
    expect(await sweepAt(on(21, '01:05'))).toMatchObject({ planned: 2, escalated: 0, skipped: 2 })
    expect(callbackEscalations().map((e) => e.resolutionId).sort()).toEqual(['cbk-completed', 'cbk-decided'])
    expect(to(USERS.county, '回访已逾期')).toHaveLength(2)
    expect(to(USERS.township, '回访已逾期')).toHaveLength(2)
    expect(to(USERS.county, '回访将到期')).toHaveLength(1)
  })

  test('the escalations are on the township workbench', async () => {
    const overview = expectOk(await cloud.call(USERS.township, getTownshipOverview, {}))
    expect(overview.escalations.filter((e) => e.deadline === 'callback').map((e) => e.resolutionId).sort()).toEqual(['cbk-completed', 'cbk-decided'])
  })

  test('a callback records 电话 / 实地 and who was reached; one recorded before these were asked reads as null', async () => {
    const recorded = expectOk(await cloud.call(USERS.county, recordCallback, { resolutionId: 'cbk-completed', outcome: 'fixed', note: '路灯已亮', method: 'visit', reached: '3 号楼楼长' }))
    expect(recorded.resolution.id).toBe('cbk-completed')
    const list = expectOk(await cloud.call(USERS.county, listCallbacks, { month }))
    const byId = new Map(list.items.map((i) => [i.resolutionId, i.callback]))
    expect(byId.get('cbk-completed')).toMatchObject({ outcome: 'fixed', note: '路灯已亮', method: 'visit', reached: '3 号楼楼长' })
    expect(byId.get('cbk-called')).toMatchObject({ outcome: 'fixed', method: null, reached: null })
    const events = cloud.store.find('topic_events', { topicId: 'cbk-completed' }) as unknown as { type: string; summary: string }[]
    expect(events.filter((e) => e.type === 'callback').map((e) => e.summary)).toEqual(['实地（3 号楼楼长）回访「事项 cbk-completed」：已解决'])
  })

  test('every query the clock makes is served by a declared index', () => {
    expect(cloud.store.unindexed).toEqual([])
  })
})
