import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { launchChromium, RESULTS_DIR, signInAs, type BrowserSession } from '../support/browser'
import { seedDemo } from '../../scripts/demo/seed'

/**
 * Keyboard reachability in the built H5 app (dist/h5), Chromium, demo seed: with Tab alone a person reaches a topic on
 * the resident home page and opens it with Enter; on the staff 工作台 the rows (LinkRow, role=link) are in the tab
 * order, open with Enter, and show where the focus is — an outline, heavier and black in 关怀模式.
 */
const ROOT = path.resolve(__dirname, '../..')
const H5_DIR = path.join(ROOT, 'dist/h5')
const FUNCTIONS_DIR = path.join(ROOT, 'dist/cloudfunctions')
/** More Tab presses than any of these pages has controls before the one sought. */
const MAX_TABS = 60

let cloud: TestCloud
let browser: BrowserSession
let loads = 0

beforeAll(async () => {
  const missing = [path.join(H5_DIR, 'index.html'), path.join(FUNCTIONS_DIR, 'topics/index.js')].filter((f) => !fs.existsSync(f))
  if (missing.length) throw new Error(`not built: ${missing.join(', ')}. Run "npm run build:functions && npm run build:h5".`)
  cloud = await startTestCloud({ h5Dir: H5_DIR, functionsDir: FUNCTIONS_DIR })
  seedDemo(cloud.store, cloud.clock.now(), cloud.files)
  browser = await launchChromium({ viewport: { width: 375, height: 667 } })
}, 60_000)

afterAll(async () => {
  await browser?.close().catch(() => undefined)
  await cloud?.dispose()
}, 20_000)

/** The seed's topic ids (scripts/demo/seed.ts: id('tp', 'demo', plan.key)). */
const topicId = (key: string) => `tp_${crypto.createHash('sha256').update(['demo', key].join('|')).digest('hex').slice(0, 16)}`

/** Signed in (tests/support/browser.ts), in care mode or not as the switch on 我的 keeps it. */
async function signInWithMode(page: Page, openid: string, care: boolean): Promise<void> {
  await signInAs(page, cloud.origin, openid)
  await page.evaluate((on) => localStorage.setItem('jy.careMode', JSON.stringify({ data: on })), care)
}

/** A full load of a route; answers once its main is shown and `ready` (a selector inside it) is visible. */
async function open(page: Page, route: string, ready: string): Promise<void> {
  loads += 1
  await page.goto(`${cloud.origin}/?load=${loads}#${route}`, { waitUntil: 'domcontentloaded' })
  const shown = page.locator('.taro_page').filter({ visible: true }).last()
  await shown.locator(ready).first().waitFor({ state: 'visible', timeout: 15_000 })
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
}

interface Focused {
  role: string | null
  className: string
  text: string
  inTopicCard: boolean
  outlineStyle: string
  outlineWidth: number
  outlineColor: string
  focusVisible: boolean
}

/** What has the keyboard focus now, and how its focus ring is drawn. */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return null
    const style = getComputedStyle(el)
    return {
      role: el.getAttribute('role'),
      className: typeof el.className === 'string' ? el.className : '',
      text: (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      inTopicCard: !!el.closest('.topic-card'),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth) || 0,
      outlineColor: style.outlineColor,
      focusVisible: el.matches(':focus-visible'),
    }
  })
}

/** Presses Tab until `wanted` holds for the focused element; answers it, or fails with the path the focus took. */
async function tabTo(page: Page, wanted: (f: Focused) => boolean, what: string): Promise<Focused> {
  const path: string[] = []
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab')
    const f = await focused(page)
    if (f && wanted(f)) return f
    path.push(f ? `${f.role ?? '-'}:${f.text.slice(0, 20)}` : '(body)')
  }
  throw new Error(`Tab never reached ${what}; the focus went: ${path.join(' → ')}`)
}

describe('keyboard: Tab reaches the links, Enter opens them, the focus is visible', () => {
  test('resident home: Tab reaches a topic, Enter opens its topic page', async () => {
    const { page } = browser
    await signInWithMode(page, 'demo-resident-wang', false)
    await open(page, '/pages/home/index', '.topic-card')
    const target = await tabTo(page, (f) => f.inTopicCard, 'a topic on the home page')
    expect(target.text).toMatch(/^查看议题：/)
    const title = target.text.replace(/^查看议题：/, '')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => location.hash.includes('/pages/topic/index?id=tp_'), undefined, { timeout: 15_000 })
    const shown = page.locator('.taro_page').filter({ visible: true }).last()
    await shown.locator('.title', { hasText: title }).first().waitFor({ state: 'visible', timeout: 15_000 })
  }, 60_000)

  for (const care of [false, true]) {
    test(`staff 工作台${care ? ' in 关怀模式' : ''}: a row is a focusable link with a visible outline, and Enter opens it`, async () => {
      const { page } = browser
      await signInWithMode(page, 'demo-staff-liu', care)
      await open(page, '/staff/home/index', '.home-item')
      if (care) expect(await page.locator('.taro_page').filter({ visible: true }).last().locator('.page--care').count()).toBe(1)
      // The greening topic was deliberated and waits for its notice: listed under 待公示 as a row.
      const row = await tabTo(page, (f) => f.role === 'link' && f.className.includes('home-item') && f.text.includes('绿化'), 'the 待公示 row of the greening topic')
      expect(row.focusVisible).toBe(true)
      expect(row.outlineStyle).toBe('solid')
      // 6 and 10 design px (750 wide) at 375 CSS px: 3 and 5 CSS px; black in care mode.
      expect(row.outlineWidth).toBeGreaterThanOrEqual(care ? 5 : 3)
      if (care) expect(row.outlineColor).toBe('rgb(0, 0, 0)')
      // The focused row as a person sees it (test-results/keyboard/), before Enter takes the page away.
      await page.screenshot({ path: path.join(RESULTS_DIR, 'keyboard', `staff-home-focus${care ? '-care' : ''}.png`), animations: 'disabled' })
      await page.keyboard.press('Enter')
      await page.waitForFunction((id) => location.hash.includes(`/staff/topic/index?id=${id}`), topicId('greening'), { timeout: 15_000 })
    }, 60_000)
  }

  test('no page errors along the way', () => {
    expect(browser.errors).toEqual([])
  })
})
