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
  /** Saves a full-page PNG as test-results/<name>.png and answers its path. */
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
      fs.mkdirSync(RESULTS_DIR, { recursive: true })
      const file = path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`)
      await page.screenshot({ path: file, fullPage: true })
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
