/**
 * The resident home page's one call, board.getHomeFeed, on a community with many topics.
 *
 *   npx tsx bench/home-feed.ts [--topics 10000] [--calls 50] [--warmup 3] [--functions <dir>] [--no-check]
 *                              [--compare <built functions dir> --compare-label <text>] [--write]
 *
 * A fresh local CloudBase (port 0, temp dir, strict indexes, timers off) runs the built functions (by default built
 * afresh from cloudfunctions/ into a private folder under .local/). The store is seeded directly with `topics` topics in
 * one community, spread evenly over the five stages (published, deliberated, noticed, handling, result published),
 * one decided item (resolution) for every topic past its meeting — some of them overdue, some escalated — and a
 * handful of topics in a second community. A resident of the big community then calls getHomeFeed `calls` times
 * (after `warmup` calls), sequentially, through the function host as the mini-program would; then getBoard as many
 * times (the board the feed carries, alone). Reported: p50/p99 of the invocation's wall time and the size of the JSON
 * answer in bytes. The run fails if the board does not count every item (--no-check only notes it). --compare measures
 * another build (e.g. an older commit's) on the same seed and adds its rows. Prints markdown to stdout;
 * --write also replaces the "### Home feed" part of the "## Deliberation flow" section of docs/benchmarks.md.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { startLocalCloudbase } from '../local-cloudbase/server'
import { COMMUNITIES, DEMO_USERS } from '../scripts/demo/places'
import { buildFunctions, machine, writeSubsection } from './sweep'
import { benchEscalation, benchItem, benchTopic, closesAtOf, storeSeeded } from './seed-topics'
import { DAY, MIN, flag, log, quantile } from './support'
import { addDays, beijingDateOf } from '../src/domain/calendar'
import type { Resolution } from '../src/domain/model'

const ROOT = path.resolve(__dirname, '..')

const TOPICS = Number(flag('topics', '10000'))
const CALLS = Number(flag('calls', '50'))
const WARMUP = Number(flag('warmup', '3'))
const WRITE = process.argv.includes('--write')

const STAGES = ['published', 'deliberated', 'noticed', 'handling', 'resultPublished'] as const

function seed(now: Date, communityId: string, townshipId: string, count: number, prefix: string) {
  const topics: ReturnType<typeof benchTopic>[] = []
  const resolutions: ReturnType<typeof benchItem>[] = []
  const escalations: ReturnType<typeof benchEscalation>[] = []
  for (let i = 0; i < count; i++) {
    const stage = STAGES[i % STAGES.length]!
    const id = `${prefix}_${String(i).padStart(6, '0')}`
    const publishedAt = new Date(now.getTime() - (count - i) * 10 * MIN - 30 * DAY)
    const past = stage !== 'published'
    const noticed = stage === 'noticed' || stage === 'handling' || stage === 'resultPublished'
    const heldAt = past ? new Date(publishedAt.getTime() + DAY) : null
    const noticedAt = noticed ? (stage === 'noticed' ? new Date(now.getTime() - DAY) : new Date(publishedAt.getTime() + 2 * DAY)) : null
    const resultPublishedAt = stage === 'resultPublished' ? new Date(now.getTime() - (count - i) * MIN) : null
    const topic = benchTopic({ id, communityId, i, description: '居民反映的问题，提请面对面议事。'.repeat(4), at: { publishedAt, heldAt, noticedAt, resultPublishedAt } })
    topics.push(topic)
    if (!past) continue
    const handlingFrom = closesAtOf(noticedAt)
    // One in four items in handling is overdue (500 of 10,000 topics), half of those escalated.
    const overdue = stage === 'handling' && i % 20 === 3
    const disclosureDueAt =
      stage === 'resultPublished' || !handlingFrom ? null : overdue ? new Date(now.getTime() - 2 * DAY) : new Date(now.getTime() + 5 * DAY)
    const disclosures: Resolution['disclosures'] =
      stage === 'handling' || stage === 'resultPublished'
        ? [{ at: new Date(handlingFrom!.getTime() + 3 * DAY), dueAt: new Date(handlingFrom!.getTime() + 7 * DAY), text: '已开工', photos: [], by: 'demo-staff-liu', final: false }]
        : []
    if (resultPublishedAt) disclosures.push({ at: resultPublishedAt, dueAt: new Date(resultPublishedAt.getTime() + DAY), text: '已办结', photos: [], by: 'demo-staff-liu', final: true })
    const item = benchItem(topic, townshipId, i, now, { handlingFrom, disclosureDueAt, disclosures, dueDate: addDays(beijingDateOf(now), 30) })
    resolutions.push(item)
    if (overdue && i % 40 === 3) escalations.push(benchEscalation(item, townshipId, disclosureDueAt!, now))
  }
  return { topics, resolutions, escalations }
}

const ms = (x: number) => x.toFixed(1)

interface FeedRun {
  times: number[]
  boardTimes: number[]
  bytes: number
  boardBytes: number
  answer: any
  expectedItems: number
  resolutions: number
  escalations: number
}

/** One fresh local CloudBase running `functionsDir`, seeded the same way every time, measured. */
async function measureFeed(functionsDir: string): Promise<FeedRun> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-bench-feed-'))
  const cloud = await startLocalCloudbase({ port: 0, dataDir, strictIndexes: true, quiet: true, timers: false, functionsDir })
  try {
    const now = cloud.clock.now()
    cloud.store.insert('communities', COMMUNITIES.map((c) => ({ ...c })))
    cloud.store.insert('users', DEMO_USERS.map((u) => ({ ...u, joinedAt: now })))
    const big = COMMUNITIES[0]!
    const small = COMMUNITIES[1]!
    const t0 = performance.now()
    const main = seed(now, big._id, big.townshipId, TOPICS, 'tpbig')
    const other = seed(now, small._id, small.townshipId, 50, 'tpsmall')
    storeSeeded(cloud.store, [main, other], now)
    log(`${functionsDir}: seeded ${TOPICS} topics, ${main.resolutions.length} resolutions, ${main.escalations.length} escalations in ${ms(performance.now() - t0)} ms`)

    let bytes = 0
    let answer: any = null
    const call = async (action: 'getHomeFeed' | 'getBoard') => {
      const started = performance.now()
      const r = await cloud.functions.invoke('board', { action, input: {} }, { openid: 'demo-resident-wang', source: 'wx_client' })
      const took = performance.now() - started
      if (!r.ok) throw new Error(`${action} failed at the platform: ${r.errMsg}`)
      const outcome = r.result as { ok: boolean; data?: any; error?: { code: string } }
      if (!outcome.ok) throw new Error(`${action} answered ${outcome.error?.code}`)
      if (action === 'getHomeFeed') {
        bytes = Buffer.byteLength(JSON.stringify(outcome))
        answer = outcome.data
      }
      return took
    }
    for (let i = 0; i < WARMUP; i++) await call('getHomeFeed')
    const times: number[] = []
    for (let i = 0; i < CALLS; i++) times.push(await call('getHomeFeed'))
    // The board alone (the same board the feed carries): what of the feed's time is the board's.
    for (let i = 0; i < WARMUP; i++) await call('getBoard')
    const boardTimes: number[] = []
    for (let i = 0; i < CALLS; i++) boardTimes.push(await call('getBoard'))
    if (cloud.store.unindexed.length) throw new Error(`unindexed queries: ${JSON.stringify(cloud.store.unindexed.slice(0, 3))}`)
    // The board counts every item whose notice has closed (handling, overdue or done).
    const expectedItems = main.resolutions.filter((r) => r.handlingFrom && (r.handlingFrom as Date).getTime() < now.getTime()).length
    log(`${functionsDir}: p50 ${ms(quantile(times, 0.5))} ms, p99 ${ms(quantile(times, 0.99))} ms, ${bytes} bytes`)
    return { times, boardTimes, bytes, boardBytes: Buffer.byteLength(JSON.stringify(answer.board)), answer, expectedItems, resolutions: main.resolutions.length, escalations: main.escalations.length }
  } finally {
    await cloud.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

function boardCheck(run: FeedRun): string {
  const items = run.answer.board.community.items
  return items === run.expectedItems ? 'all items counted' : `WRONG: counts ${items} of ${run.expectedItems} items`
}

async function main(): Promise<void> {
  fs.mkdirSync(path.join(ROOT, '.local'), { recursive: true })
  const buildDir = fs.mkdtempSync(path.join(ROOT, '.local', 'bench-feed-'))
  try {
    const functionsDir = flag('functions', '') ? path.resolve(flag('functions', '')) : buildFunctions(buildDir)
    const run = await measureFeed(functionsDir)
    if (run.answer.board.community.items !== run.expectedItems && !process.argv.includes('--no-check')) throw new Error(`board ${boardCheck(run)}`)
    const compareDir = flag('compare', '')
    const before = compareDir ? await measureFeed(path.resolve(compareDir)) : null
    const compareLabel = flag('compare-label', compareDir)

    const { answer } = run
    const board = answer.board
    const perStage = Object.fromEntries(Object.entries(answer.byStage as Record<string, unknown[]>).map(([k, v]) => [k, v.length]))
    const row = (label: string, r: FeedRun) => [
      `| ${label} getHomeFeed | ${ms(quantile(r.times, 0.5))} ms | ${ms(quantile(r.times, 0.99))} ms | ${r.bytes.toLocaleString('en-US')} bytes (board ${r.boardBytes.toLocaleString('en-US')}) | ${boardCheck(r)} |`,
      `| ${label} getBoard (the board alone) | ${ms(quantile(r.boardTimes, 0.5))} ms | ${ms(quantile(r.boardTimes, 0.99))} ms | | |`,
    ]
    const body = [
      machine(),
      '',
      `One community with ${TOPICS.toLocaleString('en-US')} topics, evenly over the five stages, and one decided item for each topic past`,
      `its meeting (${run.resolutions.toLocaleString('en-US')} resolutions; ${board.community.overdue} overdue, ${run.escalations} escalated), plus 50 topics in a`,
      `second community. A resident calls \`board.getHomeFeed\` through the function host, ${CALLS} sequential calls after ${WARMUP}`,
      'warm-up calls, then `board.getBoard` as often; wall time of the invocation from the host.',
      '',
      '| build, call | p50 | p99 | answer (JSON) | board |',
      '| --- | --- | --- | --- | --- |',
      ...row(before ? 'current:' : '', run),
      ...(before ? row(`${compareLabel}:`, before) : []),
      '',
      `The answer: ${Object.entries(perStage).map(([k, v]) => `${k} ${v}`).join(', ')}, ${answer.recentResults.length} recent results, the community`,
      `board line (${board.community.items} items, ${board.community.done} done), ${board.assignees.length} assignee lines and ${board.overdue.length} overdue items.`,
      'The feed reads the newest topics of each stage with one limited query per stage (on the milestones the stage is',
      'derived from), served by walking the community\'s ordered index; the board reads its lines from the community\'s',
      'summary document and only the items overdue now (here 500 of them, the stages being evenly spread) — see',
      '"Board and home feed at scale" for the growth with history.',
      ...(before
        ? [
            `${compareLabel} read every topic of the community for the feed, and for the board at most 5,000 items and the 100 latest`,
            'escalations: faster on the board alone, and wrong beyond those caps.',
          ]
        : []),
    ].join('\n')
    process.stdout.write(`### Home feed\n\n${body}\n`)
    if (WRITE) {
      writeSubsection('Home feed', body)
      log('docs/benchmarks.md: "### Home feed" of "## Deliberation flow" written')
    }
  } finally {
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
