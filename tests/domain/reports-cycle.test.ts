import {
  addWorkingDays, callbackFor, callbacksOf, monthlyCallbackList, withCallback, quarterRange, quarterReview, roughly, supervisionReplyDueAt, yearSummary,
  type CycleEscalation, type CycleItem, type CycleTopic,
} from '../../src/domain/reports-cycle'
import { at } from './fixtures'

/** Instants are literal ISO strings: Beijing = UTC+8, so the end of a Beijing day is 15:59:59.999Z that day. */
const END = (beijingDate: string) => at(`${beijingDate}T15:59:59.999Z`)
const NOON = (beijingDate: string) => at(`${beijingDate}T04:00:00.000Z`)

function item(id: string, over: Partial<CycleItem> = {}): CycleItem {
  return {
    _id: id,
    communityId: 'c1',
    townshipId: 't1',
    topicId: 'tp1',
    title: `事项${id}`,
    passed: true,
    assigneeName: '李网格',
    dueAt: END('2026-03-31'),
    handlingFrom: NOON('2026-03-05'),
    disclosures: [],
    resultPublishedAt: null,
    ratingCount: 0,
    ratingSum: 0,
    callback: null,
    ...over,
  }
}

describe('monthlyCallbackList (月回访)', () => {
  const items = [
    item('meeting-decided', { handlingFrom: NOON('2026-03-05') }),
    item('handle-done', { source: 'handle', topicId: null, decidedAt: NOON('2026-02-20'), handlingFrom: NOON('2026-02-20'), resultPublishedAt: NOON('2026-03-10') }),
    item('transfer-both', { source: 'transfer', topicId: null, decidedAt: NOON('2026-03-02'), resultPublishedAt: NOON('2026-03-28'), callback: { month: '2026-03', outcome: 'fixed', at: NOON('2026-04-03') } }),
    item('february', { handlingFrom: NOON('2026-02-05'), resultPublishedAt: NOON('2026-02-25') }),
    item('rejected', { passed: false, handlingFrom: NOON('2026-03-05') }),
    // Midnight boundary: 23:59:59.999 Beijing on Mar 31 is March; one ms later is April.
    item('last-ms', { handlingFrom: END('2026-03-31') }),
    item('april', { handlingFrom: at('2026-03-31T16:00:00.000Z') }),
  ]

  test('covers every item decided or completed in the month, meeting and 三单 alike, due by the 20th of the next', () => {
    const list = monthlyCallbackList(items, '2026-03', NOON('2026-04-10'))
    expect(list.dueAt).toEqual(END('2026-04-20'))
    expect(list.rows.map((r) => [r.resolutionId, r.sourceLabel, r.reason, r.state])).toEqual([
      ['handle-done', '受理自办', 'completed', 'due'],
      ['last-ms', '议事决议', 'decided', 'due'],
      ['meeting-decided', '议事决议', 'decided', 'due'],
      ['transfer-both', '转交办理', 'both', 'done'],
    ])
  })

  test('an item not called back by the end of the 20th is overdue', () => {
    const list = monthlyCallbackList(items, '2026-03', at('2026-04-20T16:00:00.000Z'))
    expect(list.rows.filter((r) => r.state === 'overdue').map((r) => r.resolutionId)).toEqual(['handle-done', 'last-ms', 'meeting-decided'])
  })
})

describe('callbacks per list month (月回访)', () => {
  const march = { month: '2026-03', outcome: 'fixed' as const, at: NOON('2026-04-03') }
  const april = { month: '2026-04', outcome: 'not_fixed' as const, at: NOON('2026-05-06') }

  test('an item decided in March and completed in April is done on each list only by its own month\'s callback', () => {
    const both = item('both', { decidedAt: NOON('2026-03-05'), resultPublishedAt: NOON('2026-04-08'), callback: april, callbacks: [march, april] })
    const onlyApril = item('only-april', { decidedAt: NOON('2026-03-05'), resultPublishedAt: NOON('2026-04-08'), callback: april, callbacks: [april] })
    const state = (month: string) => monthlyCallbackList([both, onlyApril], month, NOON('2026-05-10')).rows.map((r) => [r.resolutionId, r.state])
    expect(state('2026-03')).toEqual([['both', 'done'], ['only-april', 'overdue']])
    expect(state('2026-04')).toEqual([['both', 'done'], ['only-april', 'done']])
  })

  test('an older document with only `callback` reads it as its own month\'s callback', () => {
    const old = item('old', { callback: march })
    expect(callbacksOf(old)).toEqual([march])
    expect(callbackFor(old, '2026-03')).toEqual(march)
    expect(callbackFor(old, '2026-04')).toBeNull()
  })

  test('recording a month keeps the other months\' callbacks, the old document\'s one included', () => {
    expect(withCallback(item('old', { callback: march }), april)).toEqual([march, april])
    expect(withCallback(item('none'), march)).toEqual([march])
  })
})

describe('quarterReview (季盘点)', () => {
  test('quarterRange spans three Beijing months', () => {
    expect(quarterRange('2026-Q2')).toEqual({ from: at('2026-03-31T16:00:00.000Z'), to: END('2026-06-30'), months: ['2026-04', '2026-05', '2026-06'] })
    expect(() => quarterRange('2026-Q5')).toThrow(RangeError)
  })

  test('lists the items escalated or supervised in the quarter and counts those still open', () => {
    const items = [
      item('a', { handlingFrom: NOON('2026-04-02') }),
      item('b', { handlingFrom: NOON('2026-04-02'), resultPublishedAt: NOON('2026-05-01') }),
      item('c', { handlingFrom: NOON('2026-02-02'), resultPublishedAt: NOON('2026-04-15') }),
      item('d', { handlingFrom: NOON('2026-07-02') }),
    ]
    const escalations: CycleEscalation[] = [
      { _id: 'e1', communityId: 'c1', resolutionId: 'a', escalatedAt: NOON('2026-04-20') },
      { _id: 'e2', communityId: 'c1', resolutionId: 'a', escalatedAt: NOON('2026-05-20') },
      { _id: 'e3', communityId: 'c1', resolutionId: 'b', escalatedAt: NOON('2026-03-20'), supervisedAt: NOON('2026-04-01') },
      { _id: 'e4', communityId: 'c1', resolutionId: 'c', escalatedAt: NOON('2026-03-20') },
    ]
    const review = quarterReview(items, escalations, '2026-Q2', NOON('2026-07-10'))
    expect(review.needingCounty.map((r) => [r.resolutionId, r.escalations, r.supervised, r.open])).toEqual([
      ['a', 2, false, true],
      ['b', 0, true, false],
    ])
    expect({ decided: review.decided, completed: review.completed, stillOpen: review.stillOpen, openAtEnd: review.openAtEnd }).toEqual({ decided: 2, completed: 2, stillOpen: 1, openAtEnd: 1 })
  })
})

describe('yearSummary (年总结)', () => {
  const topics: CycleTopic[] = [
    { _id: 'tp1', communityId: 'c1', category: 'infrastructure', heldAt: NOON('2026-03-11'), attendance: { households: 40, invitedHouseholds: 60 }, counts: { joined: 180 } },
    { _id: 'tp2', communityId: 'c1', category: 'environment', heldAt: NOON('2026-06-10'), attendance: { households: 25, invitedHouseholds: 30 }, counts: { joined: 162 } },
    { _id: 'tp3', communityId: 'c1', category: 'environment', heldAt: NOON('2025-12-10'), attendance: { households: 99, invitedHouseholds: 99 }, counts: { joined: 99 } },
    { _id: 'tp4', communityId: 'c1', category: 'environment', heldAt: null, attendance: null, counts: { joined: 7 } },
  ]
  const items = [
    item('m1', { topicId: 'tp1', dueAt: END('2026-04-30'), resultPublishedAt: NOON('2026-04-01'), disclosures: [{ at: NOON('2026-03-20'), dueAt: END('2026-03-20') }, { at: NOON('2026-03-28'), dueAt: END('2026-03-27') }] as CycleItem['disclosures'] }),
    item('m2', { topicId: 'tp2', handlingFrom: NOON('2026-06-20'), dueAt: END('2026-07-31') }),
    item('m3', { topicId: 'tp2', passed: false, handlingFrom: NOON('2026-06-20') }),
    item('h1', { source: 'handle', topicId: null, category: 'public_order', decidedAt: NOON('2026-08-01'), handlingFrom: NOON('2026-08-01'), dueAt: END('2026-08-10'), resultPublishedAt: NOON('2026-08-12') }),
    item('old', { handlingFrom: NOON('2025-11-01') }),
  ]
  const ratings = [
    { resolutionId: 'm1', stars: 5, at: NOON('2026-04-02') },
    { resolutionId: 'm1', stars: 2, at: NOON('2026-04-03') },
    { resolutionId: 'h1', stars: 4, at: NOON('2026-08-13') },
    { resolutionId: 'old', stars: 1, at: NOON('2025-12-01') },
  ]
  const escalations: CycleEscalation[] = [
    { _id: 'e1', communityId: 'c1', resolutionId: 'h1', escalatedAt: NOON('2026-08-11') },
    { _id: 'e0', communityId: 'c1', resolutionId: 'old', escalatedAt: NOON('2025-12-11') },
  ]

  test('counts meetings, people, items by category and outcome, disclosures, satisfaction, overdue and escalations of the year', () => {
    const s = yearSummary({ items, topics, ratings, escalations }, 2026, NOON('2026-12-06'))
    expect(s).toEqual({
      year: 2026,
      meetings: 2,
      participants: 342,
      households: 65,
      items: 4,
      bySource: { meeting: 3, handle: 1, transfer: 0 },
      byCategory: { infrastructure: { done: 1, open: 0, rejected: 0 }, environment: { done: 0, open: 1, rejected: 1 }, public_order: { done: 1, open: 0, rejected: 0 } },
      disclosuresDue: 2,
      disclosuresOnTime: 1,
      onTimeRate: 0.5,
      ratings: 3,
      averageStars: 3.7,
      satisfiedRate: 2 / 3,
      overdue: 2, // m2 still open past its due date; h1 completed after it
      escalations: 1,
      phrase: '引导300余名居民、60余户参与议事，议事2次，议定事项4项',
    })
  })

  test('roughly writes figures as the seed does', () => {
    expect([roughly(7), roughly(42), roughly(40), roughly(300), roughly(342), roughly(1250)]).toEqual(['7', '40余', '40', '300', '300余', '1200余'])
  })
})

describe('supervision reply clock (督办)', () => {
  test('three working days, weekends skipped', () => {
    expect(addWorkingDays('2026-12-02', 3)).toBe('2026-12-07') // Wed → Mon
    expect(addWorkingDays('2026-12-05', 3)).toBe('2026-12-09') // Sat → Wed
  })
  test('due at the end of the Beijing day: issued late Friday night Beijing counts from that Friday', () => {
    // 2026-12-04 23:30 Beijing (Friday) is 15:30Z.
    expect(supervisionReplyDueAt(at('2026-12-04T15:30:00.000Z'))).toEqual(END('2026-12-09'))
  })
})
