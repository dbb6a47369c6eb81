import { startFlowCloud, expectOk, USERS, type FlowCloud } from '../support/flow'
import { accept, deliveredTo, refusedTo } from '../support/subscriptions'
import { submitReport, triageReport } from '../../src/contracts/reports'
import { listNotifications } from '../../src/contracts/account'

/**
 * With long-term subscriptions switched on (SUBSCRIPTION_LONG_TERM, read in cloudfunctions/_shared/notify.ts; the
 * functions' environment is copied when their workers start), sends are not counted: a user who accepted once gets
 * every message. One who never accepted is still refused by WeChat.
 */
let cloud: FlowCloud
beforeAll(async () => {
  process.env.SUBSCRIPTION_LONG_TERM = 'true'
  cloud = await startFlowCloud({ subscribed: false })
})
afterAll(async () => {
  delete process.env.SUBSCRIPTION_LONG_TERM
  await cloud.dispose()
})

let seq = 0
async function reportAndTriage(openid: string, text: string): Promise<string> {
  const id = expectOk(await cloud.call(openid, submitReport, { clientRequestId: `lt-report-${String(++seq).padStart(4, '0')}`, text, category: 'infrastructure', photos: [], location: null })).report.id
  expectOk(await cloud.call(USERS.staff, triageReport, { reportId: id, kind: 'reply', note: '已联系物业处理' }))
  return id
}

test('the long-term switch sends every message to a user who accepted once, without counting', async () => {
  expect((await accept(cloud, USERS.resident, ['statusChanged'], { longTerm: true })).grants.statusChanged).toBe('long-term')
  const a = await reportAndTriage(USERS.resident, '3栋门口路灯不亮')
  const b = await reportAndTriage(USERS.resident, '3栋楼道堆放杂物')
  expect(deliveredTo(cloud, USERS.resident).map((m) => m.page)).toEqual([`pages/my-reports/index?id=${a}`, `pages/my-reports/index?id=${b}`])
  expect(expectOk(await cloud.call(USERS.resident, listNotifications, {})).items.map((n) => n.message)).toEqual(['sent', 'sent'])
})

test('with the switch on, a user who never accepted is refused by WeChat (43101), and the refusal is recorded', async () => {
  await reportAndTriage(USERS.resident2, '5栋垃圾桶满了')
  expect(deliveredTo(cloud, USERS.resident2)).toEqual([])
  expect(refusedTo(cloud, USERS.resident2).map((m) => m.errcode)).toEqual([43101])
  expect(expectOk(await cloud.call(USERS.resident2, listNotifications, {})).items.map((n) => n.message)).toEqual(['refused'])
})
