import { startFlowCloud, expectOk, expectFail, USERS, DAY, type FlowCloud } from '../support/flow'
import { uniqueId } from '../support/flow-scenarios'
import { TOWNSHIPS } from '../../scripts/demo/places'
import { createDepartment, issueInvitation, listDepartments, listNotifications, listStaff, redeemInvitation, renameDepartment, retireDepartment, unbindStaff, whoAmI } from '../../src/contracts/account'
import { submitReport, triageReport } from '../../src/contracts/reports'
import { confirmResult, getItem, listDepartmentItems, publishProgress, publishResult, rateResult, replyToRating } from '../../src/contracts/resolutions'
import { getTopic, publishTopic } from '../../src/contracts/topics'

/**
 * Departments (issue 12), through the real functions on the local CloudBase: the county registers 供电 and a township
 * registers 住建; each invites a staff member who binds by the code; a community transfers a report to 供电 by its id;
 * 供电's member finds it in the department inbox, discloses progress and publishes the result, and the reporter
 * confirms; 住建's member may neither see nor act on it; a 联席会议 topic inviting 供电 shows in 供电's inbox only.
 */
const H = 3600_000
const bjDate = (at: Date | number): string => new Date(new Date(at).getTime() + 8 * H).toISOString().slice(0, 10)
const TOWNSHIP = TOWNSHIPS[0]!._id
const POWER_STAFF = 'dept-power-zhou'
const HOUSING_STAFF = 'dept-housing-qian'

let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
}, 30000)
afterAll(async () => {
  await cloud?.dispose()
})

async function bind(issuer: string, departmentId: string, openid: string, displayName: string) {
  const { code } = expectOk(await cloud.call(issuer, issueInvitation, { role: 'department_staff', departmentId }))
  return expectOk(await cloud.call(openid, redeemInvitation, { code, displayName })).user
}

let power: string
let housing: string

test('the county registers 供电 (county-level), a township registers 住建; a supervisor reaches only their own township', async () => {
  power = expectOk(await cloud.call(USERS.county, createDepartment, { name: '供电公司' })).department.id
  housing = expectOk(await cloud.call(USERS.township, createDepartment, { name: '住建站', townshipId: TOWNSHIP })).department.id
  expectFail(await cloud.call(USERS.township, createDepartment, { name: '交通局' }), 'OUT_OF_SCOPE')
  expectFail(await cloud.call(USERS.county, createDepartment, { name: '供电公司' }), 'PLACE_NAME_TAKEN')
  expectFail(await cloud.call(USERS.staff, createDepartment, { name: '水务' }), 'FORBIDDEN')
  expectFail(await cloud.call(USERS.township, renameDepartment, { departmentId: power, name: '供电所' }), 'OUT_OF_SCOPE')
  // Community staff list both: the county-level one and their township's.
  const listed = expectOk(await cloud.call(USERS.staff, listDepartments, {})).departments
  expect(listed.map((d) => d.name).sort()).toEqual(['住建站', '供电公司'].sort())
  expect(listed.find((d) => d.id === housing)).toMatchObject({ townshipId: TOWNSHIP, retiredAt: null })
  // The history keeps who registered what.
  const created = (townshipId: string | null) =>
    (cloud.store.find('admin_events', { townshipId }) as unknown as { type: string; data: { departmentId?: string } }[]).filter((e) => e.type === 'department_created').map((e) => e.data.departmentId)
  expect(created(null)).toEqual([power])
  expect(created(TOWNSHIP)).toEqual([housing])
})

test('department staff bind by invitation: the county for 供电, the township supervisor for 住建 (not for a county-level department)', async () => {
  expectFail(await cloud.call(USERS.township, issueInvitation, { role: 'department_staff', departmentId: power }), 'OUT_OF_SCOPE')
  expectFail(await cloud.call(USERS.staff, issueInvitation, { role: 'department_staff', departmentId: power }), 'FORBIDDEN')
  expectFail(await cloud.call(USERS.county, issueInvitation, { role: 'department_staff', departmentId: 'dep_nope' }), 'UNKNOWN_PLACE')
  const zhou = await bind(USERS.county, power, POWER_STAFF, '周电工')
  expect(zhou).toMatchObject({ role: 'department_staff', departmentId: power, communityId: null })
  const qian = await bind(USERS.township, housing, HOUSING_STAFF, '钱工')
  expect(qian).toMatchObject({ role: 'department_staff', departmentId: housing, townshipId: TOWNSHIP })
  expect(expectOk(await cloud.call(POWER_STAFF, whoAmI, {})).user).toMatchObject({ role: 'department_staff', departmentId: power })
  // A department member sees only their own department listed.
  expect(expectOk(await cloud.call(POWER_STAFF, listDepartments, {})).departments.map((d) => d.id)).toEqual([power])
})

test('转交办理 to 供电: its member discloses progress and the result and replies to a low rating, the reporter confirms; 住建’s member is refused', async () => {
  const report = expectOk(
    await cloud.call(USERS.resident, submitReport, { clientRequestId: uniqueId('dep'), text: '小区路灯线路老化经常断电', category: 'infrastructure', photos: [], location: null }),
  ).report
  const dueDate = bjDate(cloud.now().getTime() + 14 * DAY)
  expectFail(await cloud.call(USERS.staff, triageReport, { reportId: report.id, kind: 'transfer', note: '线路归供电', departmentId: 'dep_nope', dueDate }), 'UNKNOWN_DEPARTMENT')
  const triaged = expectOk(await cloud.call(USERS.staff, triageReport, { reportId: report.id, kind: 'transfer', note: '线路归供电', departmentId: power, dueDate })).report
  expect(triaged.status).toBe('transferred')
  const itemId = triaged.resolutionId!
  expect(cloud.store.find('resolutions', { _id: itemId })[0]).toMatchObject({ source: 'transfer', departmentId: power, assigneeName: '供电公司' })

  // 供电's member hears of it (a 转交 notice opening 事项办理); 住建's does not.
  const notices = expectOk(await cloud.call(POWER_STAFF, listNotifications, {})).items
  expect(notices.filter((n) => n.status === '新转交事项').map((n) => n.page)).toEqual([expect.stringContaining(itemId)])
  expect(expectOk(await cloud.call(HOUSING_STAFF, listNotifications, {})).items.filter((n) => n.status === '新转交事项')).toEqual([])

  // The item is in 供电's inbox, not in 住建's.
  const inbox = expectOk(await cloud.call(POWER_STAFF, listDepartmentItems, {}))
  expect(inbox.departmentId).toBe(power)
  expect(inbox.items.map((i) => i.id)).toEqual([itemId])
  expect(inbox.items[0]).toMatchObject({ title: expect.any(String), done: false, dueAt: `${dueDate}T15:59:59.999Z` })
  expect(expectOk(await cloud.call(HOUSING_STAFF, listDepartmentItems, {})).items).toEqual([])
  expectFail(await cloud.call(USERS.staff, listDepartmentItems, {}), 'FORBIDDEN')

  // 住建's member may neither open nor act on it.
  expectFail(await cloud.call(HOUSING_STAFF, getItem, { resolutionId: itemId }), 'OUT_OF_SCOPE')
  expectFail(await cloud.call(HOUSING_STAFF, publishProgress, { resolutionId: itemId, text: '已派人查看', photos: [] }), 'OUT_OF_SCOPE')

  // 供电's member opens it and answers on the same clock as an assignee.
  const opened = expectOk(await cloud.call(POWER_STAFF, getItem, { resolutionId: itemId })).resolution
  expect(opened.allowedActions).toEqual(expect.arrayContaining(['publishProgress', 'publishResult']))
  cloud.advance(3 * DAY)
  let item = expectOk(await cloud.call(POWER_STAFF, publishProgress, { resolutionId: itemId, text: '已勘查，计划更换电缆', photos: [] })).resolution
  expect(item.disclosures).toHaveLength(1)
  expect(item.disclosures[0]!.onTime).toBe(true)
  cloud.advance(2 * DAY)
  expectFail(await cloud.call(HOUSING_STAFF, publishResult, { resolutionId: itemId, text: '已修好', photos: [] }), 'OUT_OF_SCOPE')
  item = expectOk(await cloud.call(POWER_STAFF, publishResult, { resolutionId: itemId, text: '已更换电缆，供电恢复', photos: [] })).resolution
  expect(item.status).toBe('done')

  // The reporter confirms it solved.
  item = expectOk(await cloud.call(USERS.resident, confirmResult, { resolutionId: itemId, solved: true })).resolution
  expect(item.confirmation).toMatchObject({ solved: true })
  expect(expectOk(await cloud.call(POWER_STAFF, listDepartmentItems, {})).items[0]).toMatchObject({ id: itemId, done: true })

  // A low rating: 供电's member replies in public; 住建's may not.
  const rated = expectOk(await cloud.call(USERS.resident, rateResult, { resolutionId: itemId, stars: 2, comment: '停电太久' })).resolution
  const ratingId = rated.ratings[0]!.id
  expectFail(await cloud.call(HOUSING_STAFF, replyToRating, { ratingId, text: '抱歉' }), 'OUT_OF_SCOPE')
  item = expectOk(await cloud.call(POWER_STAFF, replyToRating, { ratingId, text: '电缆到货慢，已建立备件库' })).resolution
  expect(item.ratings[0]!.reply).toMatchObject({ text: '电缆到货慢，已建立备件库' })
})

test('a retired department takes no new transfer nor invitation', async () => {
  const roads = expectOk(await cloud.call(USERS.county, createDepartment, { name: '交通局' })).department.id
  expect(expectOk(await cloud.call(USERS.county, retireDepartment, { departmentId: roads })).department.retiredAt).not.toBeNull()
  expectFail(await cloud.call(USERS.county, retireDepartment, { departmentId: roads }), 'ALREADY_DONE')
  expectFail(await cloud.call(USERS.county, issueInvitation, { role: 'department_staff', departmentId: roads }), 'UNKNOWN_PLACE')
  const report = expectOk(
    await cloud.call(USERS.resident, submitReport, { clientRequestId: uniqueId('dep'), text: '路口红绿灯坏了', category: 'infrastructure', photos: [], location: null }),
  ).report
  const dueDate = bjDate(cloud.now().getTime() + 7 * DAY)
  expectFail(await cloud.call(USERS.staff, triageReport, { reportId: report.id, kind: 'transfer', note: '归交通', departmentId: roads, dueDate }), 'UNKNOWN_DEPARTMENT')
  expect(expectOk(await cloud.call(USERS.staff, listDepartments, {})).departments.map((d) => d.id)).not.toContain(roads)
})

test('联席会议: a topic inviting 供电 is in 供电’s inbox (and opens for its member), not in 住建’s', async () => {
  expectFail(
    await cloud.call(USERS.staff, publishTopic, { title: '老旧线路改造', description: '多部门协商', category: 'infrastructure', meetingPlace: '社区会议室', clientRequestId: uniqueId('jm'), departmentIds: ['dep_nope'] }),
    'UNKNOWN_DEPARTMENT',
  )
  const topic = expectOk(
    await cloud.call(USERS.staff, publishTopic, { title: '老旧线路改造', description: '多部门协商', category: 'infrastructure', meetingPlace: '社区会议室', clientRequestId: uniqueId('jm'), invitees: ['业委会'], departmentIds: [power] }),
  ).topic
  expect(topic.invitees).toEqual(['业委会', '供电公司'])
  const inbox = expectOk(await cloud.call(POWER_STAFF, listDepartmentItems, {}))
  expect(inbox.topics.map((t) => t.id)).toEqual([topic.id])
  const invited = expectOk(await cloud.call(POWER_STAFF, listNotifications, {})).items.filter((n) => n.status === '邀请参加联席会议')
  expect(invited.map((n) => n.page)).toEqual([expect.stringContaining(topic.id)])
  expect(expectOk(await cloud.call(HOUSING_STAFF, listDepartmentItems, {})).topics).toEqual([])
  expect(expectOk(await cloud.call(POWER_STAFF, getTopic, { topicId: topic.id })).topic.id).toBe(topic.id)
  expectFail(await cloud.call(HOUSING_STAFF, getTopic, { topicId: topic.id }), 'OUT_OF_SCOPE')
})

test('the level that invited department staff lists and unbinds them; an unbound member loses the department inbox', async () => {
  const listed = expectOk(await cloud.call(USERS.township, listStaff, {})).staff
  expect(listed.filter((p) => p.role === 'department_staff').map((p) => p.openid)).toEqual([HOUSING_STAFF])
  expect(expectOk(await cloud.call(USERS.county, listStaff, {})).staff.map((p) => p.openid)).toEqual(expect.arrayContaining([POWER_STAFF, HOUSING_STAFF]))
  expectFail(await cloud.call(USERS.township, unbindStaff, { openid: POWER_STAFF }), 'OUT_OF_SCOPE')
  expect(expectOk(await cloud.call(USERS.township, unbindStaff, { openid: HOUSING_STAFF })).role).toBe('resident')
  expectFail(await cloud.call(HOUSING_STAFF, listDepartmentItems, {}), 'FORBIDDEN')
})
