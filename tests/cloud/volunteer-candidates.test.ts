import { startFlowCloud, expectOk, USERS, type FlowCloud } from '../support/flow'
import { listVolunteerCandidates, saveResource } from '../../src/contracts/supervision'
import type { Outcome } from '../../src/contracts/action'

/**
 * The safe path to a volunteer's openid (issue 12), through the real SDK: community staff find the residents and
 * representatives of their own community by name, and the pick links a volunteer entry (saveResource checks it
 * again); nobody else may list them.
 */

let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
}, 60000)
afterAll(async () => {
  await cloud?.dispose()
})

const code = (o: Outcome<unknown>) => (o.ok ? 'ok' : o.error.code)

test('staff find their own community’s residents and representatives by name, never staff or another community’s people', async () => {
  const all = expectOk(await cloud.call(USERS.staff, listVolunteerCandidates, {}))
  const openids = all.residents.map((r) => r.openid)
  expect(openids).toEqual(expect.arrayContaining([USERS.resident, USERS.resident2, USERS.representative]))
  for (const notOne of [USERS.staff, USERS.gridEast, USERS.township, USERS.otherResident]) expect(openids).not.toContain(notOne)
  expect(all.residents.find((r) => r.openid === USERS.representative)?.roleLabel).toBe('居民代表')
  const wang = expectOk(await cloud.call(USERS.staff, listVolunteerCandidates, { name: '王秀' }))
  expect(wang.residents).toEqual([{ openid: USERS.resident, displayName: '王秀英', roleLabel: '居民' }])
  expect(wang.more).toBe(false)
})

test('the pick links a volunteer entry to that resident', async () => {
  const [pick] = expectOk(await cloud.call(USERS.staff, listVolunteerCandidates, { name: '李建国' })).residents
  const saved = expectOk(await cloud.call(USERS.staff, saveResource, { name: '李建国', kind: 'volunteer', offer: '陪护老人', contact: '13800000002', volunteerOpenid: pick!.openid }))
  expect(saved.resource.registeredVolunteer).toBe(true)
})

test('a resident, a grid worker and the township may not list them; another community’s staff list only their own', async () => {
  for (const who of [USERS.resident, USERS.gridEast, USERS.township]) expect(code(await cloud.call(who, listVolunteerCandidates, {}))).toBe('FORBIDDEN')
  const other = expectOk(await cloud.call(USERS.otherStaff, listVolunteerCandidates, {}))
  expect(other.residents.map((r) => r.openid)).toContain(USERS.otherResident)
  expect(other.residents.map((r) => r.openid)).not.toContain(USERS.resident)
})
