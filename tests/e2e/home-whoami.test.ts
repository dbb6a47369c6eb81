import fs from 'node:fs'
import path from 'node:path'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { launchChromium, type BrowserSession } from '../support/browser'
import { whoAmI } from '../../src/contracts/account'
import { DEFAULT_SETTINGS } from '../../src/domain/model'

/**
 * The whole H5 path: the built app (dist/h5) in Debian's Chromium, served by the local CloudBase, dev-login as a user
 * seeded through the real wx-server-sdk, then account.whoAmI through the gateway to the built cloud function
 * (dist/cloudfunctions) and back on screen. The screen is the verdict; the screenshot stays in test-results/.
 */
const ROOT = path.resolve(__dirname, '../..')
const H5_DIR = path.join(ROOT, 'dist/h5')
const FUNCTIONS_DIR = path.join(ROOT, 'dist/cloudfunctions')

// A community of its own (not the demo's), so the name on screen can only come from this file's seed.
const COMMUNITY = {
  _id: 'c-e2e',
  name: '测试家园社区',
  townshipId: 'ts-e2e',
  townshipName: '测试镇',
  grids: [{ id: 'g-e2e', name: '测试网格', buildings: [{ id: 'b-e2e-1', name: '1栋' }] }],
  settings: DEFAULT_SETTINGS,
}
const PLACE = { communityId: 'c-e2e', gridId: 'g-e2e', townshipId: 'ts-e2e' }
const RESIDENT = { openid: 'e2e-resident-wang', displayName: '王秀兰', role: 'resident', ...PLACE, buildingId: 'b-e2e-1' }
const GRID = { openid: 'e2e-grid-li', displayName: '李建国', role: 'grid_worker', ...PLACE, buildingId: null }

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
  await db.collection('communities').add({ data: COMMUNITY })
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
    throw new Error(`expected "${text}" on screen at step ${step}; screenshot ${shot}\nscreen: ${screen}\nerrors: ${browser.errors.join('\n')}`, { cause: err })
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
    expect(body.result).toMatchObject({ ok: true, data: { openid: '', source: 'wx_client', user: null } })
    await see('请先登录：在下方选择一位演示用户', 'anonymous')
    expect(await page.locator('.home__head .title').innerText()).toBe('家园议事')
    await see('王秀兰（居民）', 'dev-users')
    await see('李建国（网格员）', 'dev-users')
  }, 45_000)

  test('dev login as the seeded resident: whoAmI comes back from the real function and is shown', async () => {
    const { page } = browser
    const call = page.waitForResponse((r) => r.url().endsWith('/api/functions/account') && r.request().headers().authorization !== undefined)
    await page.getByText('王秀兰（居民）').click()
    await see('当前用户：王秀兰', 'signed-in')
    await see('身份：居民', 'signed-in')
    const body = (await (await call).json()) as { result: { ok: boolean; data: unknown } }
    expect(body.result.ok).toBe(true)
    // The answer keeps its contract (new profile fields must be declared there), and says who and where this is:
    // the identity the session names, the profile the seed wrote, and the community's name looked up by the function.
    expect(() => whoAmI.output.parse(body.result.data)).not.toThrow()
    expect(body.result.data).toMatchObject({
      openid: RESIDENT.openid,
      source: 'wx_client',
      user: { displayName: '王秀兰', role: 'resident', communityId: 'c-e2e', communityName: '测试家园社区', gridId: 'g-e2e', buildingId: 'b-e2e-1', townshipId: 'ts-e2e' },
    })
    // In a community, the home page is that community's feed: its name as the title, 随手拍 for a resident, the
    // four-step topic list (empty here) and the board.
    await see('议题进展', 'signed-in')
    expect(await page.locator('.home__head .title').innerText()).toBe('测试家园社区')
    expect(await page.getByRole('button', { name: '随手拍：拍照反映身边的问题' }).isVisible()).toBe(true)
    await see('目前没有进行中的议题', 'signed-in')
    await see('下一个议事日', 'signed-in')
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
    expect(await page.getByText('当前用户：王秀兰').count()).toBe(0)
    // The session the page keeps is the gateway's signed token (Taro storage wraps it as {data}), not an openid.
    const stored = await page.evaluate(() => localStorage.getItem('jy.session'))
    expect(JSON.parse(stored ?? '{}').data).toMatch(/^[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]+$/)
    await page.getByText('退出登录').click()
    await see('未登录', 'logged-out')
    expect(await page.getByText('当前用户：').count()).toBe(0)
    expect(await page.evaluate(() => localStorage.getItem('jy.session'))).toBeNull()
    expect(await page.locator('.home__head .title').innerText()).toBe('家园议事')
  }, 45_000)

  test('no page errors along the way', () => {
    expect(browser.errors).toEqual([])
  })
})
