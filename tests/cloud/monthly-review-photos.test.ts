import { startFlowCloud, expectOk, expectFail, USERS, type FlowCloud } from '../support/flow'
import { listMonthlyReviews, recordMonthlyReview } from '../../src/contracts/supervision'
import { clearMedia } from '../../src/contracts/media'
import { addUser, uniqueId } from '../support/flow-scenarios'

/**
 * Issue 12, 一月一问效 photos through the real SDK and the local image check (which decides by a marker in the image's
 * bytes and pushes the verdict to the media function after a delay on the local clock): a review's photos are checked
 * like a report's. Until a pass a photo is shown (审核中) only to the supervisor who recorded it and to those who decide
 * it — the township's supervisors and the county office, not the community under review; risky removes it and deletes
 * the file; review waits for the township or the county; a photo the check cannot be asked about is held for them,
 * never published.
 */

const DELAY = 10 * 60_000
const COMMUNITY = 'c_pingshan'
let cloud: FlowCloud
let month: string
beforeAll(async () => {
  cloud = await startFlowCloud({ mediaCheckDelayMs: DELAY })
  month = new Date(cloud.now().getTime() + 8 * 3600_000).toISOString().slice(0, 7)
}, 30000)
afterAll(async () => {
  await cloud?.dispose()
})

/** Photos leave the functions as temp URLs; this suite speaks of them by their fileIDs (a temp URL names its path). */
const stored = new Map<string, string>() // cloud path → fileID
function asFileIds<T>(value: T): T {
  const map = (v: unknown): unknown => {
    if (typeof v === 'string' && /^https?:\/\//.test(v)) return stored.get(decodeURI(new URL(v).pathname).replace(/^\/storage\/files\//, '')) ?? v
    if (Array.isArray(v)) return v.map(map)
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, map(x)]))
    return v
  }
  return map(value) as T
}
const call: FlowCloud['call'] = async (...args) => asFileIds(await cloud.call(...args))

/** A JPEG the supervisor uploaded under their own folder, its bytes carrying the local check's marker. */
function photo(marker = 'fine'): string {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`local test image: ${marker}`)])
  const path = `uploads/${USERS.township}/site-checks/${uniqueId('img')}.jpg`
  const fileId = cloud.files.put(cloud.env, path, bytes)
  stored.set(path, fileId)
  return fileId
}
async function passVerdictDelay(): Promise<void> {
  const res = await fetch(`${cloud.origin}/_local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: DELAY + 1000 }) })
  expect(res.status).toBe(200)
}
const checkOf = (fileId: string) => cloud.store.find('media_checks', { fileId })[0] as unknown as { status: string; traceId?: string; subject: { kind: string; id: string } }
async function fileExists(fileId: string): Promise<boolean> {
  const { fileList } = await cloud.sdk().getTempFileURL({ fileList: [fileId] })
  return fileList[0].status === 0
}
/** The community's record of the month as one caller sees it: its photos and those shown 审核中. */
async function seen(openid: string) {
  const review = expectOk(await call(openid, listMonthlyReviews, { month })).reviews.find((r) => r.communityId === COMMUNITY)!.review!
  return { photos: review.photos, pendingPhotos: review.pendingPhotos ?? [] }
}

const photos = { ok: '', bad: '', doubt: '' }
let reviewId = ''

test('a passing photo shows to everyone once checked; until then only the supervisor and those who decide it see it, pending', async () => {
  photos.ok = photo('fine')
  photos.bad = photo('risky')
  photos.doubt = photo('review')
  const all = [photos.ok, photos.bad, photos.doubt]
  const recorded = expectOk(await call(USERS.township, recordMonthlyReview, { communityId: COMMUNITY, month, evaluation: 'fair', notes: '实地察看：路灯维修滞后', photos: all })).review
  expect(recorded.review).toMatchObject({ photos: all, pendingPhotos: all })
  reviewId = checkOf(photos.ok).subject.id
  for (const p of all) expect(checkOf(p)).toMatchObject({ status: 'pending', traceId: expect.any(String), subject: { kind: 'review', id: reviewId } })
  // Each photo was sent to the check by temp URL.
  expect(cloud.mediaChecks().map((c) => c.openid)).toEqual([USERS.township, USERS.township, USERS.township])

  expect(await seen(USERS.township)).toEqual({ photos: all, pendingPhotos: all })
  expect(await seen(USERS.county)).toEqual({ photos: all, pendingPhotos: all })
  // The community under review reads the record but not its unchecked photos.
  expect(await seen(USERS.staff)).toEqual({ photos: [], pendingPhotos: [] })

  await passVerdictDelay()
  expect(Object.fromEntries(all.map((p) => [p, checkOf(p).status]))).toEqual({ [photos.ok]: 'pass', [photos.bad]: 'risky', [photos.doubt]: 'review' })
  expect(await seen(USERS.staff)).toEqual({ photos: [photos.ok], pendingPhotos: [] })
})

test('a risky photo is held from everyone: removed from the record and its file deleted', async () => {
  expect(await seen(USERS.township)).toEqual({ photos: [photos.ok, photos.doubt], pendingPhotos: [photos.doubt] })
  expect(await seen(USERS.county)).toEqual({ photos: [photos.ok, photos.doubt], pendingPhotos: [photos.doubt] })
  expect(await seen(USERS.staff)).toEqual({ photos: [photos.ok], pendingPhotos: [] })
  const doc = cloud.store.find('monthly_reviews', { _id: reviewId })[0] as unknown as { current: { photos: string[] }; heldPhotos: string[] }
  expect(doc.current.photos).toEqual([photos.ok, photos.doubt])
  expect(doc.heldPhotos).toEqual([photos.doubt])
  expect(await fileExists(photos.bad)).toBe(false)
  expect(await fileExists(photos.ok)).toBe(true)
})

test('a photo sent to review waits for the township, not the community under review; passed, the community sees it', async () => {
  expectFail(await call(USERS.staff, clearMedia, { fileId: photos.doubt, verdict: 'pass' }), 'FORBIDDEN')
  addUser(cloud, 'mrp-township-other', { role: 'township_supervisor', communityId: null, townshipId: 'ts_other', displayName: '郑督办' })
  expectFail(await call('mrp-township-other', clearMedia, { fileId: photos.doubt, verdict: 'pass' }), 'OUT_OF_SCOPE')
  expect(await seen(USERS.staff)).toEqual({ photos: [photos.ok], pendingPhotos: [] })
  // The township's workbench decides by the fileIDs its view carries (its photos are temporary URLs).
  const raw = expectOk(await cloud.call(USERS.township, listMonthlyReviews, { month })).reviews.find((r) => r.communityId === COMMUNITY)!.review!
  expect(raw.pendingPhotoIds).toEqual([photos.doubt])
  expect(expectOk(await cloud.call(USERS.staff, listMonthlyReviews, { month })).reviews.find((r) => r.communityId === COMMUNITY)!.review!.pendingPhotoIds).toEqual([])
  expect(expectOk(await call(USERS.township, clearMedia, { fileId: raw.pendingPhotoIds![0]!, verdict: 'pass' }))).toEqual({ fileId: photos.doubt, status: 'pass' })
  expect(await seen(USERS.staff)).toEqual({ photos: [photos.ok, photos.doubt], pendingPhotos: [] })
})

test('a photo the check cannot be asked about is held for the township, not published; photos already passed stay public in a corrected record', async () => {
  const missing = `cloud://${cloud.env}.6c6f-local-env/uploads/${USERS.township}/site-checks/${uniqueId('never-uploaded')}.jpg`
  expectOk(await call(USERS.township, recordMonthlyReview, { communityId: COMMUNITY, month, evaluation: 'good', notes: '复查：路灯已修复', photos: [photos.ok, missing] }))
  expect(checkOf(missing)).toMatchObject({ status: 'review' })
  expect(checkOf(missing).traceId).toBeUndefined()
  const doc = cloud.store.find('monthly_reviews', { _id: reviewId })[0] as unknown as { current: { photos: string[] }; heldPhotos: string[] }
  expect(doc.current.photos).toEqual([photos.ok, missing])
  expect(doc.heldPhotos).toEqual([missing])
  // The passed photo carried into the corrected record is not asked about again and stays public.
  expect(cloud.store.find('media_checks', { fileId: photos.ok })).toHaveLength(1)
  expect(await seen(USERS.staff)).toEqual({ photos: [photos.ok], pendingPhotos: [] })
})

test('every query is served by a declared index', () => {
  expect(cloud.store.unindexed).toEqual([])
})
