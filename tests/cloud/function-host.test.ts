import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { startTestCloud, actAs, type TestCloud } from '../support/local-cloud'
import { nextFireAfter, parseCron } from '../../scripts/lib/cron'
import { signSession } from '../../local-cloudbase/gateway'

/**
 * The function host, the H5 gateway with its dev login, the local clock and timer triggers, driven from outside: the
 * real wx-server-sdk, real HTTP, the CLI, and the server handle's documented methods. The functions are plain
 * deployed-style folders under tests/fixtures/cloudfunctions (index.js + package.json + config.json).
 */
const ROOT = path.resolve(__dirname, '../..')
const FUNCTIONS_DIR = path.join(__dirname, '../fixtures/cloudfunctions')
const DAY = 86_400_000
const HOUR = 3_600_000

const ZHANG = { openid: 'o-zhang', displayName: '张桂芳', role: 'resident', devLogin: true, devLoginOrder: 1, devLoginNote: '居民' }
const LI = { openid: 'o-li', displayName: '李建国', role: 'grid_worker', devLogin: true, devLoginOrder: 2 }
const HIDDEN = { openid: 'o-hidden', displayName: '不可登录', role: 'resident', devLogin: false }

let cloud: TestCloud
let sdk: any
let db: any
let specDir: string

beforeAll(async () => {
  // The collections these fixtures use, with the indexes their queries need (strict indexes are on in tests).
  specDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-host-spec-'))
  const specFile = path.join(specDir, 'database.json')
  fs.writeFileSync(
    specFile,
    JSON.stringify({
      collections: {
        users: {
          indexes: [
            { name: 'openid_unique', keys: { openid: 1 }, unique: true },
            { name: 'devLogin_order', keys: { devLogin: 1, devLoginOrder: 1 } },
          ],
        },
        ticks: { indexes: [{ name: 'fn', keys: { fn: 1 } }] },
        stamps: { indexes: [{ name: 'label', keys: { label: 1 } }] },
      },
    }),
  )
  cloud = await startTestCloud({ functionsDir: FUNCTIONS_DIR, databaseSpecFile: specFile })
  sdk = cloud.sdk()
  db = sdk.database()
  for (const user of [ZHANG, LI, HIDDEN]) await db.collection('users').add({ data: user })
})

afterAll(async () => {
  delete process.env.WX_API_TOKEN
  await cloud?.dispose()
  fs.rmSync(specDir, { recursive: true, force: true })
})

// ---- helpers ------------------------------------------------------------------------------------------------------

async function http(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${cloud.origin}${urlPath}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, json: (await res.json()) as any }
}

async function login(openid: string): Promise<string> {
  const { status, json } = await http('POST', '/api/dev/login', { openid })
  expect(status).toBe(200)
  return json.token as string
}

/** Calls a function through the gateway as the H5 app does. */
function callAs(token: string | null, name: string, data: unknown = {}) {
  return http('POST', `/api/functions/${name}`, data, token === null ? {} : { authorization: `Bearer ${token}` })
}

async function ticks(fn: string): Promise<any[]> {
  return (await db.collection('ticks').where({ fn }).limit(1000).get()).data
}

/** The CLI, exactly as a developer runs it against a running server. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'local-cloudbase/cli.ts', ...args, '--url', cloud.origin], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

/** |a - b| within tolerance, with a readable failure. */
function expectNear(actualMs: number, expectedMs: number, toleranceMs: number) {
  const diff = Math.abs(actualMs - expectedMs)
  if (diff > toleranceMs) throw new Error(`expected ${new Date(actualMs).toISOString()} within ${toleranceMs} ms of ${new Date(expectedMs).toISOString()} (off by ${diff} ms)`)
}

// ---- gateway and dev login ----------------------------------------------------------------------------------------

describe('gateway and dev login', () => {
  test('lists only dev-login users, in order, and logs in only those', async () => {
    const { status, json } = await http('GET', '/api/dev/users')
    expect(status).toBe(200)
    expect(json.users).toEqual([
      { openid: 'o-zhang', name: '张桂芳', role: 'resident', note: '居民' },
      { openid: 'o-li', name: '李建国', role: 'grid_worker', note: null },
    ])
    const ok = await http('POST', '/api/dev/login', { openid: 'o-zhang' })
    expect(ok.status).toBe(200)
    expect(ok.json.token).toEqual(expect.any(String))
    expect(Date.parse(ok.json.expiresAt)).toBeGreaterThan(Date.now())
    for (const openid of ['o-hidden', 'o-nobody', '']) {
      const refused = await http('POST', '/api/dev/login', { openid })
      expect(refused.status).toBe(404)
      expect(refused.json.errCode).toBe('UNKNOWN_USER')
    }
  })

  test('two users calling concurrently: every call sees only its own OPENID, whatever the body claims', async () => {
    const tokens = { 'o-zhang': await login('o-zhang'), 'o-li': await login('o-li') }
    const calls = Array.from({ length: 48 }, (_x, n) => {
      const who = n % 3 === 0 ? 'o-li' : 'o-zhang' // uneven interleaving
      const claimed = who === 'o-li' ? 'o-zhang' : 'o-li' // the body lies about who is calling
      return { n, who, promise: callAs(tokens[who], 'echo', { n, openid: claimed, delayMs: (n * 7) % 23 }) }
    })
    const answers = await Promise.all(calls.map((c) => c.promise))
    answers.forEach(({ status, json }, i) => {
      const { n, who } = calls[i]!
      expect(status).toBe(200)
      expect(json.result).toMatchObject({ OPENID: who, openidBefore: who, SOURCE: 'wx_client', ENV: cloud.env, functionName: 'echo' })
      expect(json.result.event.n).toBe(n)
      expect(json.result.CLIENTIP).toMatch(/127\.0\.0\.1$/)
    })
    expect(answers.filter((a) => a.json.result.OPENID === 'o-li')).toHaveLength(16)
  })

  test('without a session the call is anonymous', async () => {
    const { status, json } = await callAs(null, 'echo', { openid: 'o-zhang' })
    expect(status).toBe(200)
    expect(json.result).toMatchObject({ OPENID: '', SOURCE: 'wx_client' })
  })

  test('a bad, forged, foreign or expired session is refused with 401 SESSION_INVALID before the function runs', async () => {
    const good = await login('o-zhang')
    const [who, exp, mac] = good.split('.') as [string, string, string]
    const secret = Buffer.from(fs.readFileSync(path.join(cloud.dataDir, 'secret.key'), 'utf8').trim(), 'hex')
    const refused: Record<string, string> = {
      garbage: 'Bearer not-a-token',
      empty: 'Bearer ',
      'not bearer': `Basic ${good}`,
      'openid swapped': `Bearer ${Buffer.from('o-li').toString('base64url')}.${exp}.${mac}`,
      'expiry pushed': `Bearer ${who}.${Number(exp) + DAY}.${mac}`,
      'mac altered': `Bearer ${who}.${exp}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`,
      'other secret': `Bearer ${signSession(Buffer.alloc(32, 7), 'o-zhang', Date.now() + HOUR)}`,
      expired: `Bearer ${signSession(secret, 'o-zhang', Date.now() - 1000)}`,
    }
    for (const [what, authorization] of Object.entries(refused)) {
      const { status, json } = await http('POST', '/api/functions/stamp', { label: `refused-${what}` }, { authorization })
      expect({ what, status, errCode: json.errCode }).toEqual({ what, status: 401, errCode: 'SESSION_INVALID' })
    }
    // None of them ran the function (it would have written a stamp).
    for (const what of Object.keys(refused)) expect((await db.collection('stamps').where({ label: `refused-${what}` }).get()).data).toEqual([])
    // The same secret with a future expiry is accepted: the refusals above are about the token, not its shape.
    const fresh = signSession(secret, 'o-zhang', Date.now() + HOUR)
    expect((await callAs(fresh, 'echo')).json.result.OPENID).toBe('o-zhang')
  })

  test('an unknown function or endpoint answers like the platform, not with a crash', async () => {
    const token = await login('o-li')
    const missing = await callAs(token, 'nope')
    expect(missing.status).toBe(200)
    expect(missing.json.errCode).toBe(-501000)
    expect((await http('POST', '/api/functions/bad%20name')).status).toBe(404)
    const badJson = await http('POST', '/api/functions/echo', '{not json', { authorization: `Bearer ${token}` })
    expect(badJson.status).toBe(400)
  })
})

// ---- identity through callFunction --------------------------------------------------------------------------------

describe('identity through callFunction', () => {
  test('a function called by a function runs as the same user, with SOURCE following the chain', async () => {
    const viaHost = await cloud.functions.invoke('relay', { data: { x: 1 } }, { openid: 'o-zhang', appid: 'wxapp-test', source: 'wx_client' })
    expect(viaHost).toMatchObject({
      ok: true,
      result: {
        caller: { OPENID: 'o-zhang', SOURCE: 'wx_client' },
        callee: { OPENID: 'o-zhang', APPID: 'wxapp-test', SOURCE: 'wx_client,scf', functionName: 'echo', event: { x: 1 } },
      },
    })
    const token = await login('o-li')
    const viaGateway = await callAs(token, 'relay', { data: { y: 2 } })
    expect(viaGateway.json.result).toMatchObject({
      caller: { OPENID: 'o-li', SOURCE: 'wx_client' },
      callee: { OPENID: 'o-li', SOURCE: 'wx_client,scf', event: { y: 2 } },
    })
  })

  test('callFunction from outside any invocation carries no user, whatever the calling process sets', async () => {
    actAs('o-claimed')
    // Listed in WX_CONTEXT_KEYS, as the runtime lists it, the SDK sends WX_API_TOKEN with every request.
    process.env.WX_CONTEXT_KEYS += ',WX_API_TOKEN'
    process.env.WX_API_TOKEN = 'made-up-token'
    try {
      const { result } = await sdk.callFunction({ name: 'echo', data: { hello: 'world' } })
      expect(result).toMatchObject({ OPENID: '', SOURCE: 'wx_unknown', event: { hello: 'world' } })
      // A real token, once its invocation has finished, no longer stands for that user.
      const leaked = await cloud.functions.invoke('echo', { leakToken: true }, { openid: 'o-zhang', source: 'wx_client' })
      expect(leaked.ok && (leaked.result as any).apiToken).toEqual(expect.stringMatching(/^[0-9a-f]{48}$/))
      process.env.WX_API_TOKEN = (leaked as any).result.apiToken
      expect((await sdk.callFunction({ name: 'echo' })).result.OPENID).toBe('')
    } finally {
      for (const key of ['WX_API_TOKEN', 'WX_OPENID', 'WX_APPID', 'WX_CONTEXT_KEYS']) delete process.env[key]
    }
  })
})

// ---- failures -----------------------------------------------------------------------------------------------------

describe('failures', () => {
  test('a function that throws reaches the caller as CloudBase error -504002', async () => {
    // wx-server-sdk 4.0.2 (over @cloudbase/node-sdk 3.17.2) raises it as errCode -1 with the platform's message.
    await expect(sdk.callFunction({ name: 'boom', data: { why: 'one' } })).rejects.toMatchObject({
      errCode: -1,
      errMsg: expect.stringMatching(/^callFunction:fail errCode: -504002 functions execute fail \| errMsg: boom one/),
    })
    await expect(sdk.callFunction({ name: 'boom', data: { sync: true, why: 'two' } })).rejects.toMatchObject({
      errMsg: expect.stringContaining('-504002 functions execute fail | errMsg: sync boom two'),
    })
    // The mini-program side (here the gateway) gets the numeric errCode, as wx.cloud.callFunction reports it.
    const token = await login('o-zhang')
    const viaGateway = await callAs(token, 'boom', { why: 'three' })
    expect(viaGateway.status).toBe(200)
    expect(viaGateway.json).toEqual({ errCode: -504002, errMsg: expect.stringContaining('boom three') })
    // A function calling the broken one sees the same error.
    expect((await callAs(token, 'relay', { target: 'boom', data: { why: 'four' } })).json.result.error.errMsg).toMatch(
      /-504002 functions execute fail \| errMsg: boom four/,
    )
    await expect(sdk.callFunction({ name: 'no-such-function' })).rejects.toMatchObject({ errMsg: expect.stringContaining('could not be found') })
  })

  test('an uncaught exception kills only its instance: the call fails, the next one works', async () => {
    const crashed = await cloud.functions.invoke('boom', { uncaught: true }, { openid: 'o-li', source: 'wx_client' })
    expect(crashed).toMatchObject({ ok: false, errCode: -504002, errMsg: expect.stringContaining('uncaught boom') })
    await expect(sdk.callFunction({ name: 'boom', data: { why: 'again' } })).rejects.toMatchObject({ errMsg: expect.stringContaining('boom again') })
    expect((await sdk.callFunction({ name: 'echo', data: { after: 'crash' } })).result.event).toEqual({ after: 'crash' })
  })

  test('a call over the function timeout fails after the timeout, waiting or spinning, and the host stays usable', async () => {
    // `slow` has a 2 s timeout (config.json). The waiting call would write a stamp at 2.5 s if its instance lived
    // on; the spinning call that follows takes longer than that.
    for (const data of [{ ms: 2500, label: 'after-timeout' }, { ms: 6000, spin: true }]) {
      const started = Date.now()
      await expect(sdk.callFunction({ name: 'slow', data })).rejects.toMatchObject({
        errMsg: expect.stringContaining('-504002 functions execute fail | errMsg: Invoking task timed out after 2 seconds'),
      })
      const took = Date.now() - started
      expect(took).toBeGreaterThanOrEqual(1950)
      expect(took).toBeLessThan(4500)
    }
    // A fresh instance serves the next call (the timed-out ones were stopped and discarded), and other functions
    // never noticed.
    expect((await sdk.callFunction({ name: 'slow', data: { ms: 10 } })).result).toEqual({ sleptMs: 10, callsInThisInstance: 1 })
    expect((await db.collection('stamps').where({ label: 'after-timeout' }).get()).data).toEqual([])
    const token = await login('o-li')
    expect((await callAs(token, 'echo', { n: 1 })).json.result.OPENID).toBe('o-li')
  })
})

// ---- the clock ----------------------------------------------------------------------------------------------------

describe('the local clock', () => {
  test('moves forward by HTTP or handle; functions and serverDate both see it; never backwards', async () => {
    await sdk.callFunction({ name: 'echo' }) // a warm instance must pick up the new time too
    const start = (await http('GET', '/_local/clock')).json
    const moved = await http('POST', '/_local/clock', { advanceMs: 10 * DAY })
    expect(moved.status).toBe(200)
    expect(moved.json.offsetMs).toBe(start.offsetMs + 10 * DAY)
    expectNear(Date.parse(moved.json.now), Date.now() + start.offsetMs + 10 * DAY, 2000)
    expect(cloud.clock.offsetMs()).toBe(moved.json.offsetMs)

    const shifted = () => Date.now() + cloud.clock.offsetMs()
    const echo = (await sdk.callFunction({ name: 'echo' })).result
    expectNear(Date.parse(echo.now), shifted(), 5000)
    expectNear(echo.dateNow, shifted(), 5000)
    expect(echo.epoch).toBe('1970-01-01T00:00:00.000Z') // explicit dates are not shifted

    const { result } = await sdk.callFunction({ name: 'stamp', data: { label: 'clock' } })
    const { data: doc } = await db.collection('stamps').doc(result._id).get()
    expect(doc.at).toBeInstanceOf(Date)
    expect(doc.fnNow).toBeInstanceOf(Date) // a Date made inside the function is stored as a date
    expectNear(doc.at.getTime(), shifted(), 5000)
    expectNear(doc.fnNow.getTime(), Date.parse(result.fnNow), 0)
    expectNear(doc.fnNow.getTime(), shifted(), 5000)

    cloud.clock.advance(HOUR)
    expect((await http('GET', '/_local/health')).json.offsetMs).toBe(start.offsetMs + 10 * DAY + HOUR)
    expectNear(Date.parse((await sdk.callFunction({ name: 'echo' })).result.now), shifted(), 5000)

    for (const bad of [{ advanceMs: -1 }, {}, { advanceMs: 'a day' }]) expect((await http('POST', '/_local/clock', bad)).status).toBe(400)
    expect(cloud.clock.offsetMs()).toBe(start.offsetMs + 10 * DAY + HOUR)
  })
})

// ---- timers -------------------------------------------------------------------------------------------------------

describe('timer triggers', () => {
  test("config.json's timer fires at 00:30 Beijing time; a jump over several slots runs it once, as wx_trigger", async () => {
    await cloud.functions.runDueTimers() // whatever earlier clock moves made due has run
    const before = (await ticks('ticker')).length
    const timer = cloud.functions.timers().find((t) => t.functionName === 'ticker')!
    expect(timer).toMatchObject({ triggerName: 'daily', cron: '0 30 0 * * * *' })
    const next = Date.parse(timer.next!)
    expect(new Date(next).toISOString()).toMatch(/T16:30:00\.000Z$/) // 00:30 in UTC+8 is 16:30 UTC the day before
    expect(next).toBeGreaterThan(cloud.clock.now().getTime())
    expect(next - cloud.clock.now().getTime()).toBeLessThanOrEqual(DAY)

    // Jump three and a bit days past the next slot: four slots missed, one catch-up run.
    const jump = next - cloud.clock.now().getTime() + 3 * DAY + 60_000
    const moved = await http('POST', '/_local/clock', { advanceMs: jump })
    expect(moved.status).toBe(200)
    // This test cloud runs with timers off, so moving the clock fired nothing; the host's tick (what runs every
    // second when timers are on) catches up now.
    expect(await ticks('ticker')).toHaveLength(before)
    await cloud.functions.runDueTimers()
    const after = await ticks('ticker')
    expect(after).toHaveLength(before + 1)
    const run = after.find((t) => !t.time || Date.parse(t.time) >= next)!
    expect(run).toMatchObject({ source: 'wx_trigger', openid: '', type: 'Timer', triggerName: 'daily' })
    expectNear(run.at.getTime(), Date.parse(moved.json.now), 5000)
    expectNear(run.fnNow.getTime(), Date.parse(moved.json.now), 5000)
    expect(cloud.functions.timers().find((t) => t.functionName === 'ticker')!.next).toBe(new Date(next + 4 * DAY).toISOString())

    await cloud.functions.runDueTimers()
    expect(await ticks('ticker')).toHaveLength(before + 1) // nothing more is due

    // Up to one minute before the next slot: nothing; past it: exactly one more run.
    cloud.clock.advance(next + 4 * DAY - cloud.clock.now().getTime() - 60_000)
    await cloud.functions.runDueTimers()
    expect(await ticks('ticker')).toHaveLength(before + 1)
    cloud.clock.advance(2 * 60_000)
    await cloud.functions.runDueTimers()
    expect(await ticks('ticker')).toHaveLength(before + 2)
  })

  test('a trigger fires on demand by /_local/trigger and by the CLI, without moving the clock', async () => {
    const before = (await ticks('ticker')).length
    const offset = cloud.clock.offsetMs()
    const fired = await http('POST', '/_local/trigger', { function: 'ticker' })
    expect(fired).toEqual({ status: 200, json: { ok: true, result: { ran: true }, attempts: 1 } })
    expect(await ticks('ticker')).toHaveLength(before + 1)

    const viaCli = await cli(['trigger', 'ticker'])
    expect(viaCli.code).toBe(0)
    expect(JSON.parse(viaCli.stdout)).toEqual({ ok: true, result: { ran: true }, attempts: 1 })
    const all = await ticks('ticker')
    expect(all).toHaveLength(before + 2)
    expect(all.every((t) => t.source === 'wx_trigger' && t.type === 'Timer')).toBe(true)
    expect(cloud.clock.offsetMs()).toBe(offset)

    // A function without a timer, or none at all, is refused.
    expect(await http('POST', '/_local/trigger', { function: 'echo' })).toEqual({ status: 400, json: { error: expect.stringContaining('no timer trigger') } })
    expect((await http('POST', '/_local/trigger', {})).status).toBe(400)
    const refused = await cli(['trigger', 'echo'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('no timer trigger')
  }, 20_000)

  test('the CLI moves the clock forward', async () => {
    const offset = cloud.clock.offsetMs()
    const moved = await cli(['clock', 'advance', '2h'])
    expect(moved.code).toBe(0)
    expect(JSON.parse(moved.stdout).offsetMs).toBe(offset + 2 * HOUR)
    expect(cloud.clock.offsetMs()).toBe(offset + 2 * HOUR)
    const shown = await cli(['clock'])
    expect(JSON.parse(shown.stdout).offsetMs).toBe(offset + 2 * HOUR)
  }, 20_000)

  test('a failing timer run is retried twice, then reported', async () => {
    const before = (await ticks('flaky')).length
    const fired = await http('POST', '/_local/trigger', { function: 'flaky' })
    expect(fired.json).toMatchObject({ ok: false, errCode: -504002, attempts: 3, errMsg: expect.stringContaining('flaky timer run failed') })
    const attempts = await ticks('flaky')
    expect(attempts).toHaveLength(before + 3)
    expect(attempts.every((t) => t.source === 'wx_trigger' && t.triggerName === 'never')).toBe(true)
  })
})

// ---- cron, pure ---------------------------------------------------------------------------------------------------

describe('cron (7 fields, Beijing time)', () => {
  const next = (cron: string, afterIso: string) => nextFireAfter(parseCron(cron), new Date(afterIso))?.toISOString() ?? null
  const sequence = (cron: string, afterIso: string, n: number) => {
    const schedule = parseCron(cron)
    const out: string[] = []
    let at = new Date(afterIso)
    for (let i = 0; i < n; i++) {
      at = nextFireAfter(schedule, at)!
      out.push(at.toISOString())
    }
    return out
  }

  test('00:30 in UTC+8 is 16:30 UTC the previous day; "after" is strict', () => {
    expect(next('0 30 0 * * * *', '2026-03-10T08:00:00.000Z')).toBe('2026-03-10T16:30:00.000Z')
    expect(next('0 30 0 * * * *', '2026-03-10T16:29:59.999Z')).toBe('2026-03-10T16:30:00.000Z')
    expect(next('0 30 0 * * * *', '2026-03-10T16:30:00.000Z')).toBe('2026-03-11T16:30:00.000Z')
    expect(next('0 0 2 * * * *', '2026-03-10T17:00:00.000Z')).toBe('2026-03-10T18:00:00.000Z') // 02:00 Beijing
  })

  test('every N minutes, across the hour and Beijing midnight; stepped ranges', () => {
    expect(next('0 */5 * * * * *', '2026-03-10T10:02:30.000Z')).toBe('2026-03-10T10:05:00.000Z')
    expect(next('0 */5 * * * * *', '2026-03-10T10:04:59.500Z')).toBe('2026-03-10T10:05:00.000Z')
    expect(sequence('0 */20 * * * * *', '2026-03-10T15:30:00.000Z', 4)).toEqual([
      '2026-03-10T15:40:00.000Z',
      '2026-03-10T16:00:00.000Z', // midnight in Beijing
      '2026-03-10T16:20:00.000Z',
      '2026-03-10T16:40:00.000Z',
    ])
    // Every 15 minutes from 09:00 to 10:45 Beijing: after 10:50 comes tomorrow's 09:00.
    expect(sequence('0 0/15 9-10 * * * *', '2026-03-10T02:40:00.000Z', 2)).toEqual(['2026-03-10T02:45:00.000Z', '2026-03-11T01:00:00.000Z'])
    expect(sequence('0 0 8-18/4 * * * *', '2026-03-10T00:00:00.000Z', 4)).toEqual([
      '2026-03-10T04:00:00.000Z', // 12:00
      '2026-03-10T08:00:00.000Z', // 16:00
      '2026-03-11T00:00:00.000Z', // 08:00 next day
      '2026-03-11T04:00:00.000Z',
    ])
  })

  test('day of week is the Beijing day; names, numbers and 7 for Sunday agree', () => {
    // Friday 2026-11-27 → Monday 2026-11-30 09:00 Beijing.
    expect(next('0 0 9 * * MON *', '2026-11-27T00:00:00.000Z')).toBe('2026-11-30T01:00:00.000Z')
    // Monday 00:30 in Beijing is still Sunday in UTC.
    expect(next('0 30 0 * * MON *', '2026-11-27T00:00:00.000Z')).toBe('2026-11-29T16:30:00.000Z')
    // Weekdays at 08:00: Friday's has passed, so Monday's.
    expect(next('0 0 8 * * 1-5 *', '2026-11-27T00:30:00.000Z')).toBe('2026-11-30T00:00:00.000Z')
    for (const sunday of ['SUN', '0', '7']) expect(next(`0 0 12 * * ${sunday} *`, '2026-11-27T00:00:00.000Z')).toBe('2026-11-29T04:00:00.000Z')
    expect(sequence('0 0 20 * * SAT,SUN *', '2026-11-27T00:00:00.000Z', 3)).toEqual([
      '2026-11-28T12:00:00.000Z',
      '2026-11-29T12:00:00.000Z',
      '2026-12-05T12:00:00.000Z',
    ])
  })

  test('month boundaries: the 1st, and the 31st skipping short months', () => {
    expect(next('0 0 0 1 * * *', '2026-01-31T00:00:00.000Z')).toBe('2026-01-31T16:00:00.000Z') // Feb 1 00:00 Beijing
    expect(sequence('0 0 10 31 * * *', '2026-03-31T03:00:00.000Z', 3)).toEqual([
      '2026-05-31T02:00:00.000Z', // no April 31
      '2026-07-31T02:00:00.000Z', // no June 31
      '2026-08-31T02:00:00.000Z',
    ])
    expect(next('0 0 9 1 JUN * *', '2026-01-01T00:00:00.000Z')).toBe('2026-06-01T01:00:00.000Z')
  })

  test('Feb 29 exists only in leap years', () => {
    expect(next('0 0 12 29 2 * *', '2026-01-01T00:00:00.000Z')).toBe('2028-02-29T04:00:00.000Z')
    expect(sequence('0 0 0 * * * *', '2028-02-28T12:00:00.000Z', 2)).toEqual([
      '2028-02-28T16:00:00.000Z', // Feb 29 00:00 Beijing
      '2028-02-29T16:00:00.000Z', // Mar 1
    ])
    // Every day of February, after Feb 28 2027: the next one is Feb 1 2028.
    expect(next('0 0 0 * 2 * *', '2027-02-28T12:00:00.000Z')).toBe('2028-01-31T16:00:00.000Z')
  })

  test('Dec 31 → Jan 1, and the year field', () => {
    expect(next('0 0 0 * * * *', '2026-12-31T10:00:00.000Z')).toBe('2026-12-31T16:00:00.000Z') // Jan 1 2027 Beijing
    expect(next('0 0 0 1 1 * *', '2026-06-01T00:00:00.000Z')).toBe('2026-12-31T16:00:00.000Z')
    expect(next('0 59 23 31 12 * *', '2026-12-31T15:58:00.000Z')).toBe('2026-12-31T15:59:00.000Z')
    expect(next('0 59 23 31 12 * *', '2026-12-31T16:00:00.000Z')).toBe('2027-12-31T15:59:00.000Z')
    expect(next('0 0 0 1 1 * 2027', '2026-06-01T00:00:00.000Z')).toBe('2026-12-31T16:00:00.000Z')
    expect(next('0 0 0 1 1 * 2027', '2027-01-01T00:00:00.000Z')).toBeNull()
  })

  test('malformed expressions are refused', () => {
    for (const bad of ['0 30 0 * * *', '0 30 0 * * * * *', '60 0 0 * * * *', '0 0 24 * * * *', '0 0 0 0 * * *', '0 0 0 * 13 * *', '0 0 5-1 * * * *', '0 */0 * * * * *', '0 0 0 * * FUNDAY *']) {
      expect(() => parseCron(bad)).toThrow()
    }
  })
})
