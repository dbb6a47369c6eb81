import ExcelJS from 'exceljs'
import { startFlowCloud, expectOk, USERS, type FlowCloud } from '../support/flow'
import { closeNotices, noticedTopic, publishedTopic, publishResultOf, reportBy } from '../support/flow-scenarios'
import { exportCommunityList, getCommunityList } from '../../src/contracts/supervision'
import { beijingMonthOf } from '../../src/domain/calendar'
import { planList, reportsList, tasksList, type ListItem, type ListReport, type ListTopic } from '../../src/domain/lists'
import { CATEGORY_LABELS } from '../../src/domain/model'

/**
 * A community's lists (需求清单/问题清单, 议事计划, 任务清单/决议清单) through the real SDK: each list is recomputed here
 * from the documents in the store and compared with the function's answer, and each exports to an xlsx and a csv
 * that open with the same rows.
 */

let cloud: FlowCloud
let month: string

beforeAll(async () => {
  cloud = await startFlowCloud()
  await reportBy(cloud, USERS.resident, '5栋门口路灯不亮')
  await reportBy(cloud, USERS.resident2, '菜市场门口积水，"雨天"难走')
  await publishedTopic(cloud, { title: '公园健身器材更新' })
  const noticed = await noticedTopic(cloud, { resolutions: 2 })
  closeNotices(cloud)
  await publishResultOf(cloud, noticed.resolutions[0]!.id)
  // A 受理自办 item (no topic), stored as the 三单 work stores it.
  const now = cloud.now()
  cloud.store.insert('resolutions', [
    {
      _id: 'lists-handle-1', topicId: null, source: 'handle', reportId: null, departmentId: null, decidedAt: now, communityId: 'c_pingshan', townshipId: 'ts_pingshan',
      title: '清理楼道杂物', vote: { for: 0, against: 0, abstain: 0 }, passed: true, assigneeName: '陈网格', assigneeOpenid: USERS.gridEast, dueAt: new Date(now.getTime() + 5 * 86_400_000),
      handlingFrom: now, disclosureDueAt: null, disclosures: [], resultPublishedAt: null, reopenedAt: null, callback: null, ratingCount: 0, ratingSum: 0, openDueAt: null,
    },
  ])
  month = beijingMonthOf(cloud.now())
}, 60000)
afterAll(async () => {
  await cloud?.dispose()
})

const community = () => (cloud.store.find('communities', { _id: 'c_pingshan' }) as unknown as { grids: { id: string; name: string }[] }[])[0]!
const category = (id: string) => CATEGORY_LABELS[id] ?? id
const grid = (id: string) => community().grids.find((g) => g.id === id)?.name ?? id

function expected(list: 'reports' | 'plan' | 'tasks') {
  const now = cloud.now()
  if (list === 'reports') return reportsList(cloud.store.find('reports', { communityId: 'c_pingshan' }) as unknown as ListReport[], month, { category, grid })
  if (list === 'plan') return planList(cloud.store.find('topics', { communityId: 'c_pingshan' }) as unknown as ListTopic[], month, now, category)
  return tasksList(cloud.store.find('resolutions', { communityId: 'c_pingshan' }) as unknown as ListItem[], month, now)
}

/** Reads a CSV as exceljs wrote it (RFC 4180 quoting), without its byte order mark. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const body = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

describe.each([['reports'], ['plan'], ['tasks']] as const)('the %s list', (list) => {
  test('matches the documents in the store', async () => {
    const got = expectOk(await cloud.call(USERS.staff, getCommunityList, { list, month }))
    expect(got.sheets).toEqual(expected(list))
    expect(got.sheets[0]!.rows.length).toBeGreaterThan(0)
  })

  test('exports to an xlsx that opens with the same rows', async () => {
    const shown = expectOk(await cloud.call(USERS.township, getCommunityList, { communityId: 'c_pingshan', list, month }))
    const out = expectOk(await cloud.call(USERS.township, exportCommunityList, { communityId: 'c_pingshan', list, month, format: 'xlsx' }))
    const res = await fetch(out.tempFileURL)
    expect(res.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
    const read = book.worksheets.map((ws) => {
      const rows: (string | number)[][] = []
      ws.eachRow((row) => rows.push(Array.from({ length: ws.columnCount }, (_x, i) => (row.getCell(i + 1).value ?? '') as string | number)))
      return { name: ws.name, columns: rows[0], rows: rows.slice(1) }
    })
    expect(read).toEqual(shown.sheets)
    expect(out.rows).toBe(shown.sheets.reduce((n, s) => n + s.rows.length, 0))
  })

  test('exports to a csv that opens with the same rows', async () => {
    const shown = expectOk(await cloud.call(USERS.staff, getCommunityList, { list, month }))
    const out = expectOk(await cloud.call(USERS.staff, exportCommunityList, { list, month, format: 'csv' }))
    const text = await (await fetch(out.tempFileURL)).text()
    const sheet = shown.sheets[0]!
    expect(parseCsv(text)).toEqual([sheet.columns, ...sheet.rows.map((r) => r.map(String))])
  })
})

test('a resident may not read the lists; staff of another community only their own', async () => {
  const resident = await cloud.call(USERS.resident, getCommunityList, { list: 'tasks', month })
  expect(resident.ok ? 'ok' : resident.error.code).toBe('FORBIDDEN')
  const other = await cloud.call(USERS.otherStaff, getCommunityList, { communityId: 'c_pingshan', list: 'tasks', month })
  expect(other.ok ? 'ok' : other.error.code).toBe('OUT_OF_SCOPE')
})
