import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/**
 * Debian's Chromium driven by playwright-core, never a downloaded browser. Every launch gets a new, empty profile
 * (--user-data-dir) so no cookie, storage or cache leaks between tests; the flags keep it offline from Google
 * services (no QUIC, sync, component updates or background requests).
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const RESULTS_DIR = path.resolve(__dirname, '../../test-results')

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]
  const found = candidates.find((p) => fs.existsSync(p))
  if (!found) throw new Error(`no Chromium at ${candidates.join(', ')}: run scripts/ensure-deps.sh (apt-get install chromium)`)
  return found
}

export interface BrowserSession {
  context: BrowserContext
  page: Page
  /** Uncaught page errors and console errors, in order. */
  errors: string[]
  /**
   * Saves a full-page PNG as test-results/<name>.png and answers its path. `name` may name a sub-folder
   * ('e2e-flow/01-report'); each segment is reduced to safe characters.
   */
  screenshot(name: string): Promise<string>
  close(): Promise<void>
}

export interface LaunchOptions {
  /** A phone-sized viewport unless told otherwise. */
  viewport?: { width: number; height: number }
}

export async function launchChromium(options: LaunchOptions = {}): Promise<BrowserSession> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-chromium-'))
  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: options.viewport ?? { width: 390, height: 844 },
      deviceScaleFactor: 2,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
  } catch (err) {
    fs.rmSync(userDataDir, { recursive: true, force: true })
    throw err
  }
  const page = context.pages()[0] ?? (await context.newPage())
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`)
  })
  return {
    context,
    page,
    errors,
    async screenshot(name: string) {
      const segments = name.split('/').map((s) => s.replace(/[^\w.-]+/g, '-').replace(/^\.+/, '')).filter(Boolean)
      const file = path.join(RESULTS_DIR, ...segments.slice(0, -1), `${segments[segments.length - 1] ?? 'screen'}.png`)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      // Taro's H5 pages scroll inside their own box (.taro_page, at most 100vh), so a "full page" of the document is
      // only the viewport: grow the viewport to the shown page's length for the picture, then put it back.
      const viewport = page.viewportSize()
      const needed = await page
        .evaluate(() => {
          const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((el) => el.offsetParent !== null || el.getClientRects().length > 0)
          const current = shown[shown.length - 1]
          return current ? current.scrollHeight + (window.innerHeight - current.clientHeight) : 0
        })
        .catch(() => 0)
      const tall = viewport && needed > viewport.height ? Math.min(needed, 8000) : 0
      if (tall && viewport) await page.setViewportSize({ width: viewport.width, height: tall })
      try {
        // Transitions (a page sliding in) are finished first, so the picture shows where the screen comes to rest.
        await page.screenshot({ path: file, fullPage: true, animations: 'disabled' })
      } finally {
        if (tall && viewport) await page.setViewportSize(viewport)
      }
      return file
    },
    async close() {
      try {
        await context.close()
      } finally {
        fs.rmSync(userDataDir, { recursive: true, force: true })
      }
    },
  }
}

/**
 * Signs in as a demo user the way the dev login does: the gateway's signed token (POST /api/dev/login) in Taro's
 * storage. A login the gateway refuses fails the test.
 */
export async function signInAs(page: Page, origin: string, openid: string): Promise<void> {
  await page.goto(`${origin}/`)
  const token = await page.evaluate(async (id) => {
    const res = await fetch('/api/dev/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: id }) })
    return ((await res.json()) as { token?: string }).token ?? ''
  }, openid)
  if (!token) throw new Error(`the dev login gave no token for ${openid}`)
  await page.evaluate((t) => localStorage.setItem('jy.session', JSON.stringify({ data: t })), token)
}
