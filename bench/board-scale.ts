/**
 * The board and the home feed as a community's history grows: board.getHomeFeed and board.getBoard with 1,000,
 * 10,000 and 100,000 decided items, in one run.
 *
 *   npx tsx bench/board-scale.ts [--sizes 1000,10000,100000] [--calls 30] [--warmup 3] [--functions <dir>] [--write]
 *
 * For each size a fresh local CloudBase (port 0, temp dir, strict indexes, timers off) runs the built functions (by
 * default built afresh from cloudfunctions/ into a private folder under .local/). The store is seeded directly (not
 * through 100,000 function calls): one community whose decided items are mostly done — history — beside a fixed
 * active set that does not grow with history (10 topics just published; 10 items decided at a meeting, 20 under
 * their notice, 40 being handled, 10 overdue of which 5 escalated), each item counted by the board summaries as the
 * functions count it (src/domain/summaries.ts: `boardStatus` on the item, the summary documents rebuilt from the
 * items), plus 50 items in a second community. A resident then calls getHomeFeed `calls` times (after `warmup`),
 * sequentially through the function host as the mini-program would, then getBoard as often. Reported: p50/p95 of
 * the invocation's wall time. Each run checks that the board's community line equals the one computed from every
 * seeded item (src/domain/board.ts boardLine) and that no query went unindexed. Prints markdown to stdout; --write
 * replaces (or appends) the "## Board and home feed at scale" section of docs/benchmarks.md.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { isDeepStrictEqual } from 'node:util'
import { startLocalCloudbase } from '../local-cloudbase/server'
import { COMMUNITIES, DEMO_USERS } from '../scripts/demo/places'
import { buildFunctions, machine } from './sweep'
import { ASSIGNEES, benchEscalation, benchItem, benchTopic, closesAtOf, storeSeeded } from './seed-topics'
import { DAY, MIN, flag, log, quantile } from './support'
import { addDays, beijingDateOf } from '../src/domain/calendar'
import { boardLine } from '../src/domain/board'
import type { Resolution } from '../src/domain/model'

const ROOT = path.resolve(__dirname, '..')

const SIZES = flag('sizes', '1000,10000,100000').split(',').map(Number)
const CALLS = Number(flag('calls', '30'))
const WARMUP = Number(flag('warmup', '3'))
const WRITE = process.argv.includes('--write')

/** The active set, the same at every size: [stage, count]. Everything else decided is done. */
const ACTIVE = { deliberated: 10, noticed: 20, handling: 40, overdue: 10 } as const
const PUBLISHED = 10

export function seed(now: Date, communityId: string, townshipId: string, decided: number, prefix: string) {
  const topics: ReturnType<typeof benchTopic>[] = []
  const resolutions: ReturnType<typeof benchItem>[] = []
  const escalations: ReturnType<typeof benchEscalation>[] = []
  const active = ACTIVE.deliberated + ACTIVE.noticed + ACTIVE.handling + ACTIVE.overdue
  const done = decided - active
  const due = addDays(beijingDateOf(now), 30)
  for (let i = 0; i < decided + PUBLISHED; i++) {
    // History first (oldest), then the active set, then the topics just published (newest).
    const stage =
      i < done ? 'done' : i < done + ACTIVE.deliberated ? 'deliberated' : i < done + ACTIVE.deliberated + ACTIVE.noticed ? 'noticed' : i < decided - ACTIVE.overdue ? 'handling' : i < decided ? 'overdue' : 'published'
    const id = `${prefix}_${String(i).padStart(6, '0')}`
    const publishedAt = stage === 'done' ? new Date(now.getTime() - 60 * DAY - (done - i) * 10 * MIN) : new Date(now.getTime() - 20 * DAY + (i - done) * MIN)
    const heldAt = stage === 'published' ? null : new Date(publishedAt.getTime() + DAY)
    const noticedAt = stage === 'published' || stage === 'deliberated' ? null : stage === 'noticed' ? new Date(now.getTime() - DAY) : new Date(publishedAt.getTime() + 2 * DAY)
    const resultPublishedAt = stage === 'done' ? new Date(publishedAt.getTime() + 20 * DAY) : null
    const topic = benchTopic({ id, communityId, i, description: '居民反映的问题，提请面对面议事。', at: { publishedAt, heldAt, noticedAt, resultPublishedAt } })
    topics.push(topic)
    if (stage === 'published') continue
    const handlingFrom = closesAtOf(noticedAt)
    const disclosureDueAt = stage === 'handling' ? new Date(now.getTime() + 5 * DAY) : stage === 'overdue' ? new Date(now.getTime() - 2 * DAY) : null
    const disclosures: Resolution['disclosures'] = []
    if (handlingFrom && stage !== 'noticed') {
      // One in seven first disclosures came a day late.
      const firstDue = new Date(handlingFrom.getTime() + 7 * DAY)
      disclosures.push({ at: new Date(firstDue.getTime() + (i % 7 === 0 ? DAY : -3 * DAY)), dueAt: firstDue, text: '已开工', photos: [], by: 'demo-staff-liu', final: false })
    }
    if (resultPublishedAt) disclosures.push({ at: resultPublishedAt, dueAt: new Date(resultPublishedAt.getTime() + DAY), text: '已办结', photos: [], by: 'demo-staff-liu', final: true })
    const item = benchItem(topic, townshipId, i, now, { handlingFrom, disclosureDueAt, disclosures, dueDate: due, ratingCount: resultPublishedAt ? i % 4 : 0 })
    resolutions.push(item)
    if (stage === 'overdue' && i % 2 === 0) escalations.push(benchEscalation(item, townshipId, disclosureDueAt!, now))
  }
  return { topics, resolutions, escalations }
}

const ms = (x: number) => x.toFixed(1)

interface Run {
  size: number
  seedMs: number
  feed: number[]
  board: number[]
  check: string
  overdue: number
  assignees: number
}

async function measure(functionsDir: string, size: number): Promise<Run> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-bench-scale-'))
  const cloud = await startLocalCloudbase({ port: 0, dataDir, strictIndexes: true, quiet: true, timers: false, functionsDir })
  try {
    const now = cloud.clock.now()
    cloud.store.insert('communities', COMMUNITIES.map((c) => ({ ...c })))
    cloud.store.insert('users', DEMO_USERS.map((u) => ({ ...u, joinedAt: now })))
    const big = COMMUNITIES[0]!
    const small = COMMUNITIES[1]!
    const t0 = performance.now()
    const main = seed(now, big._id, big.townshipId, size, 'tpbig')
    const other = seed(now, small._id, small.townshipId, 100, 'tpsmall')
    storeSeeded(cloud.store, [main, other], now)
    const seedMs = performance.now() - t0
    log(`${size}: seeded ${main.topics.length} topics, ${main.resolutions.length} decided items in ${ms(seedMs)} ms`)

    let answer: any = null
    const call = async (action: 'getHomeFeed' | 'getBoard') => {
      const started = performance.now()
      const r = await cloud.functions.invoke('board', { action, input: {} }, { openid: 'demo-resident-wang', source: 'wx_client' })
      const took = performance.now() - started
      if (!r.ok) throw new Error(`${action} failed at the platform: ${r.errMsg}`)
      const outcome = r.result as { ok: boolean; data?: any; error?: { code: string } }
      if (!outcome.ok) throw new Error(`${action} answered ${outcome.error?.code}`)
      if (action === 'getBoard') answer = outcome.data
      return took
    }
    const series = async (action: 'getHomeFeed' | 'getBoard') => {
      for (let i = 0; i < WARMUP; i++) await call(action)
      const times: number[] = []
      for (let i = 0; i < CALLS; i++) times.push(await call(action))
      return times
    }
    const feed = await series('getHomeFeed')
    const board = await series('getBoard')
    if (cloud.store.unindexed.length) throw new Error(`unindexed queries: ${JSON.stringify(cloud.store.unindexed.slice(0, 3))}`)
    const expected = boardLine(big._id, big.name, main.resolutions as unknown as Resolution[], now)
    const check = isDeepStrictEqual(answer.board.community, expected) ? 'equals the line computed from every item' : `WRONG: ${JSON.stringify(answer.board.community)} ≠ ${JSON.stringify(expected)}`
    log(`${size}: getHomeFeed p50 ${ms(quantile(feed, 0.5))} ms, getBoard p50 ${ms(quantile(board, 0.5))} ms; board ${check}`)
    return { size, seedMs, feed, board, check, overdue: answer.board.overdue.length, assignees: answer.board.assignees.length }
  } finally {
    await cloud.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

const SECTION = '## Board and home feed at scale'

function writeSection(body: string, file = path.join(ROOT, 'docs', 'benchmarks.md')): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n'
  const block = `${SECTION}\n\n${body.trim()}\n`
  const start = text.indexOf(`\n${SECTION}\n`)
  if (start < 0) {
    fs.writeFileSync(file, `${text.replace(/\s*$/, '')}\n\n${block}`)
    return
  }
  const after = text.slice(start + 1 + SECTION.length)
  const endRel = after.search(/\n## /)
  const tail = endRel < 0 ? '' : after.slice(endRel + 1)
  fs.writeFileSync(file, `${text.slice(0, start + 1)}${block}${tail ? `\n${tail}` : ''}`)
}

async function main(): Promise<void> {
  fs.mkdirSync(path.join(ROOT, '.local'), { recursive: true })
  const buildDir = fs.mkdtempSync(path.join(ROOT, '.local', 'bench-scale-'))
  try {
    const functionsDir = flag('functions', '') ? path.resolve(flag('functions', '')) : buildFunctions(buildDir)
    const runs: Run[] = []
    for (const size of SIZES) runs.push(await measure(functionsDir, size))
    const wrong = runs.filter((r) => r.check.startsWith('WRONG'))
    const first = runs[0]!
    const last = runs[runs.length - 1]!
    const ratio = (f: (r: Run) => number[]) => quantile(f(last), 0.5) / quantile(f(first), 0.5)
    const body = [
      `Command: \`npx tsx bench/board-scale.ts --write\` (sizes ${SIZES.join(', ')}; ${CALLS} calls per action after ${WARMUP} warm-up calls).`,
      '',
      machine(),
      '',
      'One community with N decided items: the history (done, rated, with disclosures on time and a seventh late) grows',
      `with N; the active set does not (${PUBLISHED} topics just published; ${ACTIVE.deliberated} items decided at a meeting, ${ACTIVE.noticed} under their notice,`,
      `${ACTIVE.handling} being handled, ${ACTIVE.overdue} overdue of which half escalated), over ${ASSIGNEES.length} assignees; plus 100 items in a second community.`,
      'The store is seeded directly, every item counted by the board summaries as the functions count it. A resident',
      'calls `board.getHomeFeed`, then `board.getBoard`, sequentially through the function host; wall time of the invocation.',
      '',
      '| decided items | seed | getHomeFeed p50 | getHomeFeed p95 | getBoard p50 | getBoard p95 | board line |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      ...runs.map(
        (r) =>
          `| ${r.size.toLocaleString('en-US')} | ${(r.seedMs / 1000).toFixed(1)} s | ${ms(quantile(r.feed, 0.5))} ms | ${ms(quantile(r.feed, 0.95))} ms | ${ms(quantile(r.board, 0.5))} ms | ${ms(quantile(r.board, 0.95))} ms | ${r.check} |`,
      ),
      '',
      `p50 at ${last.size.toLocaleString('en-US')} over p50 at ${first.size.toLocaleString('en-US')}: getHomeFeed ${ratio((r) => r.feed).toFixed(2)}×, getBoard ${ratio((r) => r.board).toFixed(2)}×.`,
      `Each board answer: ${last.assignees} assignee lines, ${last.overdue} overdue items.`,
      '',
      'The board reads its lines from the community\'s summary document (`board_summaries`, kept in the transaction of',
      'each item write, src/domain/summaries.ts), and only the items overdue now, those whose notice closed or deadline',
      'passed since the sweep last corrected their counted status, and their escalations by id — all index-served and',
      'bounded by the active set. The feed reads the newest topics of each stage with a limited query that the local',
      'CloudBase serves by walking the community\'s (communityId, publishedAt) and (communityId, resultPublishedAt) indexes',
      'in order, as a database serves a sort on a compound index, instead of sorting every topic of the community.',
    ].join('\n')
    process.stdout.write(`${SECTION}\n\n${body}\n`)
    if (WRITE) {
      writeSection(body)
      log(`docs/benchmarks.md: "${SECTION}" written`)
    }
    if (wrong.length) throw new Error(`board wrong at ${wrong.map((r) => r.size).join(', ')}`)
  } finally {
    fs.rmSync(buildDir, { recursive: true, force: true })
  }
}

if (require.main === module) main().then(
  () => process.exit(0),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
