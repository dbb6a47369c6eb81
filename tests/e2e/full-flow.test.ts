import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { Locator, Page } from 'playwright-core'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { subscribeEveryone } from '../support/flow'
import { launchChromium, RESULTS_DIR, type BrowserSession } from '../support/browser'
import { COMMUNITIES, DEMO_USERS } from '../../scripts/demo/places'
import { publishNotice, publishTopic, recordMeeting } from '../../src/contracts/topics'
import type { ActionContract, Outcome } from '../../src/contracts/action'
import { addDays, beijingDateOf } from '../../src/domain/calendar'

/**
 * The whole four-step flow in Chromium, through the built H5 app (dist/h5), the gateway and the built cloud functions
 * (dist/cloudfunctions), with two people in two browsers: a resident (王秀英, demo-resident-wang) and the community's
 * staff (刘书记, demo-staff-liu). Everything they do is clicks and typing on the real pages; the only things done
 * behind the screens are moving the local clock (POST /_local/clock), firing the sweep timer, and — for speed — driving
 * a SECOND topic to "handling" through the topics function as staff (cloud.functions.invoke), for the overdue step.
 *
 * The local CloudBase holds the demo places and people and nothing else (no demo topics or reports), so every report,
 * topic and item on screen is this flow's own. Each step asserts what its screen must show and leaves a screenshot
 * in test-results/e2e-flow/NN-<step>.png.
 */
const ROOT = path.resolve(__dirname, '../..')
const H5_DIR = path.join(ROOT, 'dist/h5')
const FUNCTIONS_DIR = path.join(ROOT, 'dist/cloudfunctions')
const SHOTS = 'e2e-flow'
const SHOTS_DIR = path.join(RESULTS_DIR, SHOTS)
/** Each step takes 0.5–3 s here; a step that takes 30 s is broken. The whole file runs in about 20 s. */
const STEP_TIMEOUT = 30_000
const DAY = 86_400_000
const HOUR = 3_600_000

const RESIDENT = 'demo-resident-wang'
const STAFF = 'demo-staff-liu'
const GRID_EAST = 'demo-grid-chen'

// The flow's own words, each unique on the screens it is looked for.
const REPORT_TEXT = '2栋楼下电动车充电棚顶棚破了，下雨漏电很危险'
const TOPIC_TITLE = '2栋电动车充电棚改造'
const TOPIC_DESCRIPTION = '充电棚顶棚破损、线路老化，雨天有漏电风险，提请面对面议事。'
const MEETING_PLACE = '社区党群服务中心二楼'
const MINUTES = '物业、居民代表与2栋住户面对面商议，同意从维修基金列支改造费用。'
const RESOLUTION = '更换充电棚顶棚并加装智能充电桩'
const NOTICE_TEXT = '拟由物业公司30日内完成充电棚改造，费用从维修基金列支。'
const OBJECTION = '费用分摊方式需要说明清楚'
const ANSWER = '费用全部由维修基金列支，住户无需另行分摊。'
const PROGRESS = '旧顶棚已拆除，新材料已到场'
const RESULT = '顶棚更换完成，新增12个智能充电桩，已投入使用'
const RATING_COMMENT = '修得很好，充电方便多了'
const SECOND_TITLE = '3栋楼道照明改造'
const SECOND_RESOLUTION = '更换3栋楼道声控灯'

let cloud: TestCloud
let resident: BrowserSession
let staff: BrowserSession
let shot = 0
let reportId = ''
let topicId = ''

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** The page the user sees now: Taro's H5 router keeps earlier pages in the DOM, hidden. */
function screen(page: Page): Locator {
  return page.locator('.taro_page').filter({ visible: true }).last()
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Saves test-results/e2e-flow/NN-<step>.png of one user's screen. */
async function snap(who: BrowserSession, step: string): Promise<string> {
  shot += 1
  return who.screenshot(`${SHOTS}/${String(shot).padStart(2, '0')}-${step}`)
}

async function failWith(who: BrowserSession, step: string, message: string): Promise<never> {
  const file = await who.screenshot(`${SHOTS}/FAILED-${step}`).catch(() => '(no screenshot)')
  const text = await screen(who.page).innerText({ timeout: 2_000 }).catch(() => '(no screen)')
  throw new Error(`${message}\nstep: ${step}; screenshot ${file}\nscreen:\n${text}\nerrors: ${who.errors.join('\n')}`)
}

/**
 * Waits until the first element `target` finds is visible and its text contains `expected` (or matches it), and
 * answers that text; otherwise fails with the step's screenshot and what was there instead.
 */
async function shows(who: BrowserSession, target: Locator, expected: string | RegExp, step: string, timeout = 10_000): Promise<string> {
  const until = Date.now() + timeout
  let last = '(not on screen)'
  for (;;) {
    const el = target.first()
    if (await el.isVisible().catch(() => false)) {
      last = (await el.innerText({ timeout: 1_000 }).catch(() => '(unreadable)')).trim()
      if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last
    }
    if (Date.now() > until) return failWith(who, step, `expected ${String(expected)} in ${target}, found: ${last}`)
    await sleep(100)
  }
}

/**
 * Whether a Taro button is shown disabled. In the H5 build a button's `disabled` is an attribute of the web
 * component, and any `disabled` attribute (even "false") greys it out: an enabled button must carry none.
 */
async function looksDisabled(button: Locator): Promise<boolean> {
  return (await button.first().getAttribute('disabled')) !== null
}

/** `below` starts under `above`: two lines on screen, not one run of text. */
async function onSeparateLines(who: BrowserSession, above: Locator, below: Locator, step: string): Promise<void> {
  const [a, b] = await Promise.all([above.first().boundingBox(), below.first().boundingBox()])
  if (!a || !b) return failWith(who, step, `not both on screen: ${above} / ${below}`)
  if (b.y < a.y + a.height - 1) return failWith(who, step, `"${await below.first().innerText()}" runs on in the line of "${await above.first().innerText()}"`)
}

/** The texts of every element `target` finds, trimmed, in order. */
async function textsOf(target: Locator): Promise<string[]> {
  return (await target.allInnerTexts()).map((t) => t.trim())
}

/** A staff form field (TextField / TextAreaField) by its visible label, on the current screen. */
function staffField(page: Page, label: string): Locator {
  return screen(page)
    .locator('.sf-field')
    .filter({ has: page.locator('.sf-field__label').getByText(label, { exact: true }) })
    .locator('input, textarea')
    .first()
}

/** A section of a staff page by its title (exact, or a pattern for titles with counts). */
function staffSection(page: Page, title: string | RegExp): Locator {
  return screen(page)
    .locator('.sf-section')
    .filter({ has: page.locator('.sf-section__title').getByText(title, { exact: true }) })
}

/** Types into a Taro input (its inner <input>/<textarea>), as a user would, and checks the value stuck. */
async function type(target: Locator, text: string): Promise<void> {
  await target.click()
  await target.fill(text)
  if ((await target.inputValue()) !== text) throw new Error(`typing into ${target} did not stick`)
}

/** Picks `file` through the file chooser the H5 chooseMedia opens when `trigger` is clicked. */
async function choosePhoto(page: Page, trigger: Locator, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser', { timeout: 10_000 })
  await trigger.click()
  await (await chooser).setFiles(file)
}

/** What cannot be undone asks first (Taro's modal in H5): answer 确认. */
async function confirmDialog(page: Page): Promise<void> {
  const confirm = page.locator('.taro-model__confirm')
  await confirm.waitFor({ state: 'visible', timeout: 10_000 })
  await confirm.click()
}

async function signIn(who: BrowserSession, button: string, name: string): Promise<void> {
  await who.page.goto(`${cloud.origin}/`)
  await who.page.getByText(button, { exact: true }).click()
  await shows(who, screen(who.page).locator('.home__who'), `当前用户：${name}`, `sign-in-${name}`)
  // The app keeps the gateway's signed token (Taro storage, key jy.session), never a bare openid.
  const stored = await who.page.evaluate(() => localStorage.getItem('jy.session'))
  expect(JSON.parse(stored ?? '{}').data).toMatch(/^[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]+$/)
}

/** Local-only developer control: moves the cloud's clock forward (functions, serverDate and timers all see it). */
async function advanceClock(ms: number): Promise<{ now: string; offsetMs: number }> {
  const res = await fetch(`${cloud.origin}/_local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) })
  expect(res.status).toBe(200)
  return (await res.json()) as { now: string; offsetMs: number }
}

/** Calls an action as a demo user through the function host (the second topic only). */
async function callAs<T>(openid: string, contract: ActionContract, input: unknown): Promise<T> {
  const r = await cloud.functions.invoke(contract.functionName, { action: contract.name, input }, { openid, source: 'wx_client' })
  if (!r.ok) throw new Error(`${contract.name} failed at the platform: ${r.errCode} ${r.errMsg}`)
  const outcome = r.result as Outcome<T>
  if (!outcome.ok) throw new Error(`${contract.name}: ${outcome.error.code} ${outcome.error.message}`)
  return outcome.data
}

// A photo as a phone takes it: larger than the 1280 px the app shrinks to, so the upload is the app's own JPEG.
function crc32(buf: Buffer): number {
  let c = ~0
  for (const byte of buf) {
    c ^= byte
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c >>> 0
}
function pngChunk(kind: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(kind, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
function makePhoto(width: number, height: number, seed: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    raw[row] = 0
    for (let x = 0; x < width; x++) {
      const i = row + 1 + x * 3
      const stripe = ((x >> 6) + (y >> 6)) & 1
      raw[i] = (x * 255) / width
      raw[i + 1] = stripe ? 200 : (y * 255) / height
      raw[i + 2] = (seed * 40 + x + y) & 0xff
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', zlib.deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))])
}
/** Width and height from a JPEG's frame header (SOF0–SOF15, not DHT/JPG/DAC), or null. */
function jpegSize(buf: Buffer): { width: number; height: number } | null {
  if (buf[0] !== 0xff || buf[1] !== 0xd8) return null
  let i = 2
  while (i + 9 < buf.length) {
    if (buf[i] !== 0xff) return null
    const marker = buf[i + 1]!
    const len = buf.readUInt16BE(i + 2)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) }
    }
    i += 2 + len
  }
  return null
}

/** The bytes of a stored file, through the gateway's public link (what an <image> in the app loads). */
async function storedFile(fileId: string): Promise<{ status: number; type: string; bytes: Buffer }> {
  const res = await fetch(`${cloud.origin}/api/storage/file?fileID=${encodeURIComponent(fileId)}`)
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: Buffer.from(await res.arrayBuffer()) }
}

/** True once every <img> inside `scope` (at least one) has loaded real pixels. */
async function imagesLoaded(scope: Locator, timeout = 10_000): Promise<number> {
  const until = Date.now() + timeout
  for (;;) {
    const sizes = await scope.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).complete ? (i as HTMLImageElement).naturalWidth : 0))
    if (sizes.length && sizes.every((w) => w > 0)) return sizes.length
    if (Date.now() > until) throw new Error(`images did not load in ${scope}: natural widths ${JSON.stringify(sizes)}`)
    await sleep(100)
  }
}

// ---------------------------------------------------------------------------------------------------------------

beforeAll(async () => {
  const missing = [path.join(H5_DIR, 'index.html'), path.join(FUNCTIONS_DIR, 'topics/index.js')].filter((f) => !fs.existsSync(f))
  if (missing.length) throw new Error(`not built: ${missing.join(', ')}. Run "npm run build:functions && npm run build:h5".`)
  fs.rmSync(SHOTS_DIR, { recursive: true, force: true })
  cloud = await startTestCloud({ h5Dir: H5_DIR, functionsDir: FUNCTIONS_DIR })
  // The demo's places and people, no demo topics or reports (as tests/support/flow.ts seeds them).
  cloud.store.insert('communities', COMMUNITIES.map((c) => ({ ...c })))
  cloud.store.insert('users', DEMO_USERS.map((u) => ({ ...u, joinedAt: new Date() })))
  // The township supervisor has tapped 接收到期提醒 (WeChat's grants and the server's count); nobody else is subscribed
  // beforehand: the browser's taps ask for theirs through the H5 stand-in.
  subscribeEveryone(cloud, ['demo-township-he'])
  ;[resident, staff] = await Promise.all([launchChromium(), launchChromium()])
  await Promise.all([signIn(resident, '王秀英（居民）', '王秀英'), signIn(staff, '刘书记（社区工作人员）', '刘书记')])
}, 45_000)

afterAll(async () => {
  await resident?.close().catch(() => undefined)
  await staff?.close().catch(() => undefined)
  await cloud?.dispose()
}, 20_000)

/**
 * One step of the flow. The steps build on each other, so once one fails (or times out) the later ones are not run
 * (they fail at once, naming the step that broke): the file stays well under its time budget and the first failure
 * is the one reported with its screen.
 */
let blockedBy: string | null = null
function flowStep(name: string, run: () => Promise<void>, timeout = STEP_TIMEOUT): void {
  test(
    name,
    async () => {
      if (blockedBy) throw new Error(`not run: the earlier step "${blockedBy}" failed`)
      blockedBy = name
      await run()
      blockedBy = null
    },
    timeout,
  )
}

describe('a report becomes a rated result, in two browsers (resident and staff), on the 7-day disclosure clock', () => {
  flowStep('a. the resident reports with 随手拍: a photo (shrunk and uploaded), a category, one line of text', async () => {
    const p = resident.page
    const home = screen(p)
    await shows(resident, home.locator('.home__head .title'), '屏山社区', 'a-home')
    await shows(resident, home, '目前没有进行中的议题', 'a-home')
    await home.getByRole('button', { name: '随手拍：拍照反映身边的问题' }).click()

    const form = screen(p)
    await shows(resident, form.locator('.title'), '随手拍', 'a-form')
    await choosePhoto(p, form.getByRole('button', { name: '从相册选择' }), { name: 'shed.png', mimeType: 'image/png', buffer: makePhoto(1600, 1200, 1) })
    // The preview of the photo (shrunk in the browser to a blob: JPEG) is on the form.
    await form.locator('[aria-label="照片 1"]').waitFor({ state: 'visible', timeout: 10_000 })
    expect(await imagesLoaded(form.locator('.report__photo'))).toBe(1)

    await form.getByRole('radiogroup', { name: '问题分类' }).getByRole('button', { name: '基础设施', exact: true }).click()
    expect(await form.getByRole('button', { name: '基础设施', exact: true }).getAttribute('aria-pressed')).toBe('true')
    await type(form.locator('input[name="text"]'), REPORT_TEXT)
    await snap(resident, 'resident-report-form')
    await form.getByRole('button', { name: '提交', exact: true }).click()

    const done = screen(p)
    await shows(resident, done.locator('.title'), '✓ 已提交', 'a-submitted')
    expect(await textsOf(done.locator('.tag'))).toEqual(['基础设施', '待处理'])
    await shows(resident, done.locator('.report__text'), REPORT_TEXT, 'a-submitted')
    await shows(resident, done, '已提交诉求', 'a-submitted')
    expect(await done.getByText('本次未附照片').count()).toBe(0)
    await snap(resident, 'resident-report-submitted')

    // The report in the store carries one cloud:// photo, and that file exists: the app's shrunk JPEG, not the PNG.
    const reports = cloud.store.find('reports', { reporterOpenid: RESIDENT }) as unknown as { _id: string; text: string; category: string; photos: string[] }[]
    expect(reports).toHaveLength(1)
    const report = reports[0]!
    reportId = report._id
    expect(report).toMatchObject({ text: REPORT_TEXT, category: 'infrastructure' })
    expect(report.photos).toHaveLength(1)
    expect(report.photos[0]).toMatch(/^cloud:\/\/local-env\.[^/]+\/uploads\/[^/]+\/reports\/.+\.jpg$/)
    const file = await storedFile(report.photos[0]!)
    expect(file.status).toBe(200)
    expect(jpegSize(file.bytes)).toEqual({ width: 1280, height: 960 })
    expect(file.bytes.length).toBeLessThanOrEqual(300 * 1024)
  })

  flowStep('b. staff select the report in the inbox → 纳入新议题 → publish the topic; the staff topic page is at step 1', async () => {
    const p = staff.page
    // From 我的 into the workbench, as staff get there.
    await p.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click()
    await screen(p).getByRole('button', { name: '进入工作台 ›' }).click()

    const inbox = screen(p)
    const card = inbox.locator('.inbox__report').filter({ hasText: REPORT_TEXT })
    await shows(staff, card.locator('.inbox__tag'), '基础设施 · 待处理', 'b-inbox')
    expect(await card.getAttribute('data-report-id')).toBe(reportId)
    // Staff see the reporter's full name, and the uploaded photo through the gateway.
    await shows(staff, card.locator('.inbox__meta'), '反映人：王秀英', 'b-inbox')
    expect(await imagesLoaded(card.locator('.photos'))).toBe(1)
    expect(await inbox.locator('.inbox__report').count()).toBe(1)
    await card.getByRole('checkbox').click()
    await shows(staff, card.getByRole('checkbox'), '已选', 'b-selected')
    await shows(staff, inbox.locator('.inbox__bar'), '已选 1 条诉求', 'b-selected')
    await snap(staff, 'staff-inbox-selected')
    const intoTopic = inbox.locator('.inbox__bar taro-button-core').filter({ hasText: '纳入新议题' })
    expect(await looksDisabled(intoTopic)).toBe(false)
    await intoTopic.click()

    const form = screen(p)
    await shows(staff, form, '关联诉求（1）', 'b-publish-form')
    await shows(staff, form.locator('.publish__report-text'), REPORT_TEXT, 'b-publish-form')
    // The category comes from the report.
    await shows(staff, form.locator('.sf-chip--on'), '基础设施', 'b-publish-form')
    await type(staffField(p, '议题标题'), TOPIC_TITLE)
    await type(staffField(p, '议题说明'), TOPIC_DESCRIPTION)
    await type(staffField(p, '议事地点'), MEETING_PLACE)
    const addInvitee = form.locator('taro-button-core').filter({ hasText: '添加受邀人' })
    expect(await looksDisabled(addInvitee)).toBe(true) // nothing typed yet
    await type(staffField(p, '受邀人（居民代表、相关单位等）'), '物业公司，居民代表')
    expect(await looksDisabled(addInvitee)).toBe(false)
    await addInvitee.click()
    expect(await textsOf(form.locator('.sf-chips .sf-chip').filter({ hasText: '×' }))).toEqual(['物业公司 ×', '居民代表 ×'])
    await shows(staff, form.locator('.publish__next-day'), /^下一个议事日：\d+月\d+日（周三）19:00$/, 'b-publish-form')
    await snap(staff, 'staff-publish-form')
    const publish = form.locator('taro-button-core').filter({ hasText: '发布议题' })
    expect(await looksDisabled(publish)).toBe(false)
    await publish.click()
    await confirmDialog(p)

    const topic = screen(p)
    await shows(staff, topic.locator('.title'), TOPIC_TITLE, 'b-published')
    await shows(staff, topic, '基础设施 · 议题已发布', 'b-published')
    expect(await textsOf(topic.locator('.topic__step--done'))).toEqual(['1. 发布议题'])
    expect(await topic.locator('.topic__step--current').count()).toBe(0)
    await shows(staff, topic, `地点：${MEETING_PLACE}`, 'b-published')
    await shows(staff, topic, '受邀：物业公司、居民代表', 'b-published')
    await shows(staff, topic, REPORT_TEXT, 'b-published')
    expect(await topic.locator('[data-action="recordMeeting"]').count()).toBe(1)
    topicId = new URL(p.url().replace('/#/', '/')).searchParams.get('id') ?? ''
    expect(topicId).not.toBe('')
    await snap(staff, 'staff-topic-step1')
  })

  flowStep('c. the resident sees the report taken into the topic, opens the topic from home and signs up (报名参加)', async () => {
    const p = resident.page
    // 我的诉求: the report now says it went into the topic, and by whom.
    await screen(p).getByRole('button', { name: '查看我的诉求' }).click()
    const mine = screen(p).locator('.my-report').filter({ hasText: REPORT_TEXT })
    await shows(resident, mine.locator('.tag').nth(1), '已纳入议题', 'c-my-reports')
    await shows(resident, mine.locator('.my-report__triage'), `纳入议题：${TOPIC_TITLE}`, 'c-my-reports')
    await shows(resident, mine.locator('.my-report__triage'), '处理人：刘书记', 'c-my-reports')
    await shows(resident, mine.locator('.timeline'), `已纳入议题「${TOPIC_TITLE}」`, 'c-my-reports')
    await snap(resident, 'resident-my-reports')
    await p.goBack()
    await screen(p).getByRole('button', { name: '返回首页' }).click()
    const home = screen(p)
    await shows(resident, home.locator('.home__group'), '议题发布（1）', 'c-home')
    await shows(resident, home.locator('.topic-card__title'), TOPIC_TITLE, 'c-home')
    await home.getByRole('button', { name: `查看议题：${TOPIC_TITLE}` }).click()

    const topic = screen(p)
    await shows(resident, topic.locator('.topic__title'), TOPIC_TITLE, 'c-topic')
    await shows(resident, topic.locator('.tag--red'), '议题已发布', 'c-topic')
    expect(await topic.locator('.flow').getAttribute('aria-label')).toBe('四步进度：第1步 发布议题，已完成')
    await shows(resident, topic, `地点：${MEETING_PLACE}`, 'c-topic')
    await shows(resident, topic, '来自居民的诉求（1）', 'c-topic')
    await topic.getByRole('button', { name: '报名参加' }).click()
    await shows(resident, topic.locator('.topic__msg'), '已报名，议事前会提醒你', 'c-joined')
    await shows(resident, topic.locator('.topic__actions'), '✓ 已报名', 'c-joined')
    // Signing up also follows the topic (its progress is then notified).
    await shows(resident, topic, '报名 1 · 关注 1', 'c-joined')
    expect(await topic.getByRole('button', { name: '报名参加' }).count()).toBe(0)
    await snap(resident, 'resident-joined')
  })

  flowStep('d. staff record the meeting (attendance, minutes, one item with votes, assignee, due date) → step 2', async () => {
    const p = staff.page
    await p.reload()
    await shows(staff, screen(p), '报名 1', 'd-topic')
    await screen(p).locator('[data-action="recordMeeting"]').click()

    const form = screen(p)
    await shows(staff, form.locator('.title'), TOPIC_TITLE, 'd-meeting-form')
    await type(form.locator('input[name="households"]'), '20')
    await type(form.locator('input[name="invitedHouseholds"]'), '30')
    await type(staffField(p, '会议纪要'), MINUTES)
    const item = form.locator('.meeting__resolution').first()
    await type(item.locator('input[name="title"]'), RESOLUTION)
    await type(item.locator('input[name="vote-for"]'), '18')
    await type(item.locator('input[name="vote-against"]'), '1')
    await type(item.locator('input[name="vote-abstain"]'), '1')
    await type(item.locator('input[name="assignee"]'), '刘书记')
    // The due date: the picker is preset to a week from today (Beijing), which is what is recorded.
    const due = addDays(beijingDateOf(new Date()), 7)
    await shows(staff, item.locator('.sf-picker[data-mode="date"]'), due, 'd-meeting-form')
    await snap(staff, 'staff-meeting-form')
    const save = form.locator('taro-button-core').filter({ hasText: '保存议事会记录' })
    expect(await looksDisabled(save)).toBe(false)
    expect(await looksDisabled(form.locator('taro-button-core').filter({ hasText: '添加议决事项' }))).toBe(false)
    await save.click()
    await confirmDialog(p)

    const topic = screen(p)
    await shows(staff, staffSection(p, '面对面议事'), '到会 20 户 / 应邀 30 户', 'd-recorded')
    expect(await textsOf(topic.locator('.topic__step--done'))).toEqual(['1. 发布议题', '2. 面对面议事'])
    await shows(staff, topic, '基础设施 · 已面对面议事', 'd-recorded')
    await shows(staff, topic, MINUTES, 'd-recorded')
    const r = topic.locator('[data-resolution-id]')
    expect(await r.count()).toBe(1)
    await shows(staff, r.locator('.topic__item-title'), RESOLUTION, 'd-recorded')
    await shows(staff, r, '表决：赞成 18 · 反对 1 · 弃权 1 · 通过', 'd-recorded')
    await shows(staff, r, '承办人：刘书记 · 待公告期满', 'd-recorded')
    await shows(staff, r, `办理期限：${due} 23:59`, 'd-recorded')
    expect(await topic.locator('[data-action="publishNotice"]').count()).toBe(1)
    await snap(staff, 'staff-meeting-recorded')
  })

  flowStep('e. staff publish the notice; the resident objects within the window; staff answer; the resident sees the answer', async () => {
    const sp = staff.page
    const rp = resident.page
    const staffTopic = screen(sp)
    await type(staffField(sp, '公告内容（拟办意见）'), NOTICE_TEXT)
    await type(staffField(sp, '异议期（天，留空按社区设置）'), '1')
    await staffTopic.locator('[data-action="publishNotice"]').click()
    await confirmDialog(sp)
    const notice = staffSection(sp, '拟办意见公告')
    await shows(staff, notice, '第 1 版 · 发布于', 'e-notice')
    await shows(staff, notice.locator('.topic__quote'), NOTICE_TEXT, 'e-notice')
    await shows(staff, notice, '异议截止：', 'e-notice')
    await shows(staff, staffTopic.locator('.topic__step--current'), '3. 拟办意见公告', 'e-notice')
    expect(await staffTopic.locator('[data-action="publishNotice"]').count()).toBe(0)
    await snap(staff, 'staff-notice-published')

    await rp.reload()
    const topic = screen(rp)
    await shows(resident, topic.locator('.tag--red'), '拟办意见公告中', 'e-resident-notice')
    expect(await topic.locator('.flow').getAttribute('aria-label')).toBe('四步进度：第3步 拟办意见公告，进行中')
    await shows(resident, topic, NOTICE_TEXT, 'e-resident-notice')
    await shows(resident, topic, '（公告期内可提出异议）', 'e-resident-notice')
    // The meeting record and the notice read line by line (each fact on its own line).
    const record = topic.locator('.card').filter({ has: rp.locator('.section-title').getByText('议事记录', { exact: true }) })
    await shows(resident, record, '到会：20 户 / 应邀 30 户（达到法定人数）', 'e-resident-notice')
    await onSeparateLines(resident, record.getByText(/^议事时间：/), record.getByText(/^到会：/), 'e-resident-notice')
    await onSeparateLines(resident, record.getByText(/^到会：/), record.getByText('会议纪要', { exact: true }), 'e-resident-notice')
    const noticeCard = topic.locator('.card').filter({ has: rp.locator('.section-title').getByText('拟办意见公告', { exact: true }) })
    await onSeparateLines(resident, noticeCard.getByText(NOTICE_TEXT, { exact: true }), noticeCard.getByText(/^第 1 版 · 发布于/), 'e-resident-notice')
    await onSeparateLines(resident, noticeCard.getByText(/^第 1 版 · 发布于/), noticeCard.getByText(/^异议截止：/), 'e-resident-notice')
    await type(topic.locator('input[name="objection"]'), OBJECTION)
    await topic.getByRole('button', { name: '提出异议' }).click()
    await shows(resident, topic.locator('.topic__msg'), '异议已提交，社区会公开答复', 'e-objected')
    const mine = topic.locator('.item').filter({ hasText: OBJECTION })
    await shows(resident, mine, '待答复', 'e-objected')
    await shows(resident, mine, '针对第 1 版', 'e-objected')
    await shows(resident, topic, '异议（1）', 'e-objected')
    await snap(resident, 'resident-objection-filed')

    await sp.reload()
    const objections = staffSection(sp, /^居民异议（/)
    await shows(staff, objections.locator('.sf-section__title'), '居民异议（1，未答复 1）', 'e-staff-objections')
    const objection = objections.locator('[data-objection-id]').filter({ hasText: OBJECTION })
    await shows(staff, objection, '未答复', 'e-staff-objections')
    await type(staffField(sp, '公开答复'), ANSWER)
    await objection.locator('[data-action="answerObjection"]').click()
    await shows(staff, objection.locator('.topic__answer'), `：${ANSWER}`, 'e-answered')
    await shows(staff, objections.locator('.sf-section__title'), '居民异议（1，未答复 0）', 'e-answered')
    await snap(staff, 'staff-objection-answered')

    await rp.reload()
    const answered = screen(rp).locator('.item').filter({ hasText: OBJECTION })
    await shows(resident, answered.locator('.topic__answer'), new RegExp(`^社区答复（.+）：${ANSWER}$`), 'e-resident-answer')
    expect(await answered.getByText('待答复').count()).toBe(0)
    await snap(resident, 'resident-sees-answer')
  })

  flowStep('f. past the objection window (local clock), staff publish progress with a photo, then the result → step 4', async () => {
    // The notice closes at the end of the Beijing day after it was published; move an hour past that.
    const [stored] = cloud.store.find('topics', { _id: topicId }) as unknown as { notice: { closesAt: Date } }[]
    expect(stored?.notice?.closesAt).toBeInstanceOf(Date)
    const before = cloud.clock.now().getTime()
    const moved = await advanceClock(stored!.notice.closesAt.getTime() - before + HOUR)
    expect(Date.parse(moved.now)).toBeGreaterThan(stored!.notice.closesAt.getTime())

    const p = staff.page
    await p.reload()
    const topic = screen(p)
    await shows(staff, topic, '基础设施 · 办理中', 'f-handling')
    expect(await textsOf(topic.locator('.topic__step--done'))).toEqual(['1. 发布议题', '2. 面对面议事', '3. 拟办意见公告'])
    const r = topic.locator('[data-resolution-id]')
    await shows(staff, r, '承办人：刘书记 · 办理中', 'f-handling')

    await type(staffField(p, '办理情况 / 结果说明'), PROGRESS)
    await choosePhoto(p, r.getByText('添加照片（0/9）', { exact: true }), { name: 'progress.png', mimeType: 'image/png', buffer: makePhoto(900, 600, 2) })
    await shows(staff, r, '添加照片（1/9）', 'f-photo')
    expect(await imagesLoaded(r.locator('.topic__form .photos'))).toBe(1)
    expect(await looksDisabled(r.locator('[data-action="publishProgress"]'))).toBe(false)
    await r.locator('[data-action="publishProgress"]').click()
    const progress = r.locator('.topic__quote').filter({ hasText: PROGRESS })
    await shows(staff, progress, /^办理情况 · .+ · 按时公示/, 'f-progress')
    expect(await imagesLoaded(progress.locator('.photos'))).toBe(1)
    await onSeparateLines(staff, progress.getByText(/^办理情况 · /), progress.getByText(PROGRESS, { exact: true }), 'f-progress')
    await snap(staff, 'staff-progress-published')

    await type(staffField(p, '办理情况 / 结果说明'), RESULT)
    await r.locator('[data-action="publishResult"]').click()
    await confirmDialog(p)
    const result = r.locator('.topic__quote').filter({ hasText: RESULT })
    await shows(staff, result, /^办理结果 · .+ · 按时公示/, 'f-result')
    await shows(staff, r, '承办人：刘书记 · 已办结', 'f-result')
    expect(await textsOf(topic.locator('.topic__step--done'))).toEqual(['1. 发布议题', '2. 面对面议事', '3. 拟办意见公告', '4. 办理结果公示'])
    expect(await r.locator('[data-action="publishResult"]').count()).toBe(0)
    await snap(staff, 'staff-result-published')

    const rp = resident.page
    await rp.reload()
    const seen = screen(rp)
    await shows(resident, seen.locator('.tag--red'), '结果已公示', 'f-resident-result')
    expect(await seen.locator('.flow').getAttribute('aria-label')).toBe('四步进度：第4步 办理结果公示，已完成')
    const item = seen.locator('.resolution').filter({ hasText: RESOLUTION })
    await shows(resident, item.locator('.tag--ok').first(), '已办结', 'f-resident-result')
    await shows(resident, item.locator('.resolution__result'), RESULT, 'f-resident-result')
    await shows(resident, item.locator('.resolution__result .tag'), '按时', 'f-resident-result')
    await shows(resident, item.locator('.item').filter({ hasText: PROGRESS }), '按时', 'f-resident-result')
    await snap(resident, 'resident-result-step4')
  })

  flowStep('g. the resident rates the result (4 stars, a comment); the rating shows', async () => {
    const topic = screen(resident.page)
    const item = topic.locator('.resolution').filter({ hasText: RESOLUTION })
    await shows(resident, item.locator('.resolution__rate'), '为办理结果打分', 'g-rate')
    await shows(resident, item, '满意度：暂无评分（0 人评价）', 'g-rate')
    await item.getByRole('button', { name: '4 星', exact: true }).click()
    expect(await item.getByRole('button', { name: '4 星', exact: true }).getAttribute('aria-pressed')).toBe('true')
    await type(item.locator('input[name="ratingComment"]'), RATING_COMMENT)
    await item.getByRole('button', { name: '提交评价' }).click()

    await shows(resident, topic.locator('.topic__msg'), '评价已提交，谢谢！', 'g-rated')
    await shows(resident, item, '满意度：4.0 分（1 人评价）', 'g-rated')
    const rating = item.locator('.item').filter({ hasText: RATING_COMMENT })
    await shows(resident, rating.locator('.stars'), '★★★★☆', 'g-rated')
    expect(await rating.locator('.stars').getAttribute('aria-label')).toBe('4 星')
    await shows(resident, item.locator('.resolution__rate'), '我的评价：4 星（可修改）', 'g-rated')
    // Four stars is not a low rating: no reply is owed.
    expect(await rating.getByText('待社区回复').count()).toBe(0)
    await snap(resident, 'resident-rated')
  })

  flowStep('h. a second item past its 7-day disclosure deadline: the sweep escalates it, the board shows it overdue and its assignee on the black list', async () => {
    // For speed, the second topic is driven to "handling" through the topics function as staff (not the UI).
    const second = await callAs<{ topic: { id: string } }>(STAFF, publishTopic, {
      title: SECOND_TITLE,
      description: '3栋楼道声控灯大多损坏，夜间上下楼不便。',
      category: 'infrastructure',
      reportIds: [],
      meetingPlace: '社区议事厅',
      invitees: [],
      requiresFourDeliberations: false,
      clientRequestId: 'e2e-flow-second-topic',
    })
    await callAs(STAFF, recordMeeting, {
      topicId: second.topic.id,
      attendance: { households: 15, invitedHouseholds: 20 },
      minutes: '住户与网格员面对面商议，同意更换声控灯。',
      resolutions: [{ title: SECOND_RESOLUTION, vote: { for: 14, against: 0, abstain: 1 }, assigneeName: '陈志强', assigneeOpenid: GRID_EAST, dueDate: addDays(beijingDateOf(cloud.clock.now()), 30) }],
    })
    const noticed = await callAs<{ topic: { resolutions: { id: string; disclosureDueAt: string | null }[] } }>(STAFF, publishNotice, {
      topicId: second.topic.id,
      text: '拟由网格员陈志强联系物业更换声控灯。',
      objectionWindowDays: 1,
    })
    const dueAt = Date.parse(noticed.topic.resolutions[0]!.disclosureDueAt ?? '')
    expect(Number.isFinite(dueAt)).toBe(true)
    // The first disclosure is due 7 days after the objection window closes.
    expect(dueAt - cloud.clock.now().getTime()).toBeGreaterThan(7 * DAY)

    const resolutionId = noticed.topic.resolutions[0]!.id
    const escalations = () => cloud.store.find('escalations', { communityId: 'c_pingshan' }) as unknown as { resolutionId: string; deadline: string }[]
    expect(escalations()).toEqual([])
    await advanceClock(dueAt - cloud.clock.now().getTime() + HOUR)
    // Note: POST /_local/clock itself runs the timers that fell due (even with timers off), so the hourly sweep may
    // already have escalated by now; the explicit run must then find it done and escalate nothing twice.
    const already = escalations().length
    const run = await cloud.functions.fireTimer('sweep')
    if (!run.ok) throw new Error(`the sweep failed at the platform: ${run.errCode} ${run.errMsg}`)
    expect(run.attempts).toBe(1)
    const swept = run.result as Outcome<{ escalated: number }>
    expect(swept.ok).toBe(true)
    expect(swept.ok && swept.data).toMatchObject({ escalated: 1 - already })
    expect(escalations()).toEqual([expect.objectContaining({ resolutionId, deadline: 'disclosure' })])
    // The township supervisor was told.
    expect(cloud.outbox().filter((m) => m.touser === 'demo-township-he').map((m) => m.data.thing1?.value)).toContain(SECOND_RESOLUTION)

    // The resident goes back to home (which shows the board's summary) and opens the full board.
    const p = resident.page
    await p.goBack()
    const home = screen(p)
    const summary = home.locator('.board-summary')
    await shows(resident, summary, '陈志强（逾期 1）', 'h-home')
    await home.getByRole('button', { name: '查看完整红黑榜' }).click()

    const board = screen(p)
    await shows(resident, board.locator('.title'), '红黑榜', 'h-board')
    const black = board.locator('.card').filter({ has: p.locator('.section-title').getByText(/^黑榜（\d+）$/) })
    await shows(resident, black.locator('.section-title'), '黑榜（1）', 'h-board')
    await shows(resident, black.locator('.board-line--black'), /黑榜\s*陈志强/, 'h-board')
    await shows(resident, black.locator('.board-line--black'), '逾期 1 项', 'h-board')
    const red = board.locator('.card').filter({ has: p.locator('.section-title').getByText(/^红榜（\d+）$/) })
    await shows(resident, red.locator('.section-title'), '红榜（1）', 'h-board')
    await shows(resident, red.locator('.board-line--red'), /红榜\s*刘书记/, 'h-board')
    await shows(resident, red.locator('.board-line--red'), '按时公示率 100%（2/2）', 'h-board')
    const overdue = board.locator('.card').filter({ has: p.locator('.section-title').getByText(/^逾期督办（\d+）$/) })
    await shows(resident, overdue.locator('.section-title'), '逾期督办（1）', 'h-board')
    await shows(resident, overdue.locator('.overdue .error'), SECOND_RESOLUTION, 'h-board')
    await shows(resident, overdue.locator('.overdue'), `承办人：陈志强 · 办理情况公示期限 ${beijingDateOf(new Date(dueAt))} · 已提请街道督办`, 'h-board')
    await shows(resident, board.locator('.card').first(), '逾期 1 项', 'h-board')
    await snap(resident, 'resident-board-overdue')
  })

  test('no page errors in either browser', () => {
    expect(resident.errors).toEqual([])
    expect(staff.errors).toEqual([])
  })
})
