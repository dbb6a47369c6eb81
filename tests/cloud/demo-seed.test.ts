import { startTestCloud, type TestCloud } from '../support/local-cloud'
import path from 'node:path'
import { seedDemo, DEMO_TOPIC_TITLES } from '../../scripts/demo/seed'
import { getHomeFeed, getBoard } from '../../src/contracts/board'
import { listMyReports, listTriageInbox } from '../../src/contracts/reports'
import { listDepartments } from '../../src/contracts/account'
import { listDepartmentItems } from '../../src/contracts/resolutions'
import { getTopic } from '../../src/contracts/topics'
import { listItemsOpenForTaking, listResources } from '../../src/contracts/supervision'
import type { Outcome } from '../../src/contracts/action'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ functionsDir: path.resolve(__dirname, '../../dist/cloudfunctions') })
})
afterAll(async () => {
  await cloud.dispose()
})

async function call(openid: string, contract: { functionName: string; name: string }, input: unknown): Promise<any> {
  const r = await cloud.functions.invoke(contract.functionName, { action: contract.name, input }, { openid, source: 'wx_client' })
  if (!r.ok) throw new Error(r.errMsg)
  const outcome = r.result as Outcome<unknown>
  if (!outcome.ok) throw new Error(`${contract.name}: ${outcome.error.code} ${outcome.error.message}`)
  return outcome.data
}

test('the demo seed puts a topic in every step, reads back through the functions, and seeds once', async () => {
  const first = seedDemo(cloud.store, cloud.clock.now(), cloud.files)
  expect(first).toEqual({ seeded: true, topics: DEMO_TOPIC_TITLES.length })
  expect(seedDemo(cloud.store, cloud.clock.now()).seeded).toBe(false)

  const feed = await call('demo-resident-wang', getHomeFeed, {})
  expect(feed.community.name).toBe('屏山社区')
  for (const stage of ['published', 'deliberated', 'noticed', 'handling'] as const) expect(feed.byStage[stage].length).toBeGreaterThan(0)
  expect(feed.recentResults.map((t: { title: string }) => t.title)).toContain('2栋电动车充电棚改造')

  // Every seeded topic reads back through the same views the pages use (the documents match what functions write).
  for (const t of [...feed.byStage.published, ...feed.byStage.deliberated, ...feed.byStage.noticed, ...feed.byStage.handling, ...feed.recentResults]) {
    const detail = (await call('demo-resident-wang', getTopic, { topicId: t.id })).topic
    expect(detail.title).toBe(t.title)
  }
  const inbox = await call('demo-staff-liu', listTriageInbox, {})
  expect(inbox.reports.length).toBe(3)
  // Their photos exist in storage and download through the gateway's link.
  // (Views hand out photos as temp URLs since issue 9 §4; a bare fileID would go through the gateway's redirect.)
  const src: string = inbox.reports[0].photos[0]
  const photo = await fetch(src.startsWith('cloud://') ? `${cloud.origin}/api/storage/file?fileID=${encodeURIComponent(src)}` : encodeURI(src))
  expect(photo.status).toBe(200)
  expect(photo.headers.get('content-type')).toBe('image/svg+xml')
  expect(await photo.text()).toContain('<svg')

  // Advancing the clock past the street light's disclosure deadline puts it on the black list.
  cloud.clock.advance(10 * 86400_000)
  const board = (await call('demo-resident-li', getBoard, {})).board
  expect(board.overdue.map((o: { title: string }) => o.title)).toContain('更换 4 盏损坏路灯并检修线路')
  expect(board.assignees.find((a: { label: string }) => a.label === '黄丽')?.list).toBe('black')
}, 60000)

test('the demo registers its departments, and 周电工 (县供电公司) finds the report transferred to it in 部门待办', async () => {
  // Seeded by the test above (seeding twice changes nothing).
  expect(seedDemo(cloud.store, cloud.clock.now()).seeded).toBe(false)
  const listed = (await call('demo-staff-liu', listDepartments, {})).departments
  expect(listed.map((d: { name: string }) => d.name).sort()).toEqual(['县供电公司', '屏山镇住建办'].sort())
  const inbox = await call('demo-dept-zhou', listDepartmentItems, {})
  expect(inbox.departmentId).toBe('dep_demo_power')
  expect(inbox.items.map((i: { title: string; assigneeName: string }) => [i.title, i.assigneeName])).toEqual([['5栋门口路灯线路老化，时常整片断电', '县供电公司']])
  const mine = (await call('demo-resident-li', listMyReports, { limit: 20, offset: 0 })).reports.find((r: { text: string }) => r.text.startsWith('5栋门口路灯线路老化'))
  expect(mine.triage).toMatchObject({ kind: 'transfer', department: '县供电公司' })
}, 30000)

test('the demo has an item open for 揭榜 that 王秀英, a volunteer on the 资源清单, may take in person; 李建国 may not', async () => {
  expect(seedDemo(cloud.store, cloud.clock.now()).seeded).toBe(false)
  const wang = await call('demo-resident-wang', listItemsOpenForTaking, {})
  expect(wang.items.map((i: { need: string; allowedActions: string[] }) => [i.need, i.allowedActions])).toEqual([['需要会修水管的志愿者上门更换水管', ['takeItem']]])
  expect(wang.myVolunteer).toMatchObject({ name: '王秀英' })
  const li = await call('demo-resident-li', listItemsOpenForTaking, {})
  expect(li.items.map((i: { allowedActions: string[] }) => i.allowedActions)).toEqual([[]])
  const roll = await call('demo-staff-liu', listResources, {})
  expect(roll.resources.map((r: { name: string }) => r.name).sort()).toEqual(['屏山物业服务中心', '王秀英'].sort())
}, 30000)
