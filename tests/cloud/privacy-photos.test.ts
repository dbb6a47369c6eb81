import { startFlowCloud, expectOk, expectFail, USERS, type FlowCloud } from '../support/flow'
import { PHOTO, uniqueId } from '../support/flow-scenarios'
import { getReport, submitReport } from '../../src/contracts/reports'
import { getTopic, publishTopic } from '../../src/contracts/topics'
import { actAs } from '../support/local-cloud'

/**
 * Issue 9 §4 storage: report photos are readable only through temp URLs the functions hand out to callers who may see
 * the report or topic; no view carries a raw cloud:// fileID, and a photo that cannot be resolved is left out.
 */
let cloud: FlowCloud
let fileID: string
const BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 6])
beforeAll(async () => {
  cloud = await startFlowCloud()
  actAs(USERS.resident)
  const sdk: any = cloud.sdk()
  fileID = (await sdk.uploadFile({ cloudPath: `uploads/reports/${uniqueId('ph')}.jpg`, fileContent: BYTES })).fileID
})
afterAll(async () => {
  await cloud.dispose()
})

test('a report photo reaches its reporter, staff and the community through a temp URL that serves the bytes; others get nothing', async () => {
  const submitted = expectOk(
    await cloud.call(USERS.resident, submitReport, { clientRequestId: uniqueId('rp'), text: '车棚顶漏雨', category: 'property', photos: [fileID, PHOTO], location: null }),
  ).report
  // The stored report keeps the fileIDs; the answer carries only a temp URL, and the unresolvable one is left out.
  expect(cloud.store.find('reports', { _id: submitted.id }).map((r) => (r as unknown as { photos: string[] }).photos)).toEqual([[fileID, PHOTO]])
  expect(submitted.photos).toHaveLength(1)
  const url = submitted.photos[0]!
  expect(url).toMatch(/^https?:\/\//)
  expect(url).not.toContain('cloud://')
  const res = await fetch(encodeURI(url))
  expect(res.status).toBe(200)
  expect(Buffer.from(await res.arrayBuffer())).toEqual(BYTES)

  const staffView = expectOk(await cloud.call(USERS.gridEast, getReport, { reportId: submitted.id })).report
  expect(staffView.photos).toHaveLength(1)
  expect(staffView.photos[0]).toMatch(/^https?:\/\//)
  // A neighbour may not read the report, so gets no link to its photo.
  expectFail(await cloud.call(USERS.resident2, getReport, { reportId: submitted.id }), 'OUT_OF_SCOPE')

  const topic = expectOk(
    await cloud.call(USERS.staff, publishTopic, {
      title: '车棚修缮', description: '车棚漏雨', category: 'property', reportIds: [submitted.id], meetingPlace: '议事厅', invitees: [], requiresFourDeliberations: false, clientRequestId: uniqueId('tp'),
    }),
  ).topic
  // Others see a photo once the image check has passed it (the local check's verdict comes after its delay).
  cloud.advance(10_000)
  await cloud.deliverMediaChecks()
  const seen = expectOk(await cloud.call(USERS.resident2, getTopic, { topicId: topic.id })).topic
  expect(seen.reports[0]!.photos).toHaveLength(1)
  expect(seen.reports[0]!.photos[0]).toMatch(/^https?:\/\//)
  expect(JSON.stringify(seen)).not.toContain('cloud://')
  // Another community's resident may not open the topic: no link.
  expectFail(await cloud.call(USERS.otherResident, getTopic, { topicId: topic.id }), 'OUT_OF_SCOPE')
})
