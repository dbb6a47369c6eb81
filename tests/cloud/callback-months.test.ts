import { startFlowCloud, expectOk, expectFail, USERS, type FlowCloud } from '../support/flow'
import { triagedItem } from '../support/flow-scenarios'
import { getItem, listCallbacks, publishResult, recordCallback } from '../../src/contracts/resolutions'
import { getCountyCycle } from '../../src/contracts/supervision'

/**
 * Issue 12, callbacks per list month through the real SDK: an item decided in month M and completed in M+1 is on
 * both months' 月回访 lists and is called back on each; each list (listCallbacks, the county cycle's sheet) shows its
 * own month's callback, a month is called back once, and the sweep's 月回访 clock escalates neither month.
 * Calendar values are computed here independently of src/domain/calendar.ts (Beijing is UTC+8).
 */
const H = 3600_000
const bjMonth = (at: Date | number): string => new Date(new Date(at).getTime() + 8 * H).toISOString().slice(0, 7)
const monthAfter = (m: string): string => {
  const [y, mo] = m.split('-').map(Number) as [number, number]
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`
}
const bjAt = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`)

let cloud: FlowCloud
let itemId: string
let decidedMonth: string
let completedMonth: string

const row = async (month: string) => expectOk(await cloud.call(USERS.county, listCallbacks, { month })).items.find((i) => i.resolutionId === itemId)
beforeAll(async () => {
  cloud = await startFlowCloud()
  // 受理自办 now (decided in this Beijing month), completed on the 3rd of the next month.
  itemId = (await triagedItem(cloud, 'handle')).resolutionId
  decidedMonth = bjMonth(cloud.now())
  completedMonth = monthAfter(decidedMonth)
  cloud.advanceTo(bjAt(`${completedMonth}-03`, '10:00'))
  expectOk(await cloud.call(USERS.gridEast, publishResult, { resolutionId: itemId, text: '已更换灯泡，恢复照明', photos: [] }))
}, 30000)
afterAll(async () => {
  await cloud?.dispose()
})

describe('an item decided in one month and completed in the next is called back on both lists', () => {
  test('it is on both lists, decided on the first and completed on the second, neither yet called back', async () => {
    expect(await row(decidedMonth)).toMatchObject({ reason: 'decided', callback: null })
    expect(await row(completedMonth)).toMatchObject({ reason: 'completed', callback: null })
  })

  test('each list shows its own callback, whichever month is recorded first', async () => {
    expectOk(await cloud.call(USERS.county, recordCallback, { resolutionId: itemId, month: completedMonth, outcome: 'fixed', note: '办结后回访：灯亮了', method: 'visit', reached: '5 栋楼长' }))
    expectOk(await cloud.call(USERS.county, recordCallback, { resolutionId: itemId, month: decidedMonth, outcome: 'fixed', note: '决定后回访：已安排更换', method: 'phone', reached: '王大妈' }))
    expect((await row(decidedMonth))!.callback).toMatchObject({ outcome: 'fixed', note: '决定后回访：已安排更换', method: 'phone', reached: '王大妈' })
    expect((await row(completedMonth))!.callback).toMatchObject({ outcome: 'fixed', note: '办结后回访：灯亮了', method: 'visit', reached: '5 栋楼长' })
    // Stored one per month; `callback` is the latest recorded.
    const stored = (cloud.store.find('resolutions', { _id: itemId }) as unknown as { callback: { month: string }; callbacks: { month: string }[] }[])[0]!
    expect(stored.callbacks.map((c) => c.month)).toEqual([completedMonth, decidedMonth])
    expect(stored.callback.month).toBe(decidedMonth)
    // The item's own page shows both, oldest month first (not only the latest).
    const view = expectOk(await cloud.call(USERS.staff, getItem, { resolutionId: itemId })).resolution
    expect(view.callbacks.map((c) => [c.month, c.note])).toEqual([
      [decidedMonth, '决定后回访：已安排更换'],
      [completedMonth, '办结后回访：灯亮了'],
    ])
  })

  test('each month is called back once: a second callback for either is refused', async () => {
    expectFail(await cloud.call(USERS.county, recordCallback, { resolutionId: itemId, month: decidedMonth, outcome: 'fixed', note: '再次回访' }), 'ALREADY_DONE')
    expectFail(await cloud.call(USERS.county, recordCallback, { resolutionId: itemId, month: completedMonth, outcome: 'fixed', note: '再次回访' }), 'ALREADY_DONE')
  })

  test("the county cycle's 月回访 sheet of each month counts it as called back", async () => {
    const title = (await row(decidedMonth))!.title
    const states = async (month: string) =>
      expectOk(await cloud.call(USERS.county, getCountyCycle, { kind: 'month', period: month })).sheets[0]!.rows.filter((r) => r[1] === title).map((r) => r[8])
    expect(await states(decidedMonth)).toEqual(['已回访'])
    expect(await states(completedMonth)).toEqual(['已回访'])
  })

  test("the sweep's 月回访 clock escalates the item for neither month after the 20th", async () => {
    // The decided month's list falls due on the 20th of the completed month, the completed month's a month later.
    cloud.advanceTo(bjAt(`${completedMonth}-21`, '00:05'))
    await cloud.fireSweep()
    cloud.advanceTo(bjAt(`${monthAfter(completedMonth)}-21`, '00:05'))
    await cloud.fireSweep()
    const escalations = (cloud.store.find('escalations', { communityId: 'c_pingshan' }) as unknown as { resolutionId: string; deadline: string }[]).filter((e) => e.deadline === 'callback' && e.resolutionId === itemId)
    expect(escalations).toEqual([])
  })

  test('every query is served by a declared index', () => {
    expect(cloud.store.unindexed).toEqual([])
  })
})
