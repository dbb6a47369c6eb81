import { decide } from '../../src/domain/policy'
import { confirmTransition } from '../../src/domain/transitions'
import { newTriageItem, itemHistoryKey } from '../../src/domain/records'
import { itemSource } from '../../src/domain/items'
import { resolutionStatus } from '../../src/domain/stages'
import { DEFAULT_SETTINGS } from '../../src/domain/model'
import { COMMUNITY, GRID, TOWNSHIP, actor, at, report, resolution } from './fixtures'

const TRIAGED = at('2026-03-02T02:00:00Z') // Beijing 2026-03-02 10:00
const place = { communityId: COMMUNITY, townshipId: TOWNSHIP, gridId: GRID }
const item = () =>
  newTriageItem({ report: report(), townshipId: TOWNSHIP, kind: 'handle', assigneeName: '王网格', assigneeOpenid: 'o-grid_worker', departmentId: null, dueDate: '2026-03-20', at: TRIAGED, settings: DEFAULT_SETTINGS })

describe('a 三单 item as triage creates it', () => {
  test('is passed, has no topic, and its clocks start at the triage instant: disclosure 7 days on, due by the end of its Beijing date', () => {
    const r = item()
    expect(itemSource(r)).toBe('handle')
    expect(r.topicId).toBeNull()
    expect(r.reportId).toBe('rp1')
    expect(r.decidedAt).toEqual(TRIAGED)
    expect(r.handlingFrom).toEqual(TRIAGED)
    expect(r.disclosureDueAt).toEqual(at('2026-03-09T15:59:59.999Z'))
    expect(r.dueAt).toEqual(at('2026-03-20T15:59:59.999Z'))
    expect(r.openDueAt).toEqual(r.dueAt)
    expect(resolutionStatus(r, at('2026-03-03T00:00:00Z'))).toBe('handling')
    expect(resolutionStatus(r, at('2026-03-10T00:00:00Z'))).toBe('overdue')
  })
  test('its history is filed under its report', () => {
    expect(itemHistoryKey(item())).toBe('rp1')
    expect(itemHistoryKey(resolution())).toBe('tp1')
  })
  test('an old document without a source reads as a meeting item', () => {
    expect(itemSource({})).toBe('meeting')
  })
})

describe('confirmResult: the reporter confirms a 三单 result once', () => {
  const RESULT = at('2026-03-15T02:00:00Z')
  const NOW = at('2026-03-16T02:00:00Z')
  const done = (over = {}) => ({ ...item(), resultPublishedAt: RESULT, disclosureDueAt: null, openDueAt: null, ...over })
  const code = (d: ReturnType<typeof decide>) => (d.allowed ? 'ALLOWED' : d.code)
  test('the reporter may confirm; a neighbour may not', () => {
    expect(code(decide('confirmResult', actor('resident'), { ...place, resolution: done(), report: report() }, NOW))).toBe('ALLOWED')
    expect(code(decide('confirmResult', actor('resident', { openid: 'o-other' }), { ...place, resolution: done(), report: report() }, NOW))).toBe('FORBIDDEN')
  })
  test('not before the result, not on a meeting item, not twice for one result', () => {
    expect(code(decide('confirmResult', actor('resident'), { ...place, resolution: item(), report: report() }, NOW))).toBe('WRONG_STAGE')
    expect(code(decide('confirmResult', actor('resident'), { ...place, resolution: resolution({ resultPublishedAt: RESULT }), report: report() }, NOW))).toBe('WRONG_STAGE')
    const confirmed = done({ confirmation: { solved: true, at: NOW, by: 'o-resident' } })
    expect(code(decide('confirmResult', actor('resident'), { ...place, resolution: confirmed, report: report() }, NOW))).toBe('ALREADY_DONE')
  })
  test('on a 三单 item only its reporter may rate the result', () => {
    expect(code(decide('rateResult', actor('resident'), { ...place, resolution: done(), report: report() }, NOW))).toBe('ALLOWED')
    expect(code(decide('rateResult', actor('representative'), { ...place, resolution: done(), report: report() }, NOW))).toBe('FORBIDDEN')
  })
  test('已解决 records the confirmation and leaves the result', () => {
    expect(confirmTransition(done(), { solved: true, by: 'o-resident' }, NOW, DEFAULT_SETTINGS)).toEqual({ confirmation: { solved: true, at: NOW, by: 'o-resident' } })
  })
  test('未解决 reopens: the result is withdrawn and the disclosure clock restarts from the confirmation', () => {
    const patch = confirmTransition(done(), { solved: false, by: 'o-resident' }, NOW, DEFAULT_SETTINGS)
    expect(patch).toEqual({
      confirmation: { solved: false, at: NOW, by: 'o-resident' },
      resultPublishedAt: null,
      reopenedAt: NOW,
      disclosureDueAt: at('2026-03-23T15:59:59.999Z'),
      openDueAt: at('2026-03-20T15:59:59.999Z'),
    })
    const reopened = { ...done(), ...patch }
    expect(resolutionStatus(reopened, NOW)).toBe('handling')
  })
  test('未解决 past the time limit keeps the item open until the next disclosure is owed', () => {
    const late = at('2026-03-25T02:00:00Z')
    expect(confirmTransition(done(), { solved: false, by: 'o-resident' }, late, DEFAULT_SETTINGS).openDueAt).toEqual(at('2026-04-01T15:59:59.999Z'))
  })
})
