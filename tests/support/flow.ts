import path from 'node:path'
import { startTestCloud, type TestCloud } from './local-cloud'
import { COMMUNITIES, DEMO_USERS, TOWNSHIPS } from '../../scripts/demo/places'
import type { ActionContract, InputOf, Outcome, OutputOf } from '../../src/contracts/action'
import type { LocalCloudbaseOptions } from '../../local-cloudbase/server'
import { MESSAGE_TEMPLATES, TEMPLATE_KEYS } from '../../src/contracts/messages'
import { pairId } from '../../cloudfunctions/_shared/db'
import type { SweepResult } from '../../cloudfunctions/sweep/sweep'

const ROOT = path.resolve(__dirname, '../..')

export type FlowCloud = TestCloud & {
  /** Calls an action as a user, through the function host (the real SDK inside the function's worker). */
  call<C extends ActionContract>(openid: string, contract: C, input: InputOf<C> | unknown): Promise<Outcome<OutputOf<C>>>
  /** The raw event path, for malformed requests. */
  raw(openid: string, functionName: string, event: unknown): Promise<unknown>
  /** Moves the shared clock forward (functions, serverDate and timers all see it). */
  advance(ms: number): void
  /** Moves the shared clock forward to `at`; refuses an instant the clock has already passed. */
  advanceTo(at: Date): void
  now(): Date
  /** Fires the hourly sweep's timer once (as the platform would) and answers its result; a failed run throws. */
  fireSweep(): Promise<SweepResult>
}

export const USERS = {
  resident: 'demo-resident-wang',
  resident2: 'demo-resident-li',
  representative: 'demo-rep-zhao',
  gridEast: 'demo-grid-chen',
  gridWest: 'demo-grid-west',
  staff: 'demo-staff-liu',
  township: 'demo-township-he',
  county: 'demo-county-sun',
  otherResident: 'demo-resident-jinsha',
  otherStaff: 'demo-staff-jinsha',
} as const

/**
 * A local CloudBase with the built functions (dist/cloudfunctions, built by `npm test` before jest runs), the
 * repo's declared indexes enforced, and the demo places and people — but no demo topics.
 *
 * The functions always enforce their rate limits (src/domain/rate-limits.ts). The flow tests exercise rules with many
 * calls by the same demo people, so by default each call starts with the allowance counters cleared;
 * `{ rateLimits: true }` keeps them (tests/cloud/privacy-rate-limits.test.ts).
 */
export async function startFlowCloud(options: Partial<LocalCloudbaseOptions> & { rateLimits?: boolean; subscribed?: boolean } = {}): Promise<FlowCloud> {
  const { rateLimits, subscribed, ...cloudOptions } = options
  const cloud = await startTestCloud({ functionsDir: path.join(ROOT, 'dist', 'cloudfunctions'), ...cloudOptions })
  cloud.store.insert('townships', TOWNSHIPS.map((t) => ({ ...t })))
  cloud.store.insert('communities', COMMUNITIES.map((c) => ({ ...c })))
  cloud.store.insert('users', DEMO_USERS.map((u) => ({ ...u, joinedAt: new Date() })))
  if (subscribed ?? true) subscribeEveryone(cloud, DEMO_USERS.map((u) => u.openid))
  return Object.assign(cloud, {
    async call(openid: string, contract: ActionContract, input: unknown) {
      if (!rateLimits) cloud.store.remove('rate_limits', { expiresAt: { $gte: new Date(0) } }, true)
      const r = await cloud.functions.invoke(contract.functionName, { action: contract.name, input }, { openid, source: 'wx_client' })
      if (!r.ok) throw new Error(`${contract.functionName}.${contract.name} failed at the platform: ${r.errCode} ${r.errMsg}`)
      return r.result as Outcome<unknown>
    },
    async raw(openid: string, functionName: string, event: unknown) {
      const r = await cloud.functions.invoke(functionName, event, { openid, source: 'wx_client' })
      if (!r.ok) throw new Error(`${functionName} failed at the platform: ${r.errCode} ${r.errMsg}`)
      return r.result
    },
    advance(ms: number) {
      cloud.clock.advance(ms)
    },
    advanceTo(at: Date) {
      const ms = at.getTime() - cloud.clock.now().getTime()
      if (ms <= 0) throw new Error(`the clock is already past ${at.toISOString()}`)
      cloud.clock.advance(ms)
    },
    async fireSweep() {
      const r = await cloud.functions.fireTimer('sweep')
      if (!r.ok) throw new Error(`timer run failed at the platform: ${r.errCode} ${r.errMsg}`)
      return expectOk(r.result as Outcome<SweepResult>)
    },
    now() {
      return cloud.clock.now()
    },
  }) as FlowCloud
}

/**
 * As if each person had accepted every template many times over (WeChat's side and the server's count agree), so
 * flows that are not about grants see every message delivered. The messages-* tests start without this.
 */
export function subscribeEveryone(cloud: TestCloud, openids: readonly string[], count = 1000): void {
  for (const openid of openids) {
    cloud.subscriptions.grant(openid, TEMPLATE_KEYS.map((k) => MESSAGE_TEMPLATES[k].id), { count })
    cloud.store.insert('subscription_grants', TEMPLATE_KEYS.map((template) => ({ _id: pairId('sg', openid, template), openid, template, remaining: count, updatedAt: new Date() })))
  }
}

/** Unwraps a successful outcome, failing the test with the error otherwise. */
export function expectOk<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected ok, got ${outcome.error.code}: ${outcome.error.message}`)
  return outcome.data
}
export function expectFail(outcome: Outcome<unknown>, code: string): void {
  if (outcome.ok) throw new Error(`expected ${code}, got ok`)
  if (outcome.error.code !== code) throw new Error(`expected ${code}, got ${outcome.error.code}: ${outcome.error.message}`)
}

export const DAY = 86400_000
