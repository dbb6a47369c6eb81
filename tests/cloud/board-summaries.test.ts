import { startFlowCloud, expectOk, USERS, DAY, type FlowCloud } from '../support/flow'
import { publishTopic, recordMeeting, publishNotice } from '../../src/contracts/topics'
import { publishProgress, publishResult, rateResult, recordCallback } from '../../src/contracts/resolutions'
import { getBoard, getHomeFeed } from '../../src/contracts/board'
import { getTownshipOverview } from '../../src/contracts/supervision'
import type { Resolution } from '../../src/domain/model'
import { assigneeBoard, boardLine } from '../../src/domain/board'
import { normalizedSummary, rebuildSummaries, type BoardSummary } from '../../src/domain/summaries'
import { COMMUNITIES } from '../../scripts/demo/places'

/**
 * The board summaries (src/domain/summaries.ts) through the real functions on the local CloudBase: after each step of
 * a scripted flow (meeting items, notice closing, disclosures, a result, ratings, deadlines passing as the clock
 * moves, a late disclosure, a reopening callback) the board a resident reads equals the board recomputed from every
 * stored item (so does the township workbench's ranking), and once the sweep has run the stored summary documents equal the ones rebuilt from the items.
 */
const COMMUNITY = COMMUNITIES[0]!
const H = 3600_000
const bjDate = (at: Date | number): string => new Date(new Date(at).getTime() + 8 * H).toISOString().slice(0, 10)

const items = (cloud: FlowCloud) => cloud.store.find('resolutions', { communityId: COMMUNITY._id }) as unknown as Resolution[]
const stored = (cloud: FlowCloud) => cloud.store.find('board_summaries', { townshipId: COMMUNITY.townshipId }) as unknown as BoardSummary[]
/** Normalized and in id order; a summary with every counter at 0 is the same as none. */
const byId = (xs: BoardSummary[]) =>
  xs
    .map(normalizedSummary)
    .filter((s) => Object.values(s.total).some((n) => n !== 0) || Object.keys(s.lines).length)
    .sort((a, b) => a._id.localeCompare(b._id))

/** The board read now equals the board computed from every stored item (the rules of src/domain/board.ts). */
async function expectBoardMatchesItems(cloud: FlowCloud): Promise<void> {
  const now = cloud.now()
  const all = items(cloud)
  const board = expectOk(await cloud.call(USERS.resident, getBoard, {})).board
  expect(board.community).toEqual(boardLine(COMMUNITY._id, COMMUNITY.name, all, now))
  expect(board.assignees).toEqual(assigneeBoard(all, now))
  const feed = expectOk(await cloud.call(USERS.resident, getHomeFeed, {})).board
  expect(feed.community).toEqual(board.community)
  // The township workbench ranks from the same summaries: its line for the community and the community's assignee
  // lines (named with the community) equal those computed from the items.
  const overview = expectOk(await cloud.call(USERS.township, getTownshipOverview, {}))
  expect(overview.communities.find((l) => l.key === COMMUNITY._id)).toEqual(boardLine(COMMUNITY._id, COMMUNITY.name, all, now))
  const own = overview.assignees.filter((l) => l.key.startsWith(`${COMMUNITY._id}:`))
  expect(own.map((l) => ({ ...l, key: l.key.slice(COMMUNITY._id.length + 1), label: l.label.replace(`（${COMMUNITY.name}）`, '') })).sort((a, b) => a.key.localeCompare(b.key))).toEqual(
    assigneeBoard(all, now).sort((a, b) => a.key.localeCompare(b.key)),
  )
}

/** After the sweep, the stored summaries equal those rebuilt from the items. */
async function expectStoredEqualsRebuilt(cloud: FlowCloud): Promise<void> {
  await cloud.fireSweep()
  expect(byId(stored(cloud))).toEqual(byId([...rebuildSummaries(items(cloud), cloud.now()).values()]))
}

describe('board summaries follow every write and the clock', () => {
  let cloud: FlowCloud
  let A: string
  let B: string
  let D: string
  beforeAll(async () => {
    cloud = await startFlowCloud()
  })
  afterAll(async () => {
    await cloud.dispose()
  })

  async function meeting(key: string, list: { title: string; assigneeName: string; against?: number }[]): Promise<string[]> {
    const topic = expectOk(
      await cloud.call(USERS.staff, publishTopic, { title: `议题${key}`, description: '居民反映的问题，提请面对面议事。', category: 'infrastructure', meetingPlace: '社区议事厅', clientRequestId: `summary-${key}` }),
    ).topic
    const dueDate = bjDate(cloud.now().getTime() + 60 * DAY)
    expectOk(
      await cloud.call(USERS.staff, recordMeeting, {
        topicId: topic.id,
        attendance: { households: 20, invitedHouseholds: 30 },
        minutes: '面对面议事，逐项表决。',
        resolutions: list.map((i) => ({ title: i.title, vote: i.against ? { for: 2, against: i.against, abstain: 0 } : { for: 18, against: 1, abstain: 1 }, assigneeName: i.assigneeName, assigneeOpenid: null, dueDate })),
      }),
    )
    const noticed = expectOk(await cloud.call(USERS.staff, publishNotice, { topicId: topic.id, text: '拟办意见公告：按议定事项办理。' })).topic
    return noticed.resolutions.map((r) => r.id)
  }

  test('meeting items awaiting their notice are counted nowhere: nothing is written to the summaries', async () => {
    ;[A, B] = (await meeting('0001', [{ title: '修复路灯', assigneeName: '陈志强' }, { title: '清理楼道', assigneeName: '刘书记' }, { title: '拆除围墙', assigneeName: '刘书记', against: 15 }])) as [string, string]
    ;[D] = (await meeting('0002', [{ title: '加装护栏', assigneeName: '陈志强' }])) as [string]
    expect(stored(cloud)).toEqual([])
    await expectBoardMatchesItems(cloud)
    expect(expectOk(await cloud.call(USERS.resident, getBoard, {})).board.community.items).toBe(0)
    await expectStoredEqualsRebuilt(cloud)
  })

  test('the notice closes: the board counts the items at once, the sweep then writes it down', async () => {
    cloud.advance(6 * DAY)
    await expectBoardMatchesItems(cloud)
    expect(expectOk(await cloud.call(USERS.resident, getBoard, {})).board.community.items).toBe(3)
    await expectStoredEqualsRebuilt(cloud)
  })

  test('a disclosure, a result, a rating and its change', async () => {
    expectOk(await cloud.call(USERS.staff, publishProgress, { resolutionId: A, text: '已进场施工' }))
    expectOk(await cloud.call(USERS.staff, publishResult, { resolutionId: B, text: '楼道已清理完毕' }))
    expectOk(await cloud.call(USERS.resident2, rateResult, { resolutionId: B, stars: 2, comment: '不够干净' }))
    expectOk(await cloud.call(USERS.resident, rateResult, { resolutionId: B, stars: 5, comment: '' }))
    expectOk(await cloud.call(USERS.resident2, rateResult, { resolutionId: B, stars: 4, comment: '复查后干净了' }))
    await expectBoardMatchesItems(cloud)
    await expectStoredEqualsRebuilt(cloud)
    const community = stored(cloud).find((s) => s.scope === 'community')!
    expect([community.total.ratings, community.total.ratingSum]).toEqual([2, 9])
  })

  test('deadlines pass while nobody writes: overdue on the board at once, in the summary after the sweep', async () => {
    // A's next deadline is 7 days after its disclosure, D's first one a day earlier.
    cloud.advance(7 * DAY)
    const board = expectOk(await cloud.call(USERS.resident, getBoard, {})).board
    expect(board.community.overdue).toBe(1)
    expect(board.overdue.map((o) => o.resolutionId)).toEqual([D])
    await expectBoardMatchesItems(cloud)
    await expectStoredEqualsRebuilt(cloud)
    // A second run finds nothing left to correct: the summaries do not move.
    const before = byId(stored(cloud))
    await cloud.fireSweep()
    expect(byId(stored(cloud))).toEqual(before)
  })

  test('a late disclosure ends the overdue state and counts as late', async () => {
    cloud.advance(3 * DAY)
    expectOk(await cloud.call(USERS.staff, publishProgress, { resolutionId: D, text: '护栏材料已到' }))
    const board = expectOk(await cloud.call(USERS.resident, getBoard, {})).board
    expect(board.overdue.map((o) => o.resolutionId)).toEqual([A])
    await expectBoardMatchesItems(cloud)
    await expectStoredEqualsRebuilt(cloud)
  })

  test('a callback finding it not fixed reopens the item', async () => {
    expectOk(await cloud.call(USERS.staff, recordCallback, { resolutionId: B, outcome: 'not_fixed', note: '楼道又堆满杂物' }))
    const board = expectOk(await cloud.call(USERS.resident, getBoard, {})).board
    expect(board.community.done).toBe(0)
    await expectBoardMatchesItems(cloud)
    await expectStoredEqualsRebuilt(cloud)
  })

  test('an item stored before summaries existed (no boardStatus) counts on the board at once and is counted by the sweep', async () => {
    const { _id, boardStatus, ...legacy } = items(cloud).find((r) => r._id === A)! as Resolution & { boardStatus?: string }
    expect([_id, boardStatus]).toEqual([A, 'overdue'])
    cloud.store.insert('resolutions', [{ ...legacy, _id: 'legacy_item_1', title: '旧事项' }])
    await expectBoardMatchesItems(cloud)
    await expectStoredEqualsRebuilt(cloud)
    expect((items(cloud).find((r) => r._id === 'legacy_item_1') as unknown as { boardStatus: string }).boardStatus).toBe('overdue')
    expect(cloud.store.unindexed).toEqual([])
  })
})
