/**
 * Queries on 100,000 documents in the local CloudBase: a declared-index equality lookup vs the same lookup on an
 * unindexed field (non-strict mode), through the store API and through the real wx-server-sdk over HTTP.
 *
 *   npx tsx bench/query.ts [--docs 100000] [--lookups 1000] [--scans 50]
 *
 * The collection and its indexes come from bench/database.json (passed as databaseSpecFile). Prints a markdown
 * section (stdout); progress goes to stderr. Target (a figure, not a test): indexed equality lookup under 2 ms.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import { startLocalCloudbase, type LocalCloudbase } from '../local-cloudbase/server'
import { flag } from './support'

const SPEC = path.join(__dirname, 'database.json')
const COLLECTION = 'bench_items'

const DOCS = Number(flag('docs', '100000'))
const LOOKUPS = Number(flag('lookups', '1000'))
const SCANS = Number(flag('scans', '50'))
const BATCH = 1000
const COMMUNITIES = 20

/** nproc, CPU model, Node version, load and the UTC date, for the figures' heading. */
export function machineLine(): string {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? os.cpus()[0]?.model ?? 'unknown CPU'
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ')
  return `Machine: ${os.availableParallelism()} CPUs (nproc), ${cpu.trim()}, Node ${process.version}, load average ${load}; ${new Date().toUTCString()}.`
}

interface Row {
  what: string
  via: string
  runs: number
  matches: number
  p50: number
  p99: number
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]!
}

async function time(what: string, via: string, runs: number, work: (i: number) => Promise<number> | number): Promise<Row> {
  const latencies: number[] = []
  let matches = -1
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint()
    const n = await work(i)
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6)
    if (matches === -1) matches = n
    else if (matches !== n) matches = NaN // varies between runs: reported as "varies"
  }
  latencies.sort((a, b) => a - b)
  const row = { what, via, runs, matches, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) }
  process.stderr.write(`${what} via ${via}: p50 ${fmt(row.p50)} ms, p99 ${fmt(row.p99)} ms (${runs} runs)\n`)
  return row
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1))

function keyOf(i: number): string {
  // Spread over the key space, not in insertion order, as openids and ids are.
  return crypto.createHash('sha1').update(`item-${i}`).digest('hex').slice(0, 20)
}

function makeDoc(i: number): Record<string, unknown> {
  const key = keyOf(i)
  return {
    key,
    code: key, // same values, no index
    communityId: `c${i % COMMUNITIES}`,
    status: i % 7 === 0 ? 'closed' : 'open',
    title: `议题 ${i}：楼道灯坏了，晚上老人上下楼不安全`,
    votes: i % 97,
    publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    tags: i % 2 ? ['safety'] : ['environment', 'parking'],
  }
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-bench-query-'))
  const dataDir = path.join(tmp, 'data')
  const emptyFunctions = path.join(tmp, 'functions')
  fs.mkdirSync(emptyFunctions)
  const start = () =>
    startLocalCloudbase({ port: 0, dataDir, databaseSpecFile: SPEC, strictIndexes: false, quiet: true, timers: false, functionsDir: emptyFunctions })
  let cloud: LocalCloudbase | undefined
  try {
    cloud = await start()
    const t0 = Date.now()
    for (let from = 0; from < DOCS; from += BATCH) {
      cloud.store.insert(COLLECTION, Array.from({ length: Math.min(BATCH, DOCS - from) }, (_x, j) => makeDoc(from + j)))
    }
    const insertMs = Date.now() - t0
    process.stderr.write(`inserted ${DOCS} documents in ${insertMs} ms\n`)
    if (cloud.store.size(COLLECTION) !== DOCS) throw new Error(`expected ${DOCS} documents, have ${cloud.store.size(COLLECTION)}`)

    // A restart reloads everything from SQLite and rebuilds the indexes.
    await cloud.close()
    const r0 = Date.now()
    cloud = await start()
    const reopenMs = Date.now() - r0
    process.stderr.write(`reopened with ${DOCS} documents in ${reopenMs} ms\n`)
    const { store } = cloud

    Object.assign(process.env, cloud.sdkEnv())
    const sdk = require('wx-server-sdk')
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
    const items = sdk.database().collection(COLLECTION)

    const pick = (i: number) => keyOf((i * 7919 + 13) % DOCS) // deterministic, spread
    const rows: Row[] = []
    // Warm-up, not measured.
    for (let i = 0; i < 200; i++) {
      store.find(COLLECTION, { key: pick(i) })
      await items.where({ key: pick(i) }).get()
    }
    rows.push(await time('indexed equality (`key`, 1 match)', 'store API', LOOKUPS, (i) => store.find(COLLECTION, { key: pick(i) }).length))
    rows.push(await time('indexed equality (`key`, 1 match)', 'wx-server-sdk (HTTP)', LOOKUPS, async (i) => (await items.where({ key: pick(i) }).get()).data.length))
    rows.push(
      await time('indexed equality (`key`) + `count()`', 'wx-server-sdk (HTTP)', LOOKUPS, async (i) => (await items.where({ key: pick(i) }).count()).total),
    )
    rows.push(await time('unindexed equality (`code`, 1 match)', 'store API', SCANS, (i) => store.find(COLLECTION, { code: pick(i) }).length))
    rows.push(
      await time('unindexed equality (`code`, 1 match)', 'wx-server-sdk (HTTP)', SCANS, async (i) => (await items.where({ code: pick(i) }).get()).data.length),
    )
    // A list through a compound index's prefix: 5,000 candidates are sorted to return the newest 20.
    rows.push(
      await time(
        `index prefix (\`communityId\`, ${(DOCS / COMMUNITIES).toLocaleString('en-US')} candidates), newest 20`,
        'wx-server-sdk (HTTP)',
        Math.max(SCANS, 100),
        async (i) => (await items.where({ communityId: `c${i % COMMUNITIES}` }).orderBy('publishedAt', 'desc').limit(20).get()).data.length,
      ),
    )
    process.stdout.write(markdown(rows, { insertMs, reopenMs }))
  } finally {
    await cloud?.close()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

function markdown(rows: Row[], setup: { insertMs: number; reopenMs: number }): string {
  return [
    `### Queries on ${DOCS.toLocaleString('en-US')} documents (\`bench/query.ts\`)`,
    '',
    machineLine(),
    '',
    `Collection \`${COLLECTION}\` declared in \`bench/database.json\` (index on \`key\`, compound index on \`communityId, publishedAt\`; ` +
      `\`code\` holds the same values as \`key\` without an index). Inserted through the store API in batches of ${BATCH}: ` +
      `${(setup.insertMs / 1000).toFixed(1)} s; a restart that reloads them from SQLite and rebuilds the indexes: ` +
      `${(setup.reopenMs / 1000).toFixed(1)} s. Latency in ms, non-strict mode (the unindexed query is allowed, with a warning).`,
    '',
    '| query | through | runs | matches | p50 | p99 |',
    '|---|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.what} | ${r.via} | ${r.runs} | ${Number.isNaN(r.matches) ? 'varies' : r.matches} | ${fmt(r.p50)} | ${fmt(r.p99)} |`),
    '',
  ].join('\n')
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
