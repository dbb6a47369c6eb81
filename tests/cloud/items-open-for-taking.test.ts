import { startFlowCloud, expectOk, USERS, type FlowCloud } from '../support/flow'
import { FAR_DUE_DATE, publishResultOf, reportBy } from '../support/flow-scenarios'
import { listItemsOpenForTaking, publishItemForTaking, saveResource, takeItem } from '../../src/contracts/supervision'
import { triageReport } from '../../src/contracts/reports'
import { getItem } from '../../src/contracts/resolutions'
import type { Outcome } from '../../src/contracts/action'

/**
 * The 揭榜 list (supervision.listItemsOpenForTaking) through the real SDK against the local CloudBase: a resident
 * sees their own community's items published for taking and nothing of the reporter behind them; a taken or done item
 * leaves the list; the registered volunteer is offered takeItem with their own entry. And the staff's item view that
 * drives the 接单 / 张榜 buttons.
 */

let cloud: FlowCloud
let volunteerId: string
beforeAll(async () => {
  cloud = await startFlowCloud()
  volunteerId = expectOk(await cloud.call(USERS.staff, saveResource, { name: '王秀英', kind: 'volunteer', offer: '水电维修', contact: '13900000000', volunteerOpenid: USERS.resident })).resource.id
}, 60000)
afterAll(async () => {
  await cloud?.dispose()
})

const code = (o: Outcome<unknown>) => (o.ok ? 'ok' : o.error.code)
/** The reporter's words hold a house and a phone number (as residents write them). */
const REPORT_TEXT = '5栋2单元302室门口水管漏水，联系13812345678'

/** A 受理自办 item from a report by 李建国 (resident2), handled by the east grid worker. */
async function openItem(text = REPORT_TEXT): Promise<{ reportId: string; resolutionId: string }> {
  const report = await reportBy(cloud, USERS.resident2, text)
  const triaged = expectOk(await cloud.call(USERS.staff, triageReport, { reportId: report.id, kind: 'handle', note: '网格员跟进', assigneeOpenid: USERS.gridEast, dueDate: FAR_DUE_DATE })).report
  return { reportId: report.id, resolutionId: triaged.resolutionId! }
}
async function published(need = '需要会修水管的志愿者'): Promise<{ reportId: string; resolutionId: string; openForTakingAt: string }> {
  const item = await openItem()
  const out = expectOk(await cloud.call(USERS.staff, publishItemForTaking, { resolutionId: item.resolutionId, need }))
  return { ...item, openForTakingAt: out.openForTakingAt }
}
const listAs = async (who: string) => expectOk(await cloud.call(who, listItemsOpenForTaking, {}))

test('a published item is listed to a resident with what it needs, its due date and publication time, and nothing of its reporter', async () => {
  const { reportId, resolutionId, openForTakingAt } = await published()
  const list = await listAs(USERS.representative)
  expect(list.communityId).toBe('c_pingshan')
  const shown = list.items.find((i) => i.id === resolutionId)!
  expect(Object.keys(shown).sort()).toEqual(['allowedActions', 'dueAt', 'id', 'need', 'openForTakingAt', 'sourceLabel', 'title'])
  expect(shown).toMatchObject({ need: '需要会修水管的志愿者', sourceLabel: '受理自办', dueAt: `${FAR_DUE_DATE}T15:59:59.999Z`, openForTakingAt, allowedActions: [] })
  // The reporter's words are redacted: neither the phone nor the room number survives, nor the reporter's name,
  // openid, phone or house; the report itself is not named (the item's id is the only reference).
  expect(shown.title).toContain('水管漏水')
  const sent = JSON.stringify(list)
  for (const secret of ['13812345678', '302', '李建国', USERS.resident2, '13800000002', '5栋2单元101', 'reportId']) expect(sent).not.toContain(secret)
  expect(Object.values(shown)).not.toContain(reportId)
})

test('a resident of another community sees nothing of it', async () => {
  const { resolutionId } = await published()
  const list = await listAs(USERS.otherResident)
  expect(list.communityId).toBe('c_jinsha')
  expect(list.items.map((i) => i.id)).not.toContain(resolutionId)
  expect(list.items).toEqual([])
  expect(list.myVolunteer).toBeNull()
})

test('an open item not published for taking is not listed', async () => {
  const { resolutionId } = await openItem()
  expect((await listAs(USERS.resident)).items.map((i) => i.id)).not.toContain(resolutionId)
})

test('the registered volunteer is offered takeItem with their own entry; another resident is not', async () => {
  const { resolutionId } = await published()
  const mine = await listAs(USERS.resident)
  expect(mine.myVolunteer).toEqual({ id: volunteerId, name: '王秀英' })
  expect(mine.items.find((i) => i.id === resolutionId)!.allowedActions).toEqual(['takeItem'])
  const other = await listAs(USERS.resident2)
  expect(other.myVolunteer).toBeNull()
  expect(other.items.find((i) => i.id === resolutionId)!.allowedActions).toEqual([])
})

test('a taken item leaves the list, and a second taker is answered ALREADY_DONE', async () => {
  const { resolutionId } = await published()
  expectOk(await cloud.call(USERS.resident, takeItem, { resolutionId, resourceId: volunteerId }))
  expect((await listAs(USERS.resident)).items.map((i) => i.id)).not.toContain(resolutionId)
  const second = await cloud.call(USERS.staff, takeItem, { resolutionId, resourceId: volunteerId })
  expect(code(second)).toBe('ALREADY_DONE')
  expect(second.ok ? '' : second.error.message).toBe('该事项已被揭榜')
})

test('a done item leaves the list', async () => {
  const { resolutionId } = await published()
  expect((await listAs(USERS.resident)).items.map((i) => i.id)).toContain(resolutionId)
  await publishResultOf(cloud, resolutionId)
  expect((await listAs(USERS.resident)).items.map((i) => i.id)).not.toContain(resolutionId)
})

test('the staff’s item view offers 接单 and 张榜 while open, then shows it published and, once taken, when', async () => {
  const { resolutionId } = await openItem()
  const before = expectOk(await cloud.call(USERS.staff, getItem, { resolutionId })).resolution
  expect(before.allowedActions).toEqual(expect.arrayContaining(['assignItemToResource', 'publishItemForTaking']))
  expect(before.taking).toBeNull()
  const { openForTakingAt } = expectOk(await cloud.call(USERS.staff, publishItemForTaking, { resolutionId, need: '周末半天' }))
  const open = expectOk(await cloud.call(USERS.staff, getItem, { resolutionId })).resolution
  expect(open.allowedActions).not.toContain('publishItemForTaking')
  expect(open.taking).toEqual({ openForTakingAt, need: '周末半天', takenAt: null })
  expectOk(await cloud.call(USERS.resident, takeItem, { resolutionId, resourceId: volunteerId }))
  const taken = expectOk(await cloud.call(USERS.staff, getItem, { resolutionId })).resolution
  expect(taken.assigneeName).toBe('王秀英')
  expect(taken.taking).toMatchObject({ openForTakingAt, takenAt: expect.any(String) })
  // A grid worker of the item's grid is offered neither (community staff only).
  const grid = expectOk(await cloud.call(USERS.gridWest, getItem, { resolutionId: (await openItem()).resolutionId })).resolution
  expect(grid.allowedActions).not.toContain('assignItemToResource')
  expect(grid.allowedActions).not.toContain('publishItemForTaking')
})
