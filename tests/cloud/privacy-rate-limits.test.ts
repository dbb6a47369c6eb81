import { startFlowCloud, expectOk, expectFail, USERS, type FlowCloud } from '../support/flow'
import { cloneUser, invitationCode, noticedTopic, publishedTopic, uniqueId } from '../support/flow-scenarios'
import { submitReport, triageReport } from '../../src/contracts/reports'
import { fileObjection, postOpinion } from '../../src/contracts/topics'
import { redeemInvitation } from '../../src/contracts/account'
import type { Outcome } from '../../src/contracts/action'

/**
 * Issue 9 §4 rate limits, enforced inside the functions: reports 10/hour, opinions and objections 30/hour, invitation
 * redemption 10/hour per openid, each answered with RATE_LIMITED and retryAfterSeconds; a refused call stores
 * nothing; the next window allows again; staff triage is not limited.
 */
let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud({ rateLimits: true })
})
afterAll(async () => {
  await cloud.dispose()
})

const HOUR = 3600_000
/** Moves the clock to the start of the next hour window (windows are fixed hours of the UTC epoch). */
function nextWindow(): void {
  const now = cloud.now().getTime()
  cloud.advance(Math.floor(now / HOUR) * HOUR + HOUR - now + 1000)
}
function expectLimited(out: Outcome<unknown>): number {
  expectFail(out, 'RATE_LIMITED')
  const retry = (out as { ok: false; error: { retryAfterSeconds?: number } }).error.retryAfterSeconds
  expect(retry).toBeGreaterThan(0)
  expect(retry).toBeLessThanOrEqual(3600)
  return retry!
}
const report = (openid: string, clientRequestId = uniqueId('rp')) =>
  cloud.call(openid, submitReport, { clientRequestId, text: '楼道灯不亮', category: 'infrastructure', photos: [], location: null })
const reportsOf = (openid: string) => cloud.store.find('reports', { reporterOpenid: openid }).length

test('reports: 10 an hour per resident, then RATE_LIMITED with the retry time; nothing stored; the next hour allows again', async () => {
  nextWindow()
  const resident = cloneUser(cloud, USERS.resident, uniqueId('rl-resident'))
  const first = uniqueId('rp')
  expectOk(await report(resident, first))
  for (let i = 1; i < 10; i++) expectOk(await report(resident))
  expect(reportsOf(resident)).toBe(10)
  const retry = expectLimited(await report(resident))
  expect(reportsOf(resident)).toBe(10)
  // A retried request is answered from the first attempt, not refused and not counted.
  expect(expectOk(await report(resident, first)).duplicateRequest).toBe(true)
  // Another resident has their own allowance.
  expectOk(await report(cloneUser(cloud, USERS.resident, uniqueId('rl-neighbour'))))
  cloud.advance(retry * 1000)
  expectOk(await report(resident))
  expect(reportsOf(resident)).toBe(11)
}, 120_000)

test('opinions and objections: 30 an hour each', async () => {
  nextWindow()
  const resident = cloneUser(cloud, USERS.resident2, uniqueId('rl-talker'))
  const published = await publishedTopic(cloud)
  for (let i = 0; i < 30; i++) expectOk(await cloud.call(resident, postOpinion, { topicId: published.id, text: `意见${i}` }))
  expectLimited(await cloud.call(resident, postOpinion, { topicId: published.id, text: '第31条' }))
  expect(cloud.store.find('opinions', { topicId: published.id })).toHaveLength(30)

  const noticed = await noticedTopic(cloud)
  for (let i = 0; i < 30; i++) expectOk(await cloud.call(resident, fileObjection, { topicId: noticed.id, text: `异议${i}` }))
  expectLimited(await cloud.call(resident, fileObjection, { topicId: noticed.id, text: '第31条' }))
  expect(cloud.store.find('objections', { topicId: noticed.id })).toHaveLength(30)
}, 180_000)

test('invitation redemption: 10 attempts an hour per openid, right code or not; the invitation stays unused', async () => {
  nextWindow()
  const guesser = uniqueId('rl-guesser')
  for (let i = 0; i < 10; i++) expectFail(await cloud.call(guesser, redeemInvitation, { code: `ZZZZ${String(1000 + i)}`, displayName: '试试' }), 'INVITATION_INVALID')
  const code = await invitationCode(cloud)
  expectLimited(await cloud.call(guesser, redeemInvitation, { code, displayName: '试试' }))
  expect(cloud.store.find('invitations', { code }).map((i) => (i as unknown as { usedBy: unknown }).usedBy)).toEqual([null])
  expect(cloud.store.find('users', { openid: guesser })).toEqual([])
})

test('staff are not limited in their own triage', async () => {
  nextWindow()
  const ids: string[] = []
  for (let i = 0; i < 12; i++) ids.push(expectOk(await report(cloneUser(cloud, USERS.resident, uniqueId('rl-many')))).report.id)
  for (const reportId of ids) expectOk(await cloud.call(USERS.gridEast, triageReport, { reportId, kind: 'reply', note: '已联系物业' }))
  // A grid worker's own reports on patrol are not limited either.
  for (let i = 0; i < 12; i++) expectOk(await report(USERS.gridEast))
}, 120_000)
