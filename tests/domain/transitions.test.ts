import { callbackTransition, topicResultDue } from '../../src/domain/transitions'
import { at, resolution } from './fixtures'

const SETTINGS = { disclosurePeriodDays: 7 }

describe('last passed item done → topic result published', () => {
  const done = { passed: true, resultPublishedAt: at('2026-04-10T02:00:00Z') }
  const open = { passed: true, resultPublishedAt: null }
  const rejected = { passed: false, resultPublishedAt: null }

  test('due when every passed item has its result', () => {
    expect(topicResultDue([done, done])).toBe(true)
  })
  test('not due while a passed item is still open', () => {
    expect(topicResultDue([done, open])).toBe(false)
  })
  test('rejected items need no result', () => {
    expect(topicResultDue([done, rejected])).toBe(true)
  })
})

describe('callback: "fixed" records, "not fixed" reopens', () => {
  // Result published on Beijing 2026-04-10; callback on Beijing 2026-05-12 (10:00).
  const item = resolution({ resultPublishedAt: at('2026-04-10T02:00:00Z'), dueAt: at('2026-04-30T15:59:59.999Z') })
  const now = at('2026-05-12T02:00:00Z')

  test('"fixed" records the callback against the list month it answers and changes nothing else', () => {
    const t = callbackTransition(item, { month: '2026-04', outcome: 'fixed', note: '已修好', by: 'o-staff' }, now, SETTINGS)
    expect(t.withdrawsTopicResult).toBe(false)
    expect(t.patch).toEqual({ callback: { month: '2026-04', outcome: 'fixed', note: '已修好', at: now, by: 'o-staff' } })
  })

  test('"not fixed" withdraws the result (the topic\'s too), restarts the disclosure clock and reopens the item', () => {
    const t = callbackTransition(item, { month: '2026-04', outcome: 'not_fixed', note: '还在漏水', by: 'o-staff' }, now, SETTINGS)
    expect(t.withdrawsTopicResult).toBe(true)
    // 7 Beijing days after 2026-05-12: the end of Beijing 2026-05-19.
    const nextDue = at('2026-05-19T15:59:59.999Z')
    expect(t.patch).toEqual({
      callback: { month: '2026-04', outcome: 'not_fixed', note: '还在漏水', at: now, by: 'o-staff' },
      resultPublishedAt: null,
      reopenedAt: now,
      disclosureDueAt: nextDue,
      // The item's own limit (April 30) has passed: it stays open until the next disclosure is owed.
      openDueAt: nextDue,
    })
  })

  test('"not fixed" before the item\'s own limit keeps that limit as the open deadline', () => {
    const later = resolution({ resultPublishedAt: at('2026-04-10T02:00:00Z'), dueAt: at('2026-06-30T15:59:59.999Z') })
    const t = callbackTransition(later, { month: '2026-04', outcome: 'not_fixed', note: '', by: 'o-staff' }, now, SETTINGS)
    expect(t.patch.openDueAt).toEqual(at('2026-06-30T15:59:59.999Z'))
  })

  test('on an item still being handled (decided last month, no result yet) the finding is recorded and nothing reopens', () => {
    const open = resolution({ resultPublishedAt: null, dueAt: at('2026-06-30T15:59:59.999Z') })
    const t = callbackTransition(open, { month: '2026-04', outcome: 'not_fixed', note: '进度慢', by: 'o-staff' }, now, SETTINGS)
    expect(t).toEqual({ patch: { callback: { month: '2026-04', outcome: 'not_fixed', note: '进度慢', at: now, by: 'o-staff' } }, withdrawsTopicResult: false })
  })
})
