import { startFlowCloud, expectOk, expectFail, USERS, type FlowCloud } from '../support/flow'
import { submitReport, getReport, listTriageInbox } from '../../src/contracts/reports'
import { getTopic, publishTopic, recordMeeting } from '../../src/contracts/topics'
import { publishProgress } from '../../src/contracts/resolutions'
import { clearMedia } from '../../src/contracts/media'
import type { Outcome } from '../../src/contracts/action'
import { closeNotices, meetingInput, noticedTopic, publishedTopic, storeSnapshot, uniqueId } from '../support/flow-scenarios'

/**
 * Image content security through the real SDK: every photo goes to security.mediaCheckAsync (the local CloudBase
 * decides by a marker in the image's bytes and pushes the verdict to the media function after a delay on the local
 * clock). Until a pass, others do not see the photo; its uploader and staff see it as pending (审核中).
 */

const DELAY = 10 * 60_000
let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud({ mediaCheckDelayMs: DELAY })
})
afterAll(async () => {
  await cloud.dispose()
})

/**
 * Photos leave the functions as temp URLs (cloudfunctions/_shared/photo-urls.ts); this suite speaks of them by their
 * fileIDs: a temp URL of the local storage names its file's path, which maps back to the fileID stored.
 */
const stored = new Map<string, string>() // cloud path → fileID
function asFileIds<T>(value: T): T {
  const map = (v: unknown): unknown => {
    if (typeof v === 'string' && /^https?:\/\//.test(v)) {
      const path = decodeURI(new URL(v).pathname).replace(/^\/storage\/files\//, '')
      return stored.get(path) ?? v
    }
    if (Array.isArray(v)) return v.map(map)
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, map(x)]))
    return v
  }
  return map(value) as T
}
const call: FlowCloud['call'] = async (...args) => asFileIds(await cloud.call(...args))

/** A stored JPEG whose bytes carry the local check's marker ("risky", "review", or anything else: pass). */
function photo(marker = 'fine'): string {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`local test image: ${marker}`)])
  const path = `uploads/photos/${uniqueId('img')}.jpg`
  const fileId = cloud.files.put(cloud.env, path, bytes)
  stored.set(path, fileId)
  return fileId
}

/** Moves the local clock past the verdict delay through the developer control, which pushes the verdicts due. */
async function passVerdictDelay(): Promise<void> {
  const res = await fetch(`${cloud.origin}/_local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: DELAY + 1000 }) })
  expect(res.status).toBe(200)
}

const checkOf = (fileId: string) => cloud.store.find('media_checks', { fileId })[0] as unknown as { _id: string; traceId?: string; status: string; openid: string; subject: { kind: string; id: string } }
async function fileExists(fileId: string): Promise<boolean> {
  const { fileList } = await cloud.sdk().getTempFileURL({ fileList: [fileId] })
  return fileList[0].status === 0
}
const event = (traceId: string, suggest: string) => ({ ToUserName: 'wxlocalapp', FromUserName: 'local-platform', CreateTime: 1, MsgType: 'event', Event: 'wxa_media_check', trace_id: traceId, result: { suggest, label: 100 } })

let topicId: string
const photos = { ok: '', bad: '', doubt: '' }

test('a report photo is hidden from a neighbour until it passes, shown pending to its uploader and staff; risky removes it and tells the uploader', async () => {
  photos.ok = photo('fine')
  photos.bad = photo('risky')
  photos.doubt = photo('review')
  const all = [photos.ok, photos.bad, photos.doubt]
  const submitted = expectOk(
    await call(USERS.resident, submitReport, { clientRequestId: uniqueId('media'), text: '楼道堆满杂物，消防通道堵塞', category: 'infrastructure', photos: all, location: null }),
  ).report
  expect(submitted).toMatchObject({ photos: all, pendingPhotos: all })

  // Each photo was sent by temp URL (never a fileID) and is waiting for its verdict.
  const calls = cloud.mediaChecks()
  expect(calls).toHaveLength(3)
  for (const c of calls) expect(c).toMatchObject({ mediaUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/storage\/files\//), openid: USERS.resident, deliveredAt: null })
  for (const p of all) expect(checkOf(p)).toMatchObject({ status: 'pending', traceId: expect.any(String), openid: USERS.resident, subject: { kind: 'report', id: submitted.id } })

  // Uploader and staff see all three, pending; a neighbour sees none of them on the topic the report joined.
  expect(expectOk(await call(USERS.staff, getReport, { reportId: submitted.id })).report).toMatchObject({ photos: all, pendingPhotos: all })
  topicId = expectOk(
    await call(USERS.staff, publishTopic, { title: '楼道杂物清理', description: '消防通道堵塞。', category: 'infrastructure', reportIds: [submitted.id], meetingPlace: '社区议事厅', clientRequestId: uniqueId('media') }),
  ).topic.id
  const before = expectOk(await call(USERS.resident2, getTopic, { topicId })).topic.reports[0]!
  expect(before).toMatchObject({ photos: [], pendingPhotos: [] })

  await passVerdictDelay()
  expect(cloud.mediaChecks().map((c) => c.deliveredTo)).toEqual(['media', 'media', 'media'])
  expect(Object.fromEntries(all.map((p) => [p, checkOf(p).status]))).toEqual({ [photos.ok]: 'pass', [photos.bad]: 'risky', [photos.doubt]: 'review' })

  // pass: public. risky: gone from the report, its file deleted, the uploader told on the report's timeline.
  expect(expectOk(await call(USERS.resident2, getTopic, { topicId })).topic.reports[0]).toMatchObject({ photos: [photos.ok], pendingPhotos: [] })
  const mine = expectOk(await call(USERS.resident, getReport, { reportId: submitted.id })).report
  expect(mine).toMatchObject({ photos: [photos.ok, photos.doubt], pendingPhotos: [photos.doubt] })
  expect(mine.timeline.filter((t) => t.kind === 'photoRemoved')).toHaveLength(1)
  expect(await fileExists(photos.bad)).toBe(false)
  expect(await fileExists(photos.ok)).toBe(true)
})

test('a repeated verdict event changes nothing, nor does a contrary one for a decided photo', async () => {
  const before = storeSnapshot(cloud)
  for (const [p, suggest] of [[photos.ok, 'pass'], [photos.bad, 'risky'], [photos.bad, 'pass'], [photos.doubt, 'review'], [photos.doubt, 'pass']] as const) {
    const r = await cloud.functions.invoke('media', event(checkOf(p).traceId!, suggest), { openid: '', source: 'wx_msgpush' })
    expect(r).toMatchObject({ ok: true, result: { ok: true, data: { applied: false } } })
  }
  // An unknown trace id finds nothing.
  expect(await cloud.functions.invoke('media', event('no-such-trace', 'pass'), { openid: '', source: 'wx_msgpush' })).toMatchObject({ result: { ok: true, data: { applied: false, status: null } } })
  expect(storeSnapshot(cloud)).toEqual(before)
})

test('a resident calling the media function directly is refused, even with a real pending trace id', async () => {
  const pendingPhoto = photo('fine')
  expectOk(await call(USERS.resident, submitReport, { clientRequestId: uniqueId('media'), text: '单元门禁坏了', category: 'infrastructure', photos: [pendingPhoto], location: null }))
  const traceId = checkOf(pendingPhoto).traceId!
  const before = storeSnapshot(cloud)
  expectFail((await cloud.raw(USERS.resident, 'media', event(traceId, 'pass'))) as Outcome<unknown>, 'FORBIDDEN')
  // Through another function's call chain the source still starts at the client.
  const chained = await cloud.functions.invoke('media', event(traceId, 'pass'), { openid: USERS.resident, source: 'wx_client,scf' })
  expect(chained).toMatchObject({ ok: true, result: { ok: false, error: { code: 'FORBIDDEN' } } })
  expect(storeSnapshot(cloud)).toEqual(before)
  expect(checkOf(pendingPhoto).status).toBe('pending')
})

test('what staff read carries the held photos by fileID, which clearMedia takes; the temporary URLs it shows are not taken', async () => {
  const held = photo('review')
  const report = expectOk(await call(USERS.resident, submitReport, { clientRequestId: uniqueId('media'), text: '楼道灯不亮', category: 'infrastructure', photos: [held], location: null })).report
  await passVerdictDelay()
  expect(checkOf(held).status).toBe('review')
  // Read as the page reads it: photos leave the function as temporary URLs, the held ones' fileIDs beside them.
  const seen = expectOk(await cloud.call(USERS.staff, getReport, { reportId: report.id })).report
  expect(seen.pendingPhotos).toHaveLength(1)
  expect(seen.pendingPhotos![0]).toMatch(/^https?:\/\//)
  expect(seen.pendingPhotoIds).toEqual([held])
  expect(expectOk(await cloud.call(USERS.staff, listTriageInbox, {})).reports.find((r) => r.id === report.id)!.pendingPhotoIds).toEqual([held])
  // A neighbour who may not see the held photo gets neither its URL nor its fileID.
  const neighbour = await cloud.call(USERS.resident2, getReport, { reportId: report.id })
  expect(JSON.stringify(neighbour)).not.toContain(held)
  // The URL is refused as input; the fileID decides the photo.
  expectFail(await cloud.call(USERS.staff, clearMedia, { fileId: seen.pendingPhotos![0]!, verdict: 'pass' }), 'INVALID_INPUT')
  expect(expectOk(await cloud.call(USERS.staff, clearMedia, { fileId: seen.pendingPhotoIds![0]!, verdict: 'pass' }))).toEqual({ fileId: held, status: 'pass' })
})

test('a photo sent to review waits for staff: only field staff in scope clear it, once', async () => {
  expectFail(await call(USERS.resident, clearMedia, { fileId: photos.doubt, verdict: 'pass' }), 'FORBIDDEN')
  expectFail(await call(USERS.gridWest, clearMedia, { fileId: photos.doubt, verdict: 'pass' }), 'OUT_OF_SCOPE')
  expect(expectOk(await call(USERS.resident2, getTopic, { topicId })).topic.reports[0]!.photos).toEqual([photos.ok])

  expect(expectOk(await call(USERS.gridEast, clearMedia, { fileId: photos.doubt, verdict: 'pass' }))).toEqual({ fileId: photos.doubt, status: 'pass' })
  expect(expectOk(await call(USERS.resident2, getTopic, { topicId })).topic.reports[0]!.photos).toEqual([photos.ok, photos.doubt])
  expectFail(await call(USERS.staff, clearMedia, { fileId: photos.doubt, verdict: 'remove' }), 'WRONG_STAGE')

  // Staff removing a photo under review: it leaves the report, its file goes, the uploader is told.
  const doubtful = photo('review')
  const r = expectOk(await call(USERS.resident, submitReport, { clientRequestId: uniqueId('media'), text: '路面塌陷', category: 'infrastructure', photos: [doubtful], location: null })).report
  await passVerdictDelay()
  expect(checkOf(doubtful).status).toBe('review')
  expect(expectOk(await call(USERS.staff, clearMedia, { fileId: doubtful, verdict: 'remove' }))).toEqual({ fileId: doubtful, status: 'removed' })
  const after = expectOk(await call(USERS.resident, getReport, { reportId: r.id })).report
  expect(after).toMatchObject({ photos: [], pendingPhotos: [] })
  expect(after.timeline.map((t) => t.kind)).toContain('photoRemoved')
  expect(await fileExists(doubtful)).toBe(false)
})

test('a photo the check cannot fetch is held for staff, not published', async () => {
  const missing = `cloud://${cloud.env}.6c6f-local-env/uploads/photos/${uniqueId('never-uploaded')}.jpg`
  const r = expectOk(await call(USERS.resident, submitReport, { clientRequestId: uniqueId('media'), text: '垃圾桶满了', category: 'infrastructure', photos: [missing], location: null })).report
  // A file that does not exist has no temp URL, so no answer lists it; the report keeps it held, never published.
  expect(r).toMatchObject({ photos: [], pendingPhotos: [] })
  expect((cloud.store.find('reports', { _id: r.id })[0] as unknown as { heldPhotos?: string[]; photos: string[] }).heldPhotos).toEqual([missing])
  expect(checkOf(missing)).toMatchObject({ status: 'review' })
  expect(checkOf(missing).traceId).toBeUndefined()
})

test('meeting and disclosure photos are public only after a pass; a risky one leaves the record and the topic history says so', async () => {
  const topic = await publishedTopic(cloud)
  const [meetingOk, meetingBad] = [photo('fine'), photo('risky')]
  expectOk(await call(USERS.staff, recordMeeting, { ...meetingInput(cloud, topic.id), photos: [meetingOk, meetingBad] }))
  expect(expectOk(await call(USERS.resident, getTopic, { topicId: topic.id })).topic).toMatchObject({ meetingPhotos: [], pendingMeetingPhotos: [] })
  expect(expectOk(await call(USERS.staff, getTopic, { topicId: topic.id })).topic).toMatchObject({ meetingPhotos: [meetingOk, meetingBad], pendingMeetingPhotos: [meetingOk, meetingBad] })

  const noticed = await noticedTopic(cloud)
  closeNotices(cloud)
  const progressPhoto = photo('fine')
  const resolutionId = noticed.resolutions[0]!.id
  expectOk(await call(USERS.staff, publishProgress, { resolutionId, text: '施工队已进场', photos: [progressPhoto] }))
  const hidden = expectOk(await call(USERS.resident, getTopic, { topicId: noticed.id })).topic.resolutions[0]!.disclosures[0]!
  expect(hidden).toMatchObject({ photos: [], pendingPhotos: [] })

  await passVerdictDelay()
  const meeting = expectOk(await call(USERS.resident, getTopic, { topicId: topic.id })).topic
  expect(meeting.meetingPhotos).toEqual([meetingOk])
  expect(meeting.timeline.filter((e) => e.type === 'photoRemoved')).toHaveLength(1)
  expect(await fileExists(meetingBad)).toBe(false)
  const disclosure = expectOk(await call(USERS.resident, getTopic, { topicId: noticed.id })).topic.resolutions[0]!.disclosures[0]!
  expect(disclosure).toMatchObject({ photos: [progressPhoto], pendingPhotos: [] })
})
