import fs from 'node:fs'
import path from 'node:path'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { launchChromium, type BrowserSession } from '../support/browser'

/**
 * The whole H5 path: the built app (dist/h5) in Debian's Chromium, served by the local CloudBase, dev-login as a user
 * seeded through the real wx-server-sdk, then account.whoAmI through the gateway to the built cloud function
 * (dist/cloudfunctions) and back on screen. The screen is the verdict; the screenshot stays in test-results/.
 */
const ROOT = path.resolve(__dirname, '../..')
const H5_DIR = path.join(ROOT, 'dist/h5')
const FUNCTIONS_DIR = path.join(ROOT, 'dist/cloudfunctions')

const RESIDENT = { openid: 'e2e-resident-wang', displayName: '王秀兰', role: 'resident', communityId: 'c-e2e' }
const GRID = { openid: 'e2e-grid-li', displayName: '李建国', role: 'grid_worker', communityId: 'c-e2e' }

let cloud: TestCloud
let browser: BrowserSession

function assertBuilt(): void {
  const missing = [path.join(H5_DIR, 'index.html'), path.join(FUNCTIONS_DIR, 'account/index.js')].filter((f) => !fs.existsSync(f))
  if (missing.length) {
    throw new Error(`not built: ${missing.join(', ')}. Run "npm run build:functions && npm run build:h5" (scripts/test.sh does).`)
  }
}

beforeAll(async () => {
  assertBuilt()
  cloud = await startTestCloud({ h5Dir: H5_DIR, functionsDir: FUNCTIONS_DIR })
  const db = cloud.sdk().database()
  await db.collection('users').add({ data: { ...RESIDENT, devLogin: true, devLoginOrder: 1, createdAt: db.serverDate() } })
  await db.collection('users').add({ data: { ...GRID, devLogin: true, devLoginOrder: 2, createdAt: db.serverDate() } })
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await cloud?.dispose()
}, 30_000)

/** Waits until the page shows `text`; on failure saves a screenshot named after the step and fails with the screen. */
async function see(text: string, step: string, timeout = 15_000): Promise<void> {
  try {
    await browser.page.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout })
  } catch (err) {
    const shot = await browser.screenshot(`e2e-FAILED-${step}`).catch(() => '(no screenshot)')
    const screen = await browser.page.locator('body').innerText().catch(() => '')
    throw new Error(`expected "${text}" on screen at step ${step}; screenshot ${shot}\nscreen: ${screen}\nerrors: ${browser.errors.join('\n')}`)
  }
}

describe('H5 home in Chromium → gateway → account.whoAmI → screen', () => {
  test('anonymous at first, with the seeded users offered for dev login', async () => {
    const { page } = browser
    const firstCall = page.waitForResponse((r) => r.url().endsWith('/api/functions/account'))
    await page.goto(`${cloud.origin}/`)
    expect(await page.title()).toBe('家园议事')
    // Phone layout, and residents may pinch-zoom (no user-scalable=no).
    const viewport = await page.locator('meta[name="viewport"]').getAttribute('content')
    expect(viewport).toContain('width=device-width')
    expect(viewport).not.toContain('user-scalable=no')
    await see('未登录', 'anonymous')
    const body = (await (await firstCall).json()) as { result: { ok: boolean; data: { openid: string; source: string } } }
    expect(body.result).toMatchObject({ ok: true, data: { openid: '', source: 'wx_client' } })
    await see('王秀兰（居民）', 'dev-users')
    await see('李建国（网格员）', 'dev-users')
  }, 45_000)

  test('dev login as the seeded resident: whoAmI comes back from the real function and is shown', async () => {
    const { page } = browser
    const call = page.waitForResponse((r) => r.url().endsWith('/api/functions/account') && r.request().headers().authorization !== undefined)
    await page.getByText('王秀兰（居民）').click()
    await see('当前用户：王秀兰', 'signed-in')
    await see('身份：居民', 'signed-in')
    const body = (await (await call).json()) as { result: unknown }
    expect(body.result).toEqual({
      ok: true,
      data: { openid: RESIDENT.openid, source: 'wx_client', user: { displayName: '王秀兰', role: 'resident', communityId: 'c-e2e' } },
    })
    // The other demo users stay pickable once the call is done (a present disabled attribute greys them out).
    expect(await page.locator('.dev-login__user[disabled], .dev-login__user[loading]').count()).toBe(0)
    const shot = await browser.screenshot('e2e-home-signed-in')
    expect(fs.statSync(shot).size).toBeGreaterThan(5_000)
  }, 45_000)

  test('the session survives a reload; switching user and logging out change the screen', async () => {
    const { page } = browser
    await page.reload()
    await see('当前用户：王秀兰', 'reloaded')
    await page.getByText('李建国（网格员）').click()
    await see('当前用户：李建国', 'switched')
    await see('身份：网格员', 'switched')
    await page.getByText('退出登录').click()
    await see('未登录', 'logged-out')
    expect(await page.getByText('当前用户：').count()).toBe(0)
  }, 45_000)

  test('no page errors along the way', () => {
    expect(browser.errors).toEqual([])
  })
})
