import ExcelJS from 'exceljs'
import { startFlowCloud, expectOk, USERS, type FlowCloud } from '../support/flow'
import { publishResultOf, triagedItem } from '../support/flow-scenarios'
import {
  assignItemToResource, exportCommunityList, getCommunityList, listResources, publishItemForTaking, retireResource, saveResource, takeItem,
} from '../../src/contracts/supervision'
import type { Outcome } from '../../src/contracts/action'
import { beijingMonthOf, monthRange } from '../../src/domain/calendar'
import type { Resolution } from '../../src/domain/model'
import { resourcesList, type ListResource } from '../../src/domain/resources'
import { normalizedSummary, rebuildSummaries, type BoardSummary } from '../../src/domain/summaries'

/**
 * 资源清单, 接单 and 揭榜 through the real SDK against the local CloudBase: staff keep the roll (add, edit, retire,
 * list), the 资源清单 list is recomputed from the store and exports to xlsx and csv with the same rows, 接单 names the
 * resource as the item's assignee with its history event and board summaries in the same write, and of two takers
 * racing for a published item exactly one wins.
 */

let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
}, 60000)
afterAll(async () => {
  await cloud?.dispose()
})

const code = (o: Outcome<unknown>) => (o.ok ? 'ok' : o.error.code)
const item = (id: string) => (cloud.store.find('resolutions', { _id: id }) as unknown as (Resolution & { resourceId?: string; takenAt?: Date })[])[0]!
/** A 三单 item's history events of one type, filed under its report. */
const eventsOf = (reportId: string, type: string) =>
  (cloud.store.find('topic_events', { topicId: reportId }) as unknown as { type: string; data: { resolutionId?: string; resourceId?: string } }[]).filter((e) => e.type === type)
/** The stored board summaries equal the ones rebuilt from the items (no sweep in between). */
function expectSummariesMatchItems(): void {
  const byId = (xs: BoardSummary[]) =>
    xs.map(normalizedSummary).filter((s) => Object.values(s.total).some((n) => n !== 0) || Object.keys(s.lines).length).sort((a, b) => a._id.localeCompare(b._id))
  // The township's items: those of both its communities.
  const items = ['c_pingshan', 'c_jinsha'].flatMap((communityId) => cloud.store.find('resolutions', { communityId }) as unknown as Resolution[])
  const stored = cloud.store.find('board_summaries', { townshipId: 'ts_pingshan' }) as unknown as BoardSummary[]
  expect(byId(stored)).toEqual(byId([...rebuildSummaries(items, cloud.now()).values()]))
}

async function addResource(name: string, kind: 'unit' | 'party_member' | 'volunteer', volunteerOpenid?: string) {
  return expectOk(await cloud.call(USERS.staff, saveResource, { name, kind, offer: '水电维修、疏通管道', contact: '13800000000', ...(volunteerOpenid ? { volunteerOpenid } : {}) })).resource
}

describe('the roll (资源清单)', () => {
  test('staff add, edit and retire entries; a retired entry leaves the list but is kept', async () => {
    const unit = await addResource('平山物业服务中心', 'unit')
    expect(unit).toMatchObject({ name: '平山物业服务中心', kind: 'unit', kindLabel: '单位', contact: '13800000000', retiredAt: null, allowedActions: ['saveResource', 'retireResource'] })
    const edited = expectOk(await cloud.call(USERS.staff, saveResource, { resourceId: unit.id, name: '平山物业', kind: 'unit', offer: '公共设施维修', contact: '0571-8888' })).resource
    expect(edited).toMatchObject({ id: unit.id, name: '平山物业', offer: '公共设施维修', contact: '0571-8888' })
    const retired = expectOk(await cloud.call(USERS.staff, retireResource, { resourceId: unit.id })).resource
    expect(retired.retiredAt).not.toBeNull()
    expect(code(await cloud.call(USERS.staff, retireResource, { resourceId: unit.id }))).toBe('ALREADY_DONE')
    expect(code(await cloud.call(USERS.staff, saveResource, { resourceId: unit.id, name: '平山物业', kind: 'unit', offer: '维修', contact: '1' }))).toBe('WRONG_STAGE')
    const onRoll = expectOk(await cloud.call(USERS.staff, listResources, {})).resources
    expect(onRoll.map((r) => r.id)).not.toContain(unit.id)
    const all = expectOk(await cloud.call(USERS.staff, listResources, { includeRetired: true })).resources
    expect(all.find((r) => r.id === unit.id)).toMatchObject({ name: '平山物业', retiredAt: retired.retiredAt, allowedActions: [] })
  })

  test('a volunteer may be linked only to a resident of the same community', async () => {
    const linked = await addResource('王秀英', 'volunteer', USERS.resident)
    expect(linked.registeredVolunteer).toBe(true)
    const outsider = await cloud.call(USERS.staff, saveResource, { name: '外社区居民', kind: 'volunteer', offer: '陪护', contact: '1', volunteerOpenid: USERS.otherResident })
    expect(code(outsider)).toBe('NOT_IN_COMMUNITY')
    const staffAsVolunteer = await cloud.call(USERS.staff, saveResource, { name: '网格员', kind: 'volunteer', offer: '陪护', contact: '1', volunteerOpenid: USERS.gridEast })
    expect(code(staffAsVolunteer)).toBe('NOT_IN_COMMUNITY')
  })

  test('the contacts are the staff’s: a resident may not list the roll, staff of another community only their own', async () => {
    expect(code(await cloud.call(USERS.resident, listResources, {}))).toBe('FORBIDDEN')
    expect(code(await cloud.call(USERS.otherStaff, listResources, { communityId: 'c_pingshan' }))).toBe('OUT_OF_SCOPE')
    const own = expectOk(await cloud.call(USERS.otherStaff, listResources, {}))
    expect(own.communityId).toBe('c_jinsha')
    expect(own.resources.every((r) => r.communityId === 'c_jinsha')).toBe(true)
  })
})

describe('the 资源清单 list', () => {
  let month: string
  beforeAll(async () => {
    await addResource('社区党员李明', 'party_member')
    await addResource('平山卫生服务站', 'unit')
    month = beijingMonthOf(cloud.now())
  })
  const expected = () => resourcesList(cloud.store.find('resources', { communityId: 'c_pingshan' }) as unknown as ListResource[], monthRange(month))

  test('matches the documents in the store', async () => {
    const got = expectOk(await cloud.call(USERS.staff, getCommunityList, { list: 'resources', month }))
    expect(got.title).toContain('资源清单')
    expect(got.sheets).toEqual(expected())
    expect(got.sheets[0]!.rows.length).toBeGreaterThanOrEqual(3)
  })

  test('exports to an xlsx that opens with the same rows', async () => {
    const shown = expectOk(await cloud.call(USERS.township, getCommunityList, { communityId: 'c_pingshan', list: 'resources', month }))
    const out = expectOk(await cloud.call(USERS.township, exportCommunityList, { communityId: 'c_pingshan', list: 'resources', month, format: 'xlsx' }))
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await (await fetch(out.tempFileURL)).arrayBuffer()) as unknown as ArrayBuffer)
    const read = book.worksheets.map((ws) => {
      const rows: (string | number)[][] = []
      ws.eachRow((row) => rows.push(Array.from({ length: ws.columnCount }, (_x, i) => (row.getCell(i + 1).value ?? '') as string | number)))
      return { name: ws.name, columns: rows[0], rows: rows.slice(1) }
    })
    expect(read).toEqual(shown.sheets)
    expect(out.rows).toBe(shown.sheets[0]!.rows.length)
  })

  test('exports to a csv that opens with the same rows', async () => {
    const shown = expectOk(await cloud.call(USERS.staff, getCommunityList, { list: 'resources', month }))
    const out = expectOk(await cloud.call(USERS.staff, exportCommunityList, { list: 'resources', month, format: 'csv' }))
    const text = (await (await fetch(out.tempFileURL)).text()).replace(/^\uFEFF/, '')
    // The roll's texts hold no quote, comma or line break, so each line splits at its commas (the 可提供 text's 、 stays).
    const lines = text.split(/\r?\n/).filter((l) => l.length)
    const sheet = shown.sheets[0]!
    expect(lines.map((l) => l.split(','))).toEqual([sheet.columns, ...sheet.rows.map((r) => r.map(String))])
  })
})

describe('接单 and 揭榜', () => {
  test('接单: the item’s assignee becomes the resource, with a history event and the board summaries in step', async () => {
    const { reportId, resolutionId } = await triagedItem(cloud)
    const party = await addResource('党员先锋队', 'party_member')
    const got = expectOk(await cloud.call(USERS.staff, assignItemToResource, { resolutionId, resourceId: party.id }))
    expect(got).toEqual({ resolutionId, resourceId: party.id, assigneeName: '党员先锋队' })
    expect(item(resolutionId)).toMatchObject({ assigneeName: '党员先锋队', assigneeOpenid: null, resourceId: party.id })
    expect(eventsOf(reportId, 'item_assigned_to_resource').filter((e) => e.data.resolutionId === resolutionId && e.data.resourceId === party.id)).toHaveLength(1)
    expectSummariesMatchItems()
  })

  test('接单 is refused for a retired resource, 接单 and 揭榜 for a finished item', async () => {
    const { resolutionId } = await triagedItem(cloud)
    const gone = await addResource('已撤销的志愿队', 'unit')
    expectOk(await cloud.call(USERS.staff, retireResource, { resourceId: gone.id }))
    expect(code(await cloud.call(USERS.staff, assignItemToResource, { resolutionId, resourceId: gone.id }))).toBe('WRONG_STAGE')
    expect(item(resolutionId).assigneeName).not.toBe('已撤销的志愿队')
    const done = await publishResultOf(cloud, resolutionId)
    const unit = await addResource('平山物业', 'unit')
    expect(code(await cloud.call(USERS.staff, assignItemToResource, { resolutionId: done.id, resourceId: unit.id }))).toBe('WRONG_STAGE')
    expect(code(await cloud.call(USERS.staff, publishItemForTaking, { resolutionId: done.id }))).toBe('WRONG_STAGE')
  })

  test('揭榜: published once; the registered volunteer takes it in person, another resident may not', async () => {
    const { resolutionId } = await triagedItem(cloud)
    const volunteer = await addResource('王秀英', 'volunteer', USERS.resident)
    expect(code(await cloud.call(USERS.resident, takeItem, { resolutionId, resourceId: volunteer.id }))).toBe('WRONG_STAGE')
    expectOk(await cloud.call(USERS.staff, publishItemForTaking, { resolutionId }))
    expect(code(await cloud.call(USERS.staff, publishItemForTaking, { resolutionId }))).toBe('ALREADY_DONE')
    expect(code(await cloud.call(USERS.resident2, takeItem, { resolutionId, resourceId: volunteer.id }))).toBe('FORBIDDEN')
    const got = expectOk(await cloud.call(USERS.resident, takeItem, { resolutionId, resourceId: volunteer.id }))
    expect(got.assigneeName).toBe('王秀英')
    expect(item(resolutionId)).toMatchObject({ assigneeName: '王秀英', assigneeOpenid: USERS.resident, resourceId: volunteer.id })
    expectSummariesMatchItems()
  })

  test('揭榜 race: of two takers at once exactly one wins, the other answers ALREADY_DONE', async () => {
    const { reportId, resolutionId } = await triagedItem(cloud)
    const a = await addResource('平山志愿服务队', 'unit')
    const b = await addResource('平山共建单位', 'unit')
    expectOk(await cloud.call(USERS.staff, publishItemForTaking, { resolutionId }))
    const outcomes = await Promise.all([
      cloud.call(USERS.staff, takeItem, { resolutionId, resourceId: a.id }),
      cloud.call(USERS.staff, takeItem, { resolutionId, resourceId: b.id }),
    ])
    expect(outcomes.map(code).sort()).toEqual(['ALREADY_DONE', 'ok'])
    const winner = outcomes.find((o) => o.ok)! as { ok: true; data: { resourceId: string; assigneeName: string } }
    expect(item(resolutionId)).toMatchObject({ resourceId: winner.data.resourceId, assigneeName: winner.data.assigneeName })
    expect(eventsOf(reportId, 'item_taken').filter((e) => e.data.resolutionId === resolutionId)).toHaveLength(1)
    expectSummariesMatchItems()
  })
})
