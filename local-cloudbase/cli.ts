/**
 * The local CloudBase on the command line. A stable contract for tools outside the project:
 *   npm run cloud -- --port <P> --data <DIR>      serve in the foreground; prints "local cloudbase: http://127.0.0.1:<P>/admin"
 *                                                once it accepts requests, then "local cloudbase admin key: <DIR>/admin-key.json";
 *                                                SIGTERM/SIGINT stop it cleanly
 *   npm run cloud -- sdk-env --data <DIR>         print the shell variables that point the real wx-server-sdk at a server
 *                                                on that data directory (its /admin URL and its admin key)
 * Developer commands against a running server (default --url http://127.0.0.1:8080):
 *   npm run cloud -- trigger <function>           fire a function's timer trigger now
 *   npm run cloud -- clock                        show the local clock
 *   npm run cloud -- clock advance <N>[d|h|m|s]   move the local clock forward (functions, serverDate, timers)
 *   npm run cloud -- outbox                       subscription messages delivered so far, and those refused (43101)
 *   npm run cloud -- content-check [on|off]       show, or switch, whether security.msgSecCheck answers (off: errcode -1,
 *                                                the check service down; texts are then held for review)
 *   npm run cloud -- subscribe <openid> <templateId>... [--long-term]
 *                                                the user accepts those templates (one send each), as WeChat records it
 * Options for serve: --functions <DIR> (default dist/cloudfunctions), --h5 <DIR>, --env <ID>, --strict-indexes
 * Set-up of a fresh data directory (run it while no server uses that directory):
 *   npm run cloud -- bootstrap --data <DIR> --county <name> --openid <openid> [--name <display name>]
 *                                                makes <openid> the county office's first account, through the same
 *                                                account.bootstrapCounty action production uses (the function gets a
 *                                                one-time BOOTSTRAP_SECRET in its environment); refused once a county
 *                                                office exists
 */
import crypto from 'node:crypto'
import { parseArgs } from 'node:util'
import path from 'node:path'
import fs from 'node:fs'
import { startLocalCloudbase } from './server'
import { ADMIN_KEY_FILE, adminKeyFor } from './admin-auth'

/**
 * The county office's first account on a local data directory: starts the local CloudBase on it (no port of its
 * own, no timers), gives the account function a one-time BOOTSTRAP_SECRET as its environment variable, and calls
 * account.bootstrapCounty as <openid> — the same action, and the same refusals, as in production.
 */
export async function bootstrapLocal(options: { dataDir: string; county: string; openid: string; displayName: string; functionsDir?: string; env?: string }): Promise<unknown> {
  const secret = crypto.randomBytes(24).toString('hex')
  const saved = process.env.BOOTSTRAP_SECRET
  // Function workers copy this process's environment when they start: the secret reaches the account function only.
  process.env.BOOTSTRAP_SECRET = secret
  const cloud = await startLocalCloudbase({ port: 0, dataDir: options.dataDir, env: options.env, functionsDir: options.functionsDir, quiet: true, timers: false })
  try {
    const r = await cloud.functions.invoke(
      'account',
      { action: 'bootstrapCounty', input: { secret, countyName: options.county, displayName: options.displayName } },
      { openid: options.openid, source: 'wx_client' },
    )
    if (!r.ok) throw new Error(`account function failed: ${r.errMsg}`)
    return r.result
  } finally {
    await cloud.close()
    if (saved === undefined) delete process.env.BOOTSTRAP_SECRET
    else process.env.BOOTSTRAP_SECRET = saved
  }
}

/** The flags every command accepts; unknown flags are an error rather than silently ignored. */
function readArgs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      url: { type: 'string' },
      env: { type: 'string' },
      functions: { type: 'string' },
      h5: { type: 'string' },
      'strict-indexes': { type: 'boolean' },
      county: { type: 'string' },
      openid: { type: 'string' },
      name: { type: 'string' },
    },
  })
  return { positional: positionals, flags: values }
}

const DURATION_UNITS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 }
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([dhms])$/.exec(text)
  if (!m) throw new Error(`bad duration "${text}": use e.g. 7d, 12h, 30m, 45s`)
  return Number(m[1]) * DURATION_UNITS[m[2]!]!
}

async function control(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url.replace(/\/admin$/, '')}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await res.json()) as Record<string, unknown>
  if (!res.ok) throw new Error(String(json.error ?? res.status))
  return json
}

async function main() {
  const { positional, flags } = readArgs(process.argv.slice(2))
  const command = positional[0] ?? 'serve'
  const url = flags.url ?? `http://127.0.0.1:${flags.port ?? '8080'}`

  if (command === 'sdk-env') {
    if (flags.data === undefined || !fs.existsSync(path.join(flags.data, ADMIN_KEY_FILE))) {
      throw new Error(`usage: npm run cloud -- sdk-env --data <DIR> [--url …] (a server must have started on DIR once, making ${ADMIN_KEY_FILE})`)
    }
    const key = adminKeyFor(flags.data)
    const vars: Record<string, string> = {
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url.replace(/\/admin$/, '')}/admin` }),
      TENCENTCLOUD_SECRETID: key.secretId,
      TENCENTCLOUD_SECRETKEY: key.secretKey,
      TENCENTCLOUD: 'true',
      SCF_NAMESPACE: flags.env ?? 'local-env',
    }
    for (const [k, v] of Object.entries(vars)) console.log(`export ${k}='${v}'`)
    return
  }

  if (command === 'serve') {
    if (flags.port === undefined || flags.data === undefined) {
      throw new Error('usage: npm run cloud -- --port <P> --data <DIR>')
    }
    const port = Number(flags.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad --port ${flags.port}`)
    const cloud = await startLocalCloudbase({
      port,
      dataDir: flags.data,
      env: flags.env,
      functionsDir: flags.functions,
      h5Dir: flags.h5,
      strictIndexes: flags['strict-indexes'] ?? false,
    })
    console.log(`local cloudbase: ${cloud.url}`)
    // Outside tools sign their /admin requests with this key (TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY).
    console.log(`local cloudbase admin key: ${path.resolve(flags.data, ADMIN_KEY_FILE)}`)
    let stopping = false
    const stop = () => {
      if (stopping) return
      stopping = true
      cloud.close().then(
        () => process.exit(0),
        () => process.exit(1),
      )
    }
    process.on('SIGTERM', stop)
    process.on('SIGINT', stop)
    return
  }
  if (command === 'bootstrap') {
    if (!flags.data || !flags.county || !flags.openid) throw new Error('usage: npm run cloud -- bootstrap --data <DIR> --county <name> --openid <openid> [--name <display name>]')
    const outcome = (await bootstrapLocal({
      dataDir: flags.data,
      county: flags.county,
      openid: flags.openid,
      displayName: flags.name ?? '县级办公室',
      functionsDir: flags.functions,
      env: flags.env,
    })) as { ok: boolean; error?: { code: string; message: string } }
    console.log(JSON.stringify(outcome, null, 2))
    if (!outcome.ok) process.exitCode = 1
    return
  }
  if (command === 'trigger') {
    const name = positional[1]
    if (!name) throw new Error('usage: npm run cloud -- trigger <function> [--url URL]')
    console.log(JSON.stringify(await control(url, 'POST', '/_local/trigger', { function: name }), null, 2))
    return
  }
  if (command === 'clock') {
    if (positional[1] === 'advance') {
      const ms = parseDuration(positional[2] ?? '')
      console.log(JSON.stringify(await control(url, 'POST', '/_local/clock', { advanceMs: ms })))
    } else {
      console.log(JSON.stringify(await control(url, 'GET', '/_local/clock')))
    }
    return
  }
  if (command === 'subscribe') {
    const [openid, ...templateIds] = positional.slice(1)
    if (!openid || !templateIds.length) throw new Error('usage: npm run cloud -- subscribe <openid> <templateId>... [--long-term] [--url URL]')
    console.log(JSON.stringify(await control(url, 'POST', '/_local/subscriptions', { openid, templateIds, longTerm: (flags as Record<string, string | true | undefined>)['long-term'] === true })))
    return
  }
  if (command === 'content-check') {
    const state = positional[1]
    if (state !== undefined && state !== 'on' && state !== 'off') throw new Error('usage: npm run cloud -- content-check [on|off] [--url URL]')
    const answer = state === undefined ? await control(url, 'GET', '/_local/content-check') : await control(url, 'POST', '/_local/content-check', { reachable: state === 'on' })
    console.log(JSON.stringify(answer))
    return
  }
  if (command === 'outbox') {
    console.log(JSON.stringify(await control(url, 'GET', '/_local/outbox'), null, 2))
    return
  }
  throw new Error(`unknown command ${command}`)
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`local cloudbase: ${(err as Error).message}`)
    process.exit(1)
  })
}
