import { startFlowCloud, expectOk, expectFail, USERS, type FlowCloud } from '../support/flow'
import { cloneUser, uniqueId } from '../support/flow-scenarios'
import { meTooReport, submitReport } from '../../src/contracts/reports'

/**
 * Issue 9 §4 nearby-duplicate hint, through the real reports function: it never shows a neighbour's text, phone or
 * house number, never lists reports held for review, never lists the caller's own report as a neighbour's; it shows
 * category, public status, a distance band and a masked summary, and offers 我也遇到 (+1, once per resident).
 */
let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
})
afterAll(async () => {
  await cloud.dispose()
})

const AT = { latitude: 28.6421, longitude: 104.1632, name: '2栋' }
const NEAR = { latitude: 28.6422, longitude: 104.1633, name: '2栋旁' } // ~15 m away
const FARTHER = { latitude: 28.6432, longitude: 104.1632, name: '3栋' } // ~120 m away
const submit = (openid: string, text: string, location = AT) =>
  cloud.call(openid, submitReport, { clientRequestId: uniqueId('near'), text, category: 'elderly_care', photos: [], location })

test('the hint shows a neighbour only as category, status, distance band and masked summary; never held or own reports', async () => {
  const neighbour = cloneUser(cloud, USERS.resident2, uniqueId('neighbour'))
  const secret = '我住2栋1单元302室，电话13812345678，助老食堂饭菜凉了'
  const theirs = expectOk(await submit(neighbour, secret)).report
  const farther = expectOk(await submit(cloneUser(cloud, USERS.resident2, uniqueId('neighbour')), '助老食堂排队太久', FARTHER)).report
  // Held by the content check (加微信): never listed.
  const held = expectOk(await submit(cloneUser(cloud, USERS.resident2, uniqueId('neighbour')), '助老食堂门口有人让加微信')).report
  expect(held.status).toBe('heldForReview')

  const me = cloneUser(cloud, USERS.resident, uniqueId('me'))
  const myFirst = expectOk(await submit(me, '助老食堂饭菜不热')).report
  const out = expectOk(await submit(me, '食堂饭菜是凉的', NEAR))
  const ids = out.similarNearby.map((s) => s.id)
  expect(ids).toEqual([theirs.id, farther.id])
  expect(ids).not.toContain(held.id)
  expect(ids).not.toContain(myFirst.id)

  const hint = out.similarNearby[0]!
  expect(hint).toEqual({
    id: theirs.id,
    category: 'elderly_care',
    statusLabel: theirs.statusLabel,
    distanceBand: '50米内',
    summary: '我住*栋**单元…',
    submittedAt: theirs.submittedAt,
    meTooCount: 0,
    meTooByMe: false,
  })
  expect(out.similarNearby[1]!.distanceBand).toBe('200米内')
  const json = JSON.stringify(out.similarNearby)
  for (const leak of ['13812345678', '302', '1单元', neighbour, secret]) expect(json).not.toContain(leak)
})

test('我也遇到 counts once per resident, is refused on one\'s own, held or other-community report, and the hint shows the count', async () => {
  const reporter = cloneUser(cloud, USERS.resident2, uniqueId('reporter'))
  const theirs = expectOk(await submit(reporter, '楼下助老点没人值班')).report
  const a = cloneUser(cloud, USERS.resident, uniqueId('a'))
  const b = cloneUser(cloud, USERS.representative, uniqueId('b'))

  expect(expectOk(await cloud.call(a, meTooReport, { reportId: theirs.id }))).toEqual({ reportId: theirs.id, meTooCount: 1, meTooByMe: true })
  // Again, and twice at once: still counted once.
  const again = await Promise.all([cloud.call(a, meTooReport, { reportId: theirs.id }), cloud.call(a, meTooReport, { reportId: theirs.id })])
  for (const o of again) expect(expectOk(o).meTooCount).toBe(1)
  expect(expectOk(await cloud.call(b, meTooReport, { reportId: theirs.id })).meTooCount).toBe(2)
  expect(cloud.store.find('me_toos', { reportId: theirs.id })).toHaveLength(2)

  const before = cloud.store.find('reports', { _id: theirs.id })
  expectFail(await cloud.call(reporter, meTooReport, { reportId: theirs.id }), 'ALREADY_DONE')
  expectFail(await cloud.call(USERS.otherResident, meTooReport, { reportId: theirs.id }), 'OUT_OF_SCOPE')
  expectFail(await cloud.call(USERS.gridEast, meTooReport, { reportId: theirs.id }), 'FORBIDDEN')
  const held = expectOk(await submit(cloneUser(cloud, USERS.resident2, uniqueId('held')), '有人让加微信领补贴')).report
  expectFail(await cloud.call(a, meTooReport, { reportId: held.id }), 'WRONG_STAGE')
  expectFail(await cloud.call(a, meTooReport, { reportId: 'rp_missing' }), 'NOT_FOUND')
  expect(cloud.store.find('reports', { _id: theirs.id })).toEqual(before)
  expect(cloud.store.find('me_toos', { reportId: held.id })).toEqual([])

  // The next neighbour's hint shows the count, and whether they said it too.
  const hint = expectOk(await submit(a, '助老点今天也没人', NEAR)).similarNearby.find((s) => s.id === theirs.id)!
  expect(hint).toMatchObject({ meTooCount: 2, meTooByMe: true })
})
