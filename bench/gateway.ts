/**
 * Gateway latency vs a bare Node http server, in the same run on the same machine.
 *
 *   npm run build:functions && npx tsx bench/gateway.ts [--calls 2000] [--warmup 300] [--rounds 3] [--concurrency 1,8,32]
 *                                                       [--functions dist/cloudfunctions]
 *
 * Targets, each driven by the same keep-alive HTTP client loop (in its own worker thread, so the client does not
 * share an event loop with the servers):
 *   - bare echo: node:http that parses the JSON body and answers {result: body}
 *   - gateway → ping: POST /api/functions/ping with a dev-login session; `ping` is a minimal function (loads
 *     wx-server-sdk, answers getWXContext().OPENID and the event): session check + worker round trip, no database
 *   - gateway → account.whoAmI: the built `account` function, signed in; adds one indexed database read through the
 *     real wx-server-sdk inside the function (an HTTP request back to /admin)
 * The matrix runs --rounds times (default 3), interleaved, and each figure is the median of its rounds.
 * Prints a markdown section (stdout); progress goes to stderr. Target (a figure, not a test): gateway p50 within 3x
 * of the bare echo p50.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Worker } from 'node:worker_threads'
import { startLocalCloudbase } from '../local-cloudbase/server'
import { flag } from './support'

const ROOT = path.resolve(__dirname, '..')

/** nproc, CPU model, Node version and the UTC date, for the figures' heading. */
export function machineLine(): string {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? os.cpus()[0]?.model ?? 'unknown CPU'
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ')
  return `Machine: ${os.availableParallelism()} CPUs (nproc), ${cpu.trim()}, Node ${process.version}, load average ${load}; ${new Date().toUTCString()}.`
}

const CALLS = Number(flag('calls', '2000'))
const WARMUP = Number(flag('warmup', '300'))
const CONCURRENCY = flag('concurrency', '1,8,32').split(',').map(Number)
/** The whole matrix runs this many times, interleaved; each row reports the median of its rounds (a shared machine is noisy). */
const ROUNDS = Number(flag('rounds', '3'))
const BUILT = path.resolve(flag('functions', path.join(ROOT, 'dist', 'cloudfunctions')))

export interface Measured {
  target: string
  concurrency: number
  calls: number
  p50: number
  p99: number
  perSecond: number
}

interface Target {
  name: string
  port: number
  path: string
  headers: Record<string, string>
  body: string
  /** Every answer must contain this, or the run fails (no counting of error answers as fast calls). */
  expect: string
}

/** The client loop, plain JS in a worker thread: `concurrency` loops issue requests until `calls` are done. */
const CLIENT = `
const { parentPort } = require('node:worker_threads')
const http = require('node:http')
parentPort.on('message', async (job) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency })
  const one = () => new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint()
    const req = http.request({ host: '127.0.0.1', port: job.port, path: job.path, method: 'POST', agent,
      headers: { ...job.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(job.body) } }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6
        const text = Buffer.concat(chunks).toString('utf8')
        if (res.statusCode !== 200 || !text.includes(job.expect)) reject(new Error('bad answer ' + res.statusCode + ': ' + text.slice(0, 300)))
        else resolve(ms)
      })
    })
    req.on('error', reject)
    req.end(job.body)
  })
  const phase = async (n) => {
    let issued = 0
    const latencies = []
    const t0 = process.hrtime.bigint()
    await Promise.all(Array.from({ length: job.concurrency }, async () => {
      while (issued < n) { issued++; latencies.push(await one()) }
    }))
    return { latencies, wallMs: Number(process.hrtime.bigint() - t0) / 1e6 }
  }
  try {
    await phase(job.warmup)
    const r = await phase(job.calls)
    agent.destroy()
    parentPort.postMessage({ ok: true, ...r })
  } catch (err) {
    agent.destroy()
    parentPort.postMessage({ ok: false, error: String(err && err.stack || err) })
  }
})
`

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]!
}

async function measure(target: Target, concurrency: number): Promise<Measured> {
  const worker = new Worker(CLIENT, { eval: true })
  try {
    const reply = await new Promise<{ ok: boolean; latencies?: number[]; wallMs?: number; error?: string }>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
      worker.postMessage({ ...target, concurrency, calls: CALLS, warmup: WARMUP })
    })
    if (!reply.ok) throw new Error(`${target.name} at concurrency ${concurrency}: ${reply.error}`)
    const sorted = [...reply.latencies!].sort((a, b) => a - b)
    return {
      target: target.name,
      concurrency,
      calls: sorted.length,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      perSecond: (sorted.length / reply.wallMs!) * 1000,
    }
  } finally {
    await worker.terminate()
  }
}

function startEcho(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const text = JSON.stringify({ result: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') })
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
      res.end(text)
    })
  })
  server.keepAliveTimeout = 5000
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

/** A minimal function folder, deployed-style. */
function writePing(functionsDir: string): void {
  const dir = path.join(functionsDir, 'ping')
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(
    path.join(dir, 'index.js'),
    `const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
exports.main = async (event) => ({ ok: true, data: { openid: cloud.getWXContext().OPENID, event } })
`,
  )
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'ping', main: 'index.js', dependencies: { 'wx-server-sdk': '4.0.2' } }))
  fs.writeFileSync(path.join(dir, 'config.json'), '{}')
}

function medianOf(rounds: Measured[]): Measured {
  const mid = <T>(values: T[], by: (v: T) => number) => [...values].sort((a, b) => by(a) - by(b))[Math.floor((values.length - 1) / 2)]!
  return { ...rounds[0]!, p50: mid(rounds, (r) => r.p50).p50, p99: mid(rounds, (r) => r.p99).p99, perSecond: mid(rounds, (r) => r.perSecond).perSecond }
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1))

export function markdown(rows: Measured[], machine: string): string {
  const lines = [
    '### Gateway vs bare Node http (`bench/gateway.ts`)',
    '',
    machine,
    '',
    `Same run, same keep-alive HTTP client loop (in its own worker thread), ${rows[0]?.calls ?? CALLS} calls per row after ${WARMUP} warm-up calls; ` +
      (ROUNDS > 1 ? `the matrix ran ${ROUNDS} times interleaved and each figure is the median of its ${ROUNDS} rounds. ` : '') +
      'Latency in ms.',
    '',
    '| target | concurrency | p50 | p99 | calls/s |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.target} | ${r.concurrency} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${Math.round(r.perSecond)} |`),
    '',
  ]
  const echo = new Map(rows.filter((r) => r.target === 'bare echo').map((r) => [r.concurrency, r.p50]))
  lines.push('| ratio of p50 to bare echo p50 | ' + CONCURRENCY.map((c) => `c=${c}`).join(' | ') + ' |')
  lines.push('|---|' + CONCURRENCY.map(() => '---:').join('|') + '|')
  for (const name of [...new Set(rows.map((r) => r.target))].filter((n) => n !== 'bare echo')) {
    const cells = CONCURRENCY.map((c) => {
      const row = rows.find((r) => r.target === name && r.concurrency === c)
      const base = echo.get(c)
      return row && base ? `${(row.p50 / base).toFixed(1)}x` : '–'
    })
    lines.push(`| ${name} | ${cells.join(' | ')} |`)
  }
  lines.push('')
  return lines.join('\n')
}

interface Part {
  name: string
  p50: number
  p99: number
}

/**
 * Where a gateway call's time goes, at concurrency 1 with the client on the servers' own thread (no client thread to
 * wake): the two HTTP targets again, the function host without HTTP (`functions.invoke`), and one postMessage round
 * trip to a worker thread, the hop every function call makes twice (there and back).
 */
async function breakdown(cloud: Awaited<ReturnType<typeof startLocalCloudbase>>, targets: Target[]): Promise<Part[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const post = (t: Target) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: t.port, path: t.path, method: 'POST', agent, headers: { ...t.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(t.body) } },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => (Buffer.concat(chunks).toString('utf8').includes(t.expect) ? resolve() : reject(new Error(`bad answer from ${t.name}`))))
        },
      )
      req.on('error', reject)
      req.end(t.body)
    })
  const hop = new Worker("require('node:worker_threads').parentPort.on('message', (m) => require('node:worker_threads').parentPort.postMessage(m))", { eval: true })
  const roundTrip = () => new Promise<void>((resolve) => {
    hop.once('message', () => resolve())
    hop.postMessage(1)
  })
  const identity = { openid: 'bench-user', source: 'wx_client' }
  const event = { action: 'whoAmI', input: {} }
  const invokeOk = async (name: string) => {
    const r = await cloud.functions.invoke(name, event, identity)
    if (!r.ok) throw new Error(`${name}: ${r.errMsg}`)
  }
  const steps: [string, () => Promise<void>][] = [
    ...targets.map((t): [string, () => Promise<void>] => [`${t.name} (HTTP)`, () => post(t)]),
    ['functions.invoke(ping), no HTTP', () => invokeOk('ping')],
    ['functions.invoke(account.whoAmI), no HTTP', () => invokeOk('account')],
    ['postMessage round trip to a worker thread', roundTrip],
  ]
  const latencies = steps.map(() => [] as number[])
  try {
    for (let i = 0; i < WARMUP + CALLS; i++) {
      for (let k = 0; k < steps.length; k++) {
        const t0 = process.hrtime.bigint()
        await steps[k]![1]()
        if (i >= WARMUP) latencies[k]!.push(Number(process.hrtime.bigint() - t0) / 1e6)
      }
    }
  } finally {
    agent.destroy()
    await hop.terminate()
  }
  return steps.map(([name], k) => {
    const sorted = latencies[k]!.sort((a, b) => a - b)
    return { name, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) }
  })
}

function breakdownMarkdown(parts: Part[]): string {
  return [
    '',
    `Breakdown at concurrency 1, the client on the servers' own thread, steps interleaved, ${CALLS} calls each (ms):`,
    '',
    '| step | p50 | p99 |',
    '|---|---:|---:|',
    ...parts.map((p) => `| ${p.name} | ${p.p50.toFixed(3)} | ${fmt(p.p99)} |`),
    '',
  ].join('\n')
}

async function main() {
  if (!fs.existsSync(path.join(BUILT, 'account', 'index.js'))) {
    throw new Error(`no built account function under ${BUILT}: run "npm run build:functions" first (or pass --functions <dir>)`)
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-bench-gw-'))
  const functionsDir = path.join(tmp, 'functions')
  fs.mkdirSync(functionsDir)
  // The functions resolve wx-server-sdk from the repository's node_modules, as a deployed function does from its own.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(functionsDir, 'node_modules'), 'dir')
  writePing(functionsDir)
  // A copy of the built function, unchanged: a rebuild of dist/ during the run cannot pull it away.
  fs.cpSync(path.join(BUILT, 'account'), path.join(functionsDir, 'account'), { recursive: true })

  const echo = await startEcho()
  const cloud = await startLocalCloudbase({ port: 0, dataDir: path.join(tmp, 'data'), functionsDir, quiet: true, timers: false, strictIndexes: true })
  try {
    cloud.store.insert('users', [
      { openid: 'bench-user', displayName: '压测用户', role: 'resident', communityId: 'c-bench', devLogin: true, devLoginOrder: 1 },
    ])
    const login = await fetch(`${cloud.origin}/api/dev/login`, { method: 'POST', body: JSON.stringify({ openid: 'bench-user' }) })
    const { token } = (await login.json()) as { token: string }
    const auth = { authorization: `Bearer ${token}` }
    const call = JSON.stringify({ action: 'whoAmI', input: {} })
    const targets: Target[] = [
      { name: 'bare echo', port: (echo.address() as AddressInfo).port, path: '/', headers: {}, body: call, expect: '"action":"whoAmI"' },
      { name: 'gateway → ping', port: cloud.port, path: '/api/functions/ping', headers: auth, body: call, expect: '"openid":"bench-user"' },
      { name: 'gateway → account.whoAmI', port: cloud.port, path: '/api/functions/account', headers: auth, body: call, expect: '"displayName":"压测用户"' },
    ]
    const samples: Measured[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      for (const concurrency of CONCURRENCY) {
        for (const target of targets) {
          const row = await measure(target, concurrency)
          process.stderr.write(`round ${round}: ${target.name} c=${concurrency}: p50 ${fmt(row.p50)} ms, p99 ${fmt(row.p99)} ms, ${Math.round(row.perSecond)}/s\n`)
          samples.push(row)
        }
      }
    }
    const rows = targets.flatMap((t) => CONCURRENCY.map((c) => medianOf(samples.filter((r) => r.target === t.name && r.concurrency === c))))
    rows.sort((a, b) => a.concurrency - b.concurrency)
    const parts = await breakdown(cloud, targets)
    process.stdout.write(markdown(rows, machineLine()) + breakdownMarkdown(parts))
  } finally {
    await cloud.close()
    await new Promise<void>((resolve) => {
      echo.close(() => resolve())
      echo.closeAllConnections()
    })
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
