import { startFlowCloud, expectOk, USERS, type FlowCloud } from '../support/flow'
import { getCountyCycle } from '../../src/contracts/supervision'
import { addUser } from '../support/flow-scenarios'
import { COMMUNITIES } from '../../scripts/demo/places'
import { beijingMonthOf } from '../../src/domain/calendar'
import { CATEGORY_LABELS } from '../../src/domain/model'
import { ITEM_OUTCOME_LABELS, monthlyCallbackList, quarterReview, yearRange, yearSummary, type CycleEscalation, type CycleItem, type CycleRating, type CycleTopic } from '../../src/domain/reports-cycle'

/**
 * 年总结 is counted by the database (cloudfunctions/supervision/year-counts.ts: aggregations), the domain counts the
 * same from documents (countYear). Here both read the same store: a few hundred generated items, topics, ratings and
 * escalations spread over the year before, the year and the year after, with the cases the rules turn on (rejected
 * items, old items without decidedAt or without handlingFrom, late and on-time disclosures either side of the year's
 * edges, meetings not yet held, 三单 items with their own category, custom categories, ratings and escalations of
 * other years). The function's sheets must equal the summary the domain computes from the documents. The same
 * store checks 季盘点 and 月回访, which the function reads through bounded queries (the quarter's open and recently
 * completed items and its escalations; the month's milestone ranges), against the domain's reports over every
 * document.
 */

const DAY = 86_400_000
let cloud: FlowCloud
let now: Date
let year: number

/** A small deterministic generator (mulberry32): the same documents on every run. */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

beforeAll(async () => {
  cloud = await startFlowCloud()
  now = cloud.now()
  year = Number(beijingMonthOf(now).slice(0, 4))
  const rand = random(12)
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!
  const range = yearRange(year)
  // Instants from 60 days before the year to 60 days after it, with the year's first and last milliseconds among them.
  const span = range.to.getTime() - range.from.getTime() + 120 * DAY
  const at = () => pick([range.from, range.to, new Date(range.from.getTime() - 1), new Date(range.to.getTime() + 1), new Date(range.from.getTime() - 60 * DAY + Math.floor(rand() * span))])
  const communities = ['c_pingshan', 'c_jinsha']
  const categories = ['environment', 'infrastructure', 'livelihood', 'public_order', 'custom_parking']
  const topics = Array.from({ length: 60 }, (_x, i) => {
    const heldAt = rand() < 0.2 ? null : at()
    return {
      _id: `yc-topic-${i}`,
      communityId: pick(communities),
      title: `议题 ${i}`,
      category: pick(categories),
      heldAt,
      attendance: heldAt && rand() < 0.8 ? { households: Math.floor(rand() * 60), invitedHouseholds: 60 } : null,
      counts: { joined: Math.floor(rand() * 200), followed: 0, support: 0, oppose: 0, opinions: 0, objections: 0, unansweredObjections: 0 },
      publishedAt: new Date(range.from.getTime() - 90 * DAY),
    }
  })
  const items = Array.from({ length: 400 }, (_x, i) => {
    const triage = rand() < 0.35
    const topic = pick(topics)
    const handlingFrom = rand() < 0.1 ? null : at()
    const decidedAt = triage ? handlingFrom ?? at() : rand() < 0.5 ? handlingFrom : undefined
    const dueAt = new Date((handlingFrom ?? range.from).getTime() + Math.floor(rand() * 40) * DAY)
    // A result comes after the decision (early or late against the due date).
    const decidedInstant = decidedAt ?? handlingFrom
    const resultAround = rand() < 0.5 ? new Date(dueAt.getTime() + Math.floor((rand() - 0.6) * 20) * DAY) : null
    const resultPublishedAt = resultAround && decidedInstant && resultAround.getTime() < decidedInstant.getTime() ? new Date(decidedInstant.getTime() + DAY) : resultAround
    const disclosures = Array.from({ length: Math.floor(rand() * 4) }, () => {
      const due = at()
      return { at: new Date(due.getTime() + Math.floor((rand() - 0.7) * 4) * DAY), dueAt: due, text: '进展', photos: [], by: 'x', final: false }
    })
    return {
      _id: `yc-item-${i}`,
      communityId: triage ? pick(communities) : topic.communityId,
      townshipId: 'ts_pingshan',
      title: `事项 ${i}`,
      passed: rand() < 0.85,
      assigneeName: '刘书记',
      dueAt,
      handlingFrom,
      ...(decidedAt === undefined ? {} : { decidedAt }),
      disclosures,
      resultPublishedAt,
      ratingCount: 0,
      ratingSum: 0,
      callback: null,
      ...(triage ? { topicId: null, source: pick(['handle', 'transfer'] as const), category: pick(categories) } : { topicId: topic._id }),
    }
  })
  const ratings = Array.from({ length: 300 }, (_x, i) => {
    const rated = pick(items)
    return { _id: `yc-rating-${i}`, resolutionId: rated._id, topicId: rated.topicId, communityId: rated.communityId, openid: `r${i}`, raterName: '居民', stars: 1 + Math.floor(rand() * 5), comment: '', at: at(), replyDueAt: null, pendingReplyDueAt: null, reply: null }
  })
  const escalations = Array.from({ length: 80 }, (_x, i) => {
    const late = pick(items)
    const escalatedAt = at()
    // Some were supervised by the township (督办) a few days later.
    const supervisedAt = rand() < 0.3 ? new Date(escalatedAt.getTime() + Math.floor(rand() * 10) * DAY) : null
    return { _id: `yc-esc-${i}`, communityId: late.communityId, townshipId: 'ts_pingshan', resolutionId: late._id, ratingId: null, topicId: late.topicId, deadline: 'handling', dueAt: late.dueAt, escalatedAt, supervisedAt, text: '逾期' }
  })
  cloud.store.insert('topics', topics)
  cloud.store.insert('resolutions', items)
  cloud.store.insert('ratings', ratings)
  cloud.store.insert('escalations', escalations)
}, 30000)
afterAll(async () => {
  await cloud?.dispose()
})

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`)

test('the 年总结 the database counts equals the summary the domain computes from the same documents', async () => {
  const got = expectOk(await cloud.call(USERS.county, getCountyCycle, { kind: 'year', period: String(year) }))
  // The county reaches every community: the store's documents of all of them.
  const inReach = { communityId: { $in: COMMUNITIES.map((c) => c._id) } }
  const s = yearSummary(
    {
      items: cloud.store.find('resolutions', inReach) as unknown as CycleItem[],
      topics: cloud.store.find('topics', inReach) as unknown as CycleTopic[],
      ratings: cloud.store.find('ratings', inReach) as unknown as CycleRating[],
      escalations: cloud.store.find('escalations', inReach) as unknown as CycleEscalation[],
    },
    year,
    now,
  )
  // The generated documents reach every rule: some of each kind counted and some left out.
  expect(s.items).toBeGreaterThan(50)
  expect(s.items).toBeLessThan(400)
  expect(s.overdue).toBeGreaterThan(0)
  expect(s.disclosuresOnTime).toBeGreaterThan(0)
  expect(s.disclosuresOnTime).toBeLessThan(s.disclosuresDue)
  expect(Object.keys(s.byCategory)).toEqual(expect.arrayContaining(['custom_parking', 'environment']))
  expect(s.bySource.handle + s.bySource.transfer).toBeGreaterThan(0)
  expect(s.byCategory.environment!.rejected + s.byCategory.livelihood!.rejected).toBeGreaterThan(0)

  expect(Object.fromEntries(got.sheets[0]!.rows.map((r) => [r[0], r[1]]))).toEqual({
    议事次数: s.meetings,
    参与人数: s.participants,
    参与户数: s.households,
    议定事项: s.items,
    其中议事决议: s.bySource.meeting,
    其中受理自办: s.bySource.handle,
    其中转交办理: s.bySource.transfer,
    按时公示率: pct(s.onTimeRate),
    评价数: s.ratings,
    平均评分: s.averageStars ?? '—',
    '满意率（4–5 星）': pct(s.satisfiedRate),
    逾期事项: s.overdue,
    逾期提请: s.escalations,
  })
  expect(got.sheets[1]!.columns).toEqual(['分类', ITEM_OUTCOME_LABELS.done, ITEM_OUTCOME_LABELS.open, ITEM_OUTCOME_LABELS.rejected])
  expect(got.sheets[1]!.rows).toEqual(Object.entries(s.byCategory).map(([c, o]) => [CATEGORY_LABELS[c] ?? c, o.done, o.open, o.rejected]))
  expect(got.headline).toContain(s.phrase)
})

test('a year with nothing in it answers zeros, not an error', async () => {
  const got = expectOk(await cloud.call(USERS.county, getCountyCycle, { kind: 'year', period: String(year - 5) }))
  const figures = Object.fromEntries(got.sheets[0]!.rows.map((r) => [r[0], r[1]]))
  expect(figures).toMatchObject({ 议事次数: 0, 参与人数: 0, 议定事项: 0, 评价数: 0, 按时公示率: '—', 平均评分: '—', 逾期提请: 0 })
  expect(got.sheets[1]!.rows).toEqual([])
})

test('a township supervisor of another township counts nothing of these communities', async () => {
  addUser(cloud, 'yc-township-other', { role: 'township_supervisor', communityId: null, townshipId: 'ts_other', displayName: '郑督办' })
  const got = expectOk(await cloud.call('yc-township-other', getCountyCycle, { kind: 'year', period: String(year) }))
  expect(Object.fromEntries(got.sheets[0]!.rows.map((r) => [r[0], r[1]]))).toMatchObject({ 议事次数: 0, 议定事项: 0, 评价数: 0, 逾期提请: 0 })
})

/** Every document of the communities in reach of the county, as the domain's cycle functions read them. */
function storeDocs() {
  const inReach = { communityId: { $in: COMMUNITIES.map((c) => c._id) } }
  return {
    items: cloud.store.find('resolutions', inReach) as unknown as CycleItem[],
    escalations: cloud.store.find('escalations', inReach) as unknown as CycleEscalation[],
  }
}

test.each([1, 2, 3, 4])('季盘点 of Q%i read from the quarter\'s items equals the review the domain computes from every document', async (q) => {
  const quarter = `${year}-Q${q}` as const
  const got = expectOk(await cloud.call(USERS.county, getCountyCycle, { kind: 'quarter', period: quarter }))
  const { items, escalations } = storeDocs()
  const want = quarterReview(items, escalations, quarter, now)
  expect(got.sheets[0]!.rows.map((r) => [r[1], r[4], r[5], r[6]])).toEqual(want.needingCounty.map((r) => [r.title, r.escalations, r.supervised ? '是' : '否', r.open ? '未办结' : '已办结']))
  expect(got.headline).toContain(`本季决定 ${want.decided} 项、办结 ${want.completed} 项；需县级关注（逾期提请或督办）${want.needingCounty.length} 项，仍未办结 ${want.stillOpen} 项；季末在办 ${want.openAtEnd} 项`)
})

test('the quarters reach every rule: items decided, completed and open at the end, and escalated items completed before the quarter', () => {
  const { items, escalations } = storeDocs()
  const reviews = [1, 2, 3, 4].map((q) => quarterReview(items, escalations, `${year}-Q${q}`, now))
  expect(reviews.every((r) => r.decided > 0 && r.completed > 0 && r.openAtEnd > 0 && r.needingCounty.length > 0)).toBe(true)
  const doneBefore = (q: number) => {
    const from = new Date(yearRange(year).from.getTime() + (q - 1) * 90 * DAY)
    return reviews[q - 1]!.needingCounty.filter((r) => {
      const item = items.find((i) => i._id === r.resolutionId)!
      return item.resultPublishedAt && item.resultPublishedAt.getTime() < from.getTime()
    }).length
  }
  expect([1, 2, 3, 4].map(doneBefore).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
})

test.each(Array.from({ length: 12 }, (_x, i) => i + 1))('月回访 of month %i read through the month\'s milestones equals the list the domain computes from every document', async (m) => {
  const month = `${year}-${String(m).padStart(2, '0')}`
  const got = expectOk(await cloud.call(USERS.county, getCountyCycle, { kind: 'month', period: month }))
  const want = monthlyCallbackList(storeDocs().items, month, now)
  expect(got.sheets[0]!.rows.map((r) => r[1]).sort()).toEqual(want.rows.map((r) => r.title).sort())
  expect(got.headline).toContain(`${month} 月回访：${want.rows.length} 项`)
})
