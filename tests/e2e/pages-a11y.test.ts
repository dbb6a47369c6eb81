import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import axe from 'axe-core'
import type { Page } from 'playwright-core'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { launchChromium, RESULTS_DIR, signInAs, type BrowserSession } from '../support/browser'
import { seedDemo } from '../../scripts/demo/seed'

/**
 * Every resident and staff page, in Chromium through the built H5 app and the local CloudBase with the demo seed, as
 * each role (resident, grid worker, community staff, township supervisor, county office) signed in through the dev
 * login, in both modes (normal and 关怀模式). On every page:
 * - axe-core (wcag2a + wcag2aa, colour contrast included) finds no serious or critical violation;
 * - no text is written in a see-through colour (alpha < 0.7; axe does not check disabled controls);
 * - every visible tap target (buttons, links, [role=button|switch|radio|checkbox|link], inputs, tab items) is at
 *   least 32×32 CSS px, and at least 44×44 in care mode;
 * - there is exactly one visible `main`, and it has a name;
 * - focus has moved to the page's heading (role=heading, tabindex=-1);
 * - a page outside the tab bar has a visible 返回 control; a tab page has exactly one tab item with aria-current=page.
 * At 375×667 (the smallest phone laid out for). A screenshot of each page in each mode is kept as
 * test-results/pages/<mode>/<role>-<page>.png.
 * Findings are collected over all of a role's pages and reported together, with the ids, targets and summaries.
 */
const ROOT = path.resolve(__dirname, '../..')
const H5_DIR = path.join(ROOT, 'dist/h5')
const FUNCTIONS_DIR = path.join(ROOT, 'dist/cloudfunctions')
const SHOTS_DIR = path.join(RESULTS_DIR, 'pages')
// A role's pages take 10–40 s here (a full load, axe and a screenshot per page and mode); the budget allows a busy machine.
const ROLE_TIMEOUT = 90_000

type Mode = 'normal' | 'care'
const MODES: Mode[] = ['normal', 'care']
const MIN_TARGET: Record<Mode, number> = { normal: 32, care: 44 }
const TAB_ROUTES = ['/pages/home/index', '/pages/board/index', '/pages/me/index']

interface Visit {
  /** Short name for the screenshot and the report. */
  name: string
  route: string
}

let cloud: TestCloud
let browser: BrowserSession
let topicWithResult = ''
let topicAwaitingMeeting = ''

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Care mode as the switch on 我的 keeps it (Taro storage); an explicit off is kept as false. */
async function setMode(page: Page, mode: Mode): Promise<void> {
  await page.evaluate((on) => localStorage.setItem('jy.careMode', JSON.stringify({ data: on })), mode === 'care')
}

/**
 * Opens a page afresh (a full load, as a link from outside would: a new query string, so not a same-document hash
 * change) and waits until its data is on screen.
 */
let loads = 0
async function open(page: Page, route: string): Promise<void> {
  loads += 1
  await page.goto(`${cloud.origin}/?load=${loads}#${route}`, { waitUntil: 'domcontentloaded' })
  const shown = page.locator('.taro_page').filter({ visible: true }).last()
  await shown.locator('[role=main]').first().waitFor({ state: 'visible', timeout: 15_000 })
  // Loading states say so in words: wait until none is left (at most a few seconds), then for fonts and layout.
  const until = Date.now() + 8_000
  while (Date.now() < until) {
    const loading = await shown.getByText(/正在(加载|确认)/).count()
    if (!loading) break
    await sleep(100)
  }
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await sleep(250)
}

interface Finding {
  page: string
  mode: Mode
  what: string
}

async function runAxe(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined')
  if (!loaded) await page.addScriptTag({ content: axe.source })
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe
    const result = await run.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() })) }))
  })
  return violations.flatMap((v) => v.nodes.map((n) => `axe ${v.id} (${v.impact}): ${v.help} — ${n.target} — ${n.summary}`))
}

/** Every visible tap target smaller than `min`×`min` CSS px, described by its role, name and size. */
async function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((minSize) => {
    const selector = [
      'button',
      'a[href]',
      'input:not([type=hidden])',
      'textarea',
      'taro-button-core',
      '[role=button]',
      '[role=switch]',
      '[role=link]',
      '[role=radio]',
      '[role=checkbox]',
      '[role=tab]',
      '.weui-tabbar__item',
    ].join(',')
    const out: string[] = []
    const seen = new Set<Element>()
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (seen.has(el)) continue
      seen.add(el)
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue
      // An input drawn inside Taro's input box: the box is what a finger hits.
      const box = (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && el.parentElement?.matches('taro-input-core, taro-textarea-core, .taro-input-core, .taro-textarea-core') ? el.parentElement : el
      const r = box.getBoundingClientRect()
      if (r.width === 0 && r.height === 0) continue
      if (r.width + 0.5 < minSize || r.height + 0.5 < minSize) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30)
        const role = el.getAttribute('role') ?? el.tagName.toLowerCase()
        out.push(`tap target ${role} "${name}" is ${Math.round(r.width)}×${Math.round(r.height)} (< ${minSize}×${minSize})`)
      }
    }
    return out
  }, min)
}

/**
 * Text written in a see-through colour (alpha under 0.7): what WeUI gives a disabled button (60 % white, 30 % black),
 * unreadable on a card and never seen by axe, which leaves disabled controls out of its contrast check.
 */
async function faintText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      if (!Array.from(el.childNodes).some((c) => c.nodeType === Node.TEXT_NODE && (c.textContent ?? '').trim())) continue
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue
      const alpha = /rgba\([^)]*,\s*([\d.]+)\)/.exec(getComputedStyle(el).color)
      if (alpha && Number(alpha[1]) < 0.7) {
        out.push(`faint text "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30)}" in ${getComputedStyle(el).color}`)
      }
    }
    return out
  })
}

/** Structure: one named main, focus on the heading, a 返回 control off the tab bar, aria-current on the tab bar. */
async function structure(page: Page, route: string): Promise<string[]> {
  const isTab = TAB_ROUTES.includes(route.split('?')[0]!)
  return page.evaluate(
    ({ tab }) => {
      const out: string[] = []
      const visible = (el: Element) => (el as HTMLElement).checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
      const mains = Array.from(document.querySelectorAll('main, [role=main]')).filter(visible)
      if (mains.length !== 1) out.push(`expected exactly one visible main, found ${mains.length}`)
      const main = mains[0]
      if (main) {
        const labelledBy = main.getAttribute('aria-labelledby')
        const name = (labelledBy ? document.getElementById(labelledBy)?.textContent : main.getAttribute('aria-label')) ?? ''
        if (!name.trim()) out.push('the main has no name (aria-label or aria-labelledby its heading)')
      }
      const focused = document.activeElement
      if (!focused || focused.getAttribute('role') !== 'heading' || focused.getAttribute('tabindex') !== '-1' || !main?.contains(focused)) {
        out.push(`focus is not on the page's heading (focused: ${focused ? `${focused.tagName.toLowerCase()}.${focused.className}` : 'nothing'})`)
      }
      const back = Array.from(document.querySelectorAll('[aria-label="返回"]')).filter(visible)
      if (!tab && back.length !== 1) out.push(`expected one visible 返回 control outside the tab bar, found ${back.length}`)
      if (tab) {
        const current = Array.from(document.querySelectorAll('.weui-tabbar__item[aria-current="page"]')).filter(visible)
        if (current.length !== 1) out.push(`expected one tab item with aria-current=page, found ${current.length}`)
      }
      return out
    },
    { tab: isTab },
  )
}

/** Visits each page in both modes as one signed-in user; answers every finding. */
async function visitAll(role: string, openid: string, visits: Visit[]): Promise<Finding[]> {
  const { page } = browser
  await signInAs(page, cloud.origin, openid)
  const findings: Finding[] = []
  for (const mode of MODES) {
    await setMode(page, mode)
    for (const v of visits) {
      const name = `${role}-${v.name}`
      try {
        await open(page, v.route)
      } catch (err) {
        findings.push({ page: name, mode, what: `did not open: ${String(err).split('\n')[0]}` })
        await browser.screenshot(`pages/${mode}/${name}`).catch(() => undefined)
        continue
      }
      const care = await page.locator('.taro_page').filter({ visible: true }).last().locator('.page--care').count()
      if ((care > 0) !== (mode === 'care')) findings.push({ page: name, mode, what: `page is ${care ? '' : 'not '}in care mode` })
      const found = [...(await structure(page, v.route)), ...(await runAxe(page)), ...(await smallTargets(page, MIN_TARGET[mode])), ...(await faintText(page))]
      for (const what of found) findings.push({ page: name, mode, what })
      await browser.screenshot(`pages/${mode}/${name}`)
    }
  }
  return findings
}

function report(findings: Finding[]): string {
  return findings.map((f) => `[${f.mode}] ${f.page}: ${f.what}`).join('\n')
}

beforeAll(async () => {
  const missing = [path.join(H5_DIR, 'index.html'), path.join(FUNCTIONS_DIR, 'topics/index.js')].filter((f) => !fs.existsSync(f))
  if (missing.length) throw new Error(`not built: ${missing.join(', ')}. Run "npm run build:functions && npm run build:h5".`)
  fs.rmSync(SHOTS_DIR, { recursive: true, force: true })
  cloud = await startTestCloud({ h5Dir: H5_DIR, functionsDir: FUNCTIONS_DIR })
  seedDemo(cloud.store, cloud.clock.now(), cloud.files)
  // The seed's ids (scripts/demo/seed.ts: id('tp', 'demo', plan.key)): the charging shed has every step up to rated
  // results; the farmers' market is published and waits for its meeting.
  const topicId = (key: string) => `tp_${crypto.createHash('sha256').update(['demo', key].join('|')).digest('hex').slice(0, 16)}`
  topicWithResult = topicId('charging-shed')
  topicAwaitingMeeting = topicId('market')
  for (const id of [topicWithResult, topicAwaitingMeeting]) expect(cloud.store.find('topics', { _id: id })).toHaveLength(1)
  // The smallest phone the app is laid out for (iPhone SE, 375×667 CSS px): what is cut off anywhere is cut off here.
  browser = await launchChromium({ viewport: { width: 375, height: 667 } })
}, 60_000)

afterAll(async () => {
  await browser?.close().catch(() => undefined)
  await cloud?.dispose()
}, 20_000)

const staffTopic = () => `/staff/topic/index?id=${encodeURIComponent(topicWithResult)}`

describe('every page passes axe-core (wcag2a/aa, serious or critical), tap-target sizes and structure, in both modes', () => {
  test(
    'resident (王秀英): 首页, 随手拍, 我的诉求, 议题, 红黑榜, 我的, 消息, 揭榜',
    async () => {
      const findings = await visitAll('resident', 'demo-resident-wang', [
        { name: 'home', route: '/pages/home/index' },
        { name: 'report', route: '/pages/report/index' },
        { name: 'my-reports', route: '/pages/my-reports/index' },
        { name: 'topic', route: `/pages/topic/index?id=${encodeURIComponent(topicWithResult)}` },
        { name: 'board', route: '/pages/board/index' },
        { name: 'me', route: '/pages/me/index' },
        { name: 'messages', route: '/pages/messages/index' },
        { name: 'take', route: '/take/index' },
      ])
      expect(report(findings)).toBe('')
    },
    ROLE_TIMEOUT,
  )

  test(
    'grid worker (陈志强): 诉求分类, 议题办理, 我的',
    async () => {
      const findings = await visitAll('grid', 'demo-grid-chen', [
        { name: 'staff-inbox', route: '/staff/inbox/index' },
        { name: 'staff-topic', route: staffTopic() },
        { name: 'me', route: '/pages/me/index' },
      ])
      expect(report(findings)).toBe('')
    },
    ROLE_TIMEOUT,
  )

  test(
    'community staff (刘书记): 首页 and every staff page',
    async () => {
      const findings = await visitAll('staff', 'demo-staff-liu', [
        { name: 'home', route: '/pages/home/index' },
        { name: 'staff-inbox', route: '/staff/inbox/index' },
        { name: 'staff-publish-topic', route: '/staff/publish-topic/index' },
        { name: 'staff-topic', route: staffTopic() },
        { name: 'staff-meeting', route: `/staff/meeting/index?id=${encodeURIComponent(topicAwaitingMeeting)}` },
        { name: 'staff-board', route: '/staff/board/index' },
        { name: 'staff-callbacks', route: '/staff/callbacks/index' },
        { name: 'staff-invite', route: '/staff/invite/index' },
        { name: 'staff-workbench', route: '/staff/home/index' },
        { name: 'staff-settings', route: '/staff/settings/index' },
        { name: 'staff-lists', route: '/staff/lists/index' },
      ])
      expect(report(findings)).toBe('')
    },
    ROLE_TIMEOUT * 2,
  )

  test(
    'township supervisor (何督办): 首页, 红黑榜 (staff), 我的',
    async () => {
      const findings = await visitAll('township', 'demo-township-he', [
        { name: 'home', route: '/pages/home/index' },
        { name: 'staff-board', route: '/staff/board/index' },
        { name: 'me', route: '/pages/me/index' },
        { name: 'staff-places', route: '/staff/places/index' },
        { name: 'staff-workbench', route: '/staff/home/index' },
        { name: 'staff-supervise', route: '/staff/supervise/index' },
        { name: 'staff-county', route: '/staff/county/index' },
        { name: 'staff-lists', route: '/staff/lists/index' },
      ])
      expect(report(findings)).toBe('')
    },
    ROLE_TIMEOUT,
  )

  test(
    'county office (孙主任): 首页, 红黑榜 (staff), 邀请码, 我的',
    async () => {
      const findings = await visitAll('county', 'demo-county-sun', [
        { name: 'home', route: '/pages/home/index' },
        { name: 'staff-board', route: '/staff/board/index' },
        { name: 'staff-invite', route: '/staff/invite/index' },
        { name: 'me', route: '/pages/me/index' },
        { name: 'staff-workbench', route: '/staff/home/index' },
        { name: 'staff-supervise', route: '/staff/supervise/index' },
        { name: 'staff-county', route: '/staff/county/index' },
      ])
      expect(report(findings)).toBe('')
    },
    ROLE_TIMEOUT,
  )

  test(
    'department staff (周电工, issue 12): 首页, 部门待办, 我的',
    async () => {
      // A county-level department and its member, put in the store as the dev login knows demo people.
      cloud.store.insert('departments', [{ _id: 'dep_e2e_power', name: '供电公司', townshipId: null, createdAt: cloud.clock.now(), retiredAt: null }])
      cloud.store.insert('users', [
        {
          openid: 'e2e-dept-zhou',
          displayName: '周电工',
          role: 'department_staff',
          departmentId: 'dep_e2e_power',
          communityId: null,
          gridId: null,
          buildingId: null,
          townshipId: null,
          house: null,
          phone: null,
          joinedAt: cloud.clock.now(),
          devLogin: true,
          devLoginOrder: 99,
        },
      ])
      const findings = await visitAll('department', 'e2e-dept-zhou', [
        { name: 'home', route: '/pages/home/index' },
        { name: 'staff-department', route: '/staff/department/index' },
        { name: 'me', route: '/pages/me/index' },
      ])
      expect(report(findings)).toBe('')
    },
    ROLE_TIMEOUT,
  )
})
