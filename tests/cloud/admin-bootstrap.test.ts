import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { bootstrapLocal } from '../../local-cloudbase/cli'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { seedDemo } from '../../scripts/demo/seed'
import { bootstrapCounty, whoAmI } from '../../src/contracts/account'
import type { Outcome } from '../../src/contracts/action'

/**
 * The bootstrap's other paths: the local command on a data directory (the same action as production, through the
 * function host), the action with no BOOTSTRAP_SECRET configured, and the demo seed, which sets up its county office
 * under the bootstrap's record so a later bootstrap is refused.
 */
const FUNCTIONS = path.resolve(__dirname, '../../dist/cloudfunctions')

test('npm run cloud -- bootstrap: makes the openid the county office on the data directory, once', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-boot-'))
  try {
    const first = (await bootstrapLocal({ dataDir, county: '屏山县', openid: 'cli-county-0001', displayName: '孙主任', functionsDir: FUNCTIONS })) as Outcome<{ user: { role: string } }>
    expect(first).toMatchObject({ ok: true, data: { user: { role: 'county_office', displayName: '孙主任' }, countyName: '屏山县' } })
    // The account is in the data directory: a server started on it later knows the county office.
    const second = (await bootstrapLocal({ dataDir, county: '别县', openid: 'cli-county-0002', displayName: '冒充者', functionsDir: FUNCTIONS })) as Outcome<unknown>
    expect(second).toMatchObject({ ok: false, error: { code: 'ALREADY_BOOTSTRAPPED' } })
    expect(process.env.BOOTSTRAP_SECRET).toBeUndefined()
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}, 30_000)

describe('without BOOTSTRAP_SECRET, and on the demo data', () => {
  let cloud: TestCloud
  beforeAll(async () => {
    delete process.env.BOOTSTRAP_SECRET
    cloud = await startTestCloud({ functionsDir: FUNCTIONS })
  })
  afterAll(async () => {
    await cloud.dispose()
  })
  const call = async (openid: string, contract: { functionName: string; name: string }, input: unknown) => {
    const r = await cloud.functions.invoke(contract.functionName, { action: contract.name, input }, { openid, source: 'wx_client' })
    if (!r.ok) throw new Error(r.errMsg)
    return r.result as Outcome<{ user: unknown }>
  }

  test('the bootstrap is off when the function has no secret configured, whatever secret is sent', async () => {
    for (const secret of ['', 'x', 'undefined']) {
      const r = await call('boot-nosecret-0001', bootstrapCounty, { secret: secret || 'empty', countyName: '屏山县', displayName: '孙主任' })
      expect(r).toMatchObject({ ok: false, error: { code: 'BOOTSTRAP_DISABLED' } })
    }
    expect(await call('boot-nosecret-0001', whoAmI, {})).toMatchObject({ ok: true, data: { user: null } })
  })

  test('the demo seed writes its county office with the bootstrap record and no frozen settings', () => {
    seedDemo(cloud.store, cloud.clock.now())
    expect(cloud.store.find('admin_events', { communityId: null }, {}).map((e) => e.type)).toEqual(['county_bootstrapped'])
    expect(cloud.store.find('users', { openid: 'demo-county-sun' })[0]).toMatchObject({ role: 'county_office' })
    for (const c of cloud.store.find('communities', {})) {
      expect(c.settings).toBeUndefined()
      expect(c.categories).toBeUndefined()
    }
    expect(cloud.store.find('townships', { name: '屏山镇' })).toHaveLength(1)
  })
})
