/**
 * The county's 年总结 for a township of 30 communities with 30,000 decided items (issue 12: "renders and exports in
 * under 5 s"): supervision.getCountyCycle { kind: 'year' } and supervision.exportCountyCycle (xlsx) as the township
 * supervisor, end to end through the real wx-server-sdk and the function host.
 *
 *   npx tsx bench/yearly-report.ts [--communities 30] [--items 1000] [--runs 5] [--functions <dir>] [--write]
 *
 * A fresh local CloudBase (port 0, temp dir, strict indexes, timers off) runs the built functions. The store is seeded
 * directly: per community `items` decided items and their topics as bench/board-scale.ts seeds them (mostly done
 * history, a fixed active set, a few escalations), a third of the done items turned into 三单 items (受理自办 /
 * 转交办理, no topic), and the ratings each done item counts (0–3 each). The supervisor then asks for the year report,
 * its xlsx and the workbench (getTownshipOverview) `runs` times each (after one warm-up call each). Reported: p50
 * and max of the invocation's wall time. The board summaries are seeded as the functions keep them (rebuildSummaries).
 * The function has the database count the year (cloudfunctions/supervision/year-counts.ts: queries and groups); the
 * run checks the report's figures against yearSummary of the seeded documents, and that no query went unindexed.
 * Prints markdown to stdout; --write replaces (or appends) the "## Yearly report at township scale" section of
 * docs/benchmarks.md.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { isDeepStrictEqual } from 'node:util'
import { startLocalCloudbase } from '../local-cloudbase/server'
import { COMMUNITIES, DEMO_USERS, TOWNSHIP } from '../scripts/demo/places'
import { buildFunctions, machine } from './sweep'
import { seed } from './board-scale'
import { storeSeeded } from './seed-topics'
import { beijingMonthOf } from '../src/domain/calendar'
import { boardLine } from '../src/domain/board'
import { yearSummary, type CycleEscalation, type CycleItem, type CycleRating, type CycleTopic } from '../src/domain/reports-cycle'
import { flag, log, quantile } from './support'

const ROOT = path.resolve(__dirname, '..')

const COMMUNITY_COUNT = Number(flag('communities', '30'))
const ITEMS = Number(flag('items', '1000'))
const RUNS = Number(flag('runs', '5'))
const WRITE = process.argv.includes('--write')
const SUPERVISOR = DEMO_USERS.find((u) => u.role === 'township_supervisor')!.openid
const ms = (x: number) => x.toFixed(0)

interface Seeded {
  topics: number
  items: number
  ratings: number
  escalations: number
  /** Everything seeded, as the year summary reads it: the report is checked against yearSummary of these. */
  data: { items: CycleItem[]; topics: CycleTopic[]; ratings: CycleRating[]; escalations: CycleEscalation[] }
}

function seedTownship(cloud: Awaited<ReturnType<typeof startLocalCloudbase>>, now: Date): Seeded {
  const template = COMMUNITIES[0]!
  const communities = Array.from({ length: COMMUNITY_COUNT }, (_x, c) => ({ ...template, _id: `c_bench_${String(c).padStart(2, '0')}`, name: `第${c + 1}社区`, townshipId: TOWNSHIP.id }))
  cloud.store.insert('communities', communities)
  cloud.store.insert('users', DEMO_USERS.map((u) => ({ ...u, joinedAt: now })))
  const totals: Seeded = { topics: 0, items: 0, ratings: 0, escalations: 0, data: { items: [], topics: [], ratings: [], escalations: [] } }
  const sets: ReturnType<typeof seed>[] = []
  for (const [c, community] of communities.entries()) {
    const s = seed(now, community._id, TOWNSHIP.id, ITEMS, `yb${String(c).padStart(2, '0')}`)
    const ratings: Record<string, unknown>[] = []
    for (const [i, item] of s.resolutions.entries()) {
      const r = item as Record<string, any>
      // A third of the done items came from a triage (三单), with no topic: half 受理自办, half 转交办理.
      if (r.resultPublishedAt && i % 3 === 1) Object.assign(r, { source: i % 2 ? 'handle' : 'transfer', topicId: null, reportId: `${r._id}_report`, decidedAt: r.handlingFrom, category: 'environment' })
      for (let k = 0; k < r.ratingCount; k++) {
        ratings.push({ _id: `${r._id}_rating_${k}`, resolutionId: r._id, topicId: r.topicId, communityId: r.communityId, openid: `rater-${k}`, raterName: '居民', stars: 4, comment: '', at: r.resultPublishedAt, replyDueAt: null, pendingReplyDueAt: null, reply: null })
      }
    }
    sets.push(s)
    if (ratings.length) cloud.store.insert('ratings', ratings)
    totals.topics += s.topics.length
    totals.items += s.resolutions.length
    totals.ratings += ratings.length
    totals.escalations += s.escalations.length
    totals.data.items.push(...(s.resolutions as unknown as CycleItem[]))
    totals.data.topics.push(...(s.topics as unknown as CycleTopic[]))
    totals.data.ratings.push(...(ratings as unknown as CycleRating[]))
    totals.data.escalations.push(...(s.escalations as unknown as CycleEscalation[]))
  }
  // With the board summaries as the functions keep them (the workbench's ranking reads them).
  storeSeeded(cloud.store, sets, now)
  return totals
}

async function main(): Promise<void> {
  fs.mkdirSync(path.join(ROOT, '.local'), { recursive: true })
  const buildDir = fs.mkdtempSync(path.join(ROOT, '.local', 'bench-year-'))
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-bench-year-'))
  const functionsDir = flag('functions', '') ? path.resolve(flag('functions', '')) : buildFunctions(buildDir)
  const cloud = await startLocalCloudbase({ port: 0, dataDir, strictIndexes: true, quiet: true, timers: false, functionsDir })
  try {
    const now = cloud.clock.now()
    const period = beijingMonthOf(now).slice(0, 4)
    const t0 = performance.now()
    const seeded = seedTownship(cloud, now)
    const seedMs = performance.now() - t0
    log(`seeded ${seeded.items} items, ${seeded.topics} topics, ${seeded.ratings} ratings, ${seeded.escalations} escalations in ${ms(seedMs)} ms`)

    type Action = 'getCountyCycle' | 'exportCountyCycle' | 'getTownshipOverview'
    const call = async (action: Action) => {
      const started = performance.now()
      const input = action === 'getTownshipOverview' ? {} : { kind: 'year', period }
      const r = await cloud.functions.invoke('supervision', { action, input }, { openid: SUPERVISOR, source: 'wx_client' })
      const took = performance.now() - started
      if (!r.ok) throw new Error(`${action} failed at the platform: ${r.errMsg}`)
      const outcome = r.result as { ok: boolean; data?: any; error?: { code: string; message: string } }
      if (!outcome.ok) throw new Error(`${action} answered ${outcome.error?.code} ${outcome.error?.message}`)
      return { took, data: outcome.data }
    }
    const series = async (action: Action) => {
      const first = await call(action)
      log(`${action}: warm-up ${ms(first.took)} ms`)
      const times: number[] = []
      let data = first.data
      for (let i = 0; i < RUNS; i++) {
        const got = await call(action)
        times.push(got.took)
        data = got.data
        log(`${action}: ${ms(got.took)} ms`)
      }
      return { times, data }
    }
    const report = await series('getCountyCycle')
    const exported = await series('exportCountyCycle')
    const overview = await series('getTownshipOverview')
    if (cloud.store.unindexed.length) throw new Error(`unindexed queries: ${JSON.stringify(cloud.store.unindexed.slice(0, 3))}`)
    const row = (label: string) => report.data.sheets[0].rows.find((r: (string | number)[]) => r[0] === label)?.[1]
    const want = yearSummary(seeded.data, Number(period), now)
    const got = { meetings: row('议事次数'), participants: row('参与人数'), items: row('议定事项'), ratings: row('评价数'), overdue: row('逾期事项'), escalations: row('逾期提请') }
    const expected = { meetings: want.meetings, participants: want.participants, items: want.items, ratings: want.ratings, overdue: want.overdue, escalations: want.escalations }
    const check = isDeepStrictEqual(got, expected)
      ? `the report's 议事次数 ${want.meetings.toLocaleString('en-US')}, 参与人数 ${want.participants.toLocaleString('en-US')}, 议定事项 ${want.items.toLocaleString('en-US')}, 评价数 ${want.ratings.toLocaleString('en-US')}, 逾期事项 ${want.overdue} and 逾期提请 ${want.escalations} equal yearSummary of the seeded documents`
      : `WRONG: ${JSON.stringify(got)} ≠ ${JSON.stringify(expected)}`
    log(check)
    // The workbench's ranking (read from the summaries) equals the lines computed from every seeded item.
    const byCommunity = new Map<string, CycleItem[]>()
    for (const item of seeded.data.items) byCommunity.set(item.communityId, [...(byCommunity.get(item.communityId) ?? []), item])
    const wrongLines = (overview.data.communities as { key: string; label: string }[]).filter(
      (line) => !isDeepStrictEqual(line, boardLine(line.key, line.label, (byCommunity.get(line.key) ?? []) as never, now)),
    )
    const overviewCheck = wrongLines.length
      ? `WRONG: ${wrongLines.length} community lines differ from the items, e.g. ${JSON.stringify(wrongLines[0])}`
      : `the workbench's ${overview.data.communities.length} community lines equal the lines computed from the seeded items`
    log(overviewCheck)
    const body = [
      `Command: \`npx tsx bench/yearly-report.ts --write\` (${COMMUNITY_COUNT} communities × ${ITEMS.toLocaleString('en-US')} decided items; ${RUNS} calls per action after one warm-up call).`,
      '',
      machine(),
      '',
      `One township of ${COMMUNITY_COUNT} communities seeded directly into the local store: ${seeded.items.toLocaleString('en-US')} decided items (a third of the done ones`,
      `三单 items without a topic), ${seeded.topics.toLocaleString('en-US')} topics, ${seeded.ratings.toLocaleString('en-US')} ratings, ${seeded.escalations.toLocaleString('en-US')} escalations (seeded in ${(seedMs / 1000).toFixed(1)} s).`,
      `The township supervisor calls \`supervision.getCountyCycle\` and \`supervision.exportCountyCycle\` (xlsx to cloud storage) for the`,
      `year ${period}, sequentially through the function host and the real wx-server-sdk; wall time of the invocation.`,
      '',
      '| action | p50 | max | target |',
      '| --- | ---: | ---: | ---: |',
      `| getCountyCycle (年总结 on screen) | ${ms(quantile(report.times, 0.5))} ms | ${ms(Math.max(...report.times))} ms | < 5,000 ms |`,
      `| exportCountyCycle (年总结 xlsx, ${exported.data.rows} rows) | ${ms(quantile(exported.times, 0.5))} ms | ${ms(Math.max(...exported.times))} ms | < 5,000 ms |`,
      `| getTownshipOverview (the supervisor's workbench: ranking of ${overview.data.communities.length} communities and ${overview.data.assignees.length} assignees, ${overview.data.escalations.length} escalations to act on) | ${ms(quantile(overview.times, 0.5))} ms | ${ms(Math.max(...overview.times))} ms | — |`,
      '',
      `Check: ${check}; ${overviewCheck}; no query went unindexed.`,
    ].join('\n')
    const SECTION = '## Yearly report at township scale'
    process.stdout.write(`${SECTION}\n\n${body}\n`)
    if (WRITE) {
      const file = path.join(ROOT, 'docs', 'benchmarks.md')
      // Re-read right before writing: other sections of this file belong to others.
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n'
      const start = text.indexOf(`\n${SECTION}\n`)
      const block = `${SECTION}\n\n${body.trim()}\n`
      if (start < 0) fs.writeFileSync(file, `${text.replace(/\s*$/, '')}\n\n${block}`)
      else {
        const after = text.slice(start + 1 + SECTION.length)
        const endRel = after.search(/\n## /)
        fs.writeFileSync(file, `${text.slice(0, start + 1)}${block}${endRel < 0 ? '' : `\n${after.slice(endRel + 1)}`}`)
      }
      log(`docs/benchmarks.md: "${SECTION}" written`)
    }
    if (check.startsWith('WRONG')) throw new Error(check)
    if (overviewCheck.startsWith('WRONG')) throw new Error(overviewCheck)
  } finally {
    await cloud.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.rmSync(buildDir, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
