import { startFlowCloud, expectOk, expectFail, USERS, type FlowCloud } from '../support/flow'
import { noticedTopic, publishedTopic, uniqueId } from '../support/flow-scenarios'
import { fileObjection, getTopic, postOpinion } from '../../src/contracts/topics'
import { submitReport } from '../../src/contracts/reports'

/**
 * Issue 9 §4 "when the check service is unreachable, text is held, not published": the local msgSecCheck is switched
 * to unreachable through its developer control (POST /_local/content-check), as a test tool would, and texts that the
 * word list would pass are then kept from others: a report and an objection are held for staff review, an opinion
 * is not published. Switched back, the same kind of text is public again.
 */
let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
})
afterAll(async () => {
  await cloud.dispose()
})

async function setReachable(reachable: boolean) {
  const res = await fetch(`${cloud.origin}/_local/content-check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reachable }) })
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({ reachable })
}

const HERE = { latitude: 28.6401, longitude: 104.1601, name: '3栋门口' }

describe('msgSecCheck unreachable', () => {
  test('the control answers its state and refuses a body without a boolean', async () => {
    expect(await (await fetch(`${cloud.origin}/_local/content-check`)).json()).toEqual({ reachable: true })
    const bad = await fetch(`${cloud.origin}/_local/content-check`, { method: 'POST', body: JSON.stringify({ reachable: 'no' }) })
    expect(bad.status).toBe(400)
  })

  test('a report, an opinion and an objection are then held for review or not published, never shown to others', async () => {
    const published = await publishedTopic(cloud)
    const noticed = await noticedTopic(cloud)
    await setReachable(false)
    try {
      // A report: held for review, so a neighbour's nearby hint never lists it.
      const report = expectOk(
        await cloud.call(USERS.resident, submitReport, { clientRequestId: uniqueId('rp'), text: '3栋门口路灯不亮', category: 'infrastructure', photos: [], location: HERE }),
      ).report
      expect(report.status).toBe('heldForReview')
      expect(cloud.store.find('reports', { _id: report.id })[0]).toMatchObject({ heldForReviewAt: expect.any(Date) })
      const neighbour = expectOk(
        await cloud.call(USERS.resident2, submitReport, { clientRequestId: uniqueId('rp'), text: '门口路灯坏了', category: 'infrastructure', photos: [], location: HERE }),
      )
      expect(neighbour.similarNearby.map((s) => s.id)).not.toContain(report.id)

      // An opinion: not published (the content check could not pass it), and nothing is stored.
      const opinionsBefore = cloud.store.find('opinions', { topicId: published.id })
      expectFail(await cloud.call(USERS.resident2, postOpinion, { topicId: published.id, text: '建议在东门增设车位' }), 'CONTENT_RISKY')
      expect(cloud.store.find('opinions', { topicId: published.id })).toEqual(opinionsBefore)
      const seen = expectOk(await cloud.call(USERS.resident, getTopic, { topicId: published.id })).topic
      expect(JSON.stringify(seen)).not.toContain('建议在东门增设车位')

      // An objection: held, seen by its author and staff, not by another resident.
      const mine = expectOk(await cloud.call(USERS.resident2, fileObjection, { topicId: noticed.id, text: '费用分摊方式不合理' })).topic
      const held = mine.objections.find((o) => o.text === '费用分摊方式不合理')!
      expect(held.heldForReview).toBe(true)
      const others = expectOk(await cloud.call(USERS.resident, getTopic, { topicId: noticed.id })).topic
      expect(others.objections.map((o) => o.id)).not.toContain(held.id)
      const staff = expectOk(await cloud.call(USERS.staff, getTopic, { topicId: noticed.id })).topic
      expect(staff.objections.find((o) => o.id === held.id)?.heldForReview).toBe(true)
    } finally {
      await setReachable(true)
    }

    // Reachable again: the same kind of text is published at once.
    expectOk(await cloud.call(USERS.resident2, postOpinion, { topicId: published.id, text: '建议在东门增设车位' }))
    expect(expectOk(await cloud.call(USERS.resident, getTopic, { topicId: published.id })).topic.opinions.map((o) => o.text)).toEqual(['建议在东门增设车位'])
    const open = expectOk(await cloud.call(USERS.resident2, fileObjection, { topicId: noticed.id, text: '施工时间应避开午休' })).topic
    expect(open.objections.find((o) => o.text === '施工时间应避开午休')?.heldForReview).toBe(false)
  })
})
