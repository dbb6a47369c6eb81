import fs from 'node:fs'
import path from 'node:path'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { launchChromium, signInAs, type BrowserSession } from '../support/browser'
import { seedDemo } from '../../scripts/demo/seed'
import type { Outcome } from '../../src/contracts/action'

/**
 * A photo the image check sends to human review, decided by staff in the built H5 app (dist/h5), Chromium, through the
 * gateway and the built functions: the resident's report carries it (submitted through the reports function), the
 * local check answers "review" once the clock passes its delay, and 刘书记 opens the triage inbox, sees it held
 * (待审核图片) and taps 图片通过. The page only has what the function answered — photos as temporary URLs and the held
 * ones' fileIDs beside them — so this is the path a real tap takes, which the other layers stand in for.
 */
const ROOT = path.resolve(__dirname, '../..')
const H5_DIR = path.join(ROOT, 'dist/h5')
const FUNCTIONS_DIR = path.join(ROOT, 'dist/cloudfunctions')
const VERDICT_DELAY = 60_000
const RESIDENT = 'demo-resident-wang'
const STAFF = 'demo-staff-liu'
const REPORT_TEXT = '9栋单元门口地砖松动，老人容易绊倒'

let cloud: TestCloud
let browser: BrowserSession

beforeAll(async () => {
  const missing = [path.join(H5_DIR, 'index.html'), path.join(FUNCTIONS_DIR, 'media/index.js')].filter((f) => !fs.existsSync(f))
  if (missing.length) throw new Error(`not built: ${missing.join(', ')}. Run "npm run build:functions && npm run build:h5".`)
  cloud = await startTestCloud({ h5Dir: H5_DIR, functionsDir: FUNCTIONS_DIR, mediaCheckDelayMs: VERDICT_DELAY })
  seedDemo(cloud.store, cloud.clock.now(), cloud.files)
  browser = await launchChromium({ viewport: { width: 375, height: 667 } })
}, 60_000)

afterAll(async () => {
  await browser?.close().catch(() => undefined)
  await cloud?.dispose()
}, 20_000)

const checkOf = (fileId: string) => cloud.store.find('media_checks', { fileId })[0] as unknown as { status: string } | undefined

test('staff decide a photo held for review from the triage inbox: 图片通过 publishes it', async () => {
  // The resident's photo, stored under their own folder; its bytes carry the local check's "review" marker.
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('local test image: review')])
  const fileId = cloud.files.put(cloud.env, `uploads/${RESIDENT}/reports/held-tile.jpg`, bytes)
  const submitted = await cloud.functions.invoke(
    'reports',
    { action: 'submitReport', input: { clientRequestId: 'e2e-held-photo-1', text: REPORT_TEXT, category: 'infrastructure', photos: [fileId], location: null } },
    { openid: RESIDENT, source: 'wx_client' },
  )
  if (!submitted.ok) throw new Error(`submitReport failed at the platform: ${submitted.errMsg}`)
  expect((submitted.result as Outcome<unknown>).ok).toBe(true)
  const advanced = await fetch(`${cloud.origin}/_local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: VERDICT_DELAY + 1000 }) })
  expect(advanced.status).toBe(200)
  expect(checkOf(fileId)?.status).toBe('review')

  const { page } = browser
  await signInAs(page, cloud.origin, STAFF)
  await page.goto(`${cloud.origin}/?load=1#/staff/inbox/index`, { waitUntil: 'domcontentloaded' })
  const shown = page.locator('.taro_page').filter({ visible: true }).last()
  const card = shown.locator('.card', { hasText: REPORT_TEXT }).first()
  await card.getByText('待审核图片 1').waitFor({ state: 'visible', timeout: 15_000 })
  await card.getByRole('button', { name: '图片通过' }).click()
  await card.getByText('待审核图片 1').waitFor({ state: 'detached', timeout: 15_000 })
  expect(checkOf(fileId)?.status).toBe('pass')
  // No refusal was shown on the card.
  expect(await card.locator('.sf-error').count()).toBe(0)
}, 60_000)
