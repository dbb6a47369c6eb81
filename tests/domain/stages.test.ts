import { flowStep, reportStatus, resolutionStatus, topicStage, type TopicStage } from '../../src/domain/stages'
import { NOTICE_CLOSES, NOTICE_PUBLISHED, at, plusMs, report, resolution, topic } from './fixtures'

const HELD = at('2026-03-11T12:30:00Z')
const RESULT = at('2026-04-20T02:00:00Z')
const NOTICE = { revision: 1, text: '拟办意见', publishedAt: NOTICE_PUBLISHED, closesAt: NOTICE_CLOSES, by: 's', reason: null }

const BEFORE_CLOSE = at('2026-03-15T02:00:00Z')
const AT_CLOSE = NOTICE_CLOSES
const JUST_AFTER_CLOSE = plusMs(NOTICE_CLOSES, 1)

describe('topicStage for every milestone combination', () => {
  // [heldAt, noticedAt, notice, resultPublishedAt, now, expected]
  type Row = [boolean, boolean, boolean, boolean, Date, TopicStage]
  const rows: Row[] = [
    // nothing yet
    [false, false, false, false, JUST_AFTER_CLOSE, 'published'],
    [true, false, false, false, JUST_AFTER_CLOSE, 'deliberated'],
    // half a notice (one of the two fields) is no notice
    [true, true, false, false, JUST_AFTER_CLOSE, 'deliberated'],
    [true, false, true, false, JUST_AFTER_CLOSE, 'deliberated'],
    [false, true, false, false, JUST_AFTER_CLOSE, 'published'],
    [false, false, true, false, JUST_AFTER_CLOSE, 'published'],
    // a notice: open until and including the instant it closes, handling from the next millisecond
    [true, true, true, false, NOTICE_PUBLISHED, 'noticed'],
    [true, true, true, false, BEFORE_CLOSE, 'noticed'],
    [true, true, true, false, AT_CLOSE, 'noticed'],
    [true, true, true, false, JUST_AFTER_CLOSE, 'handling'],
    [true, true, true, false, at('2026-05-01T00:00:00Z'), 'handling'],
    [false, true, true, false, AT_CLOSE, 'noticed'],
    [false, true, true, false, JUST_AFTER_CLOSE, 'handling'],
    // a published result wins over everything else
    [true, true, true, true, BEFORE_CLOSE, 'resultPublished'],
    [true, true, true, true, JUST_AFTER_CLOSE, 'resultPublished'],
    [true, true, false, true, JUST_AFTER_CLOSE, 'resultPublished'],
    [true, false, true, true, JUST_AFTER_CLOSE, 'resultPublished'],
    [true, false, false, true, JUST_AFTER_CLOSE, 'resultPublished'],
    [false, false, false, true, JUST_AFTER_CLOSE, 'resultPublished'],
    [false, true, true, true, JUST_AFTER_CLOSE, 'resultPublished'],
    [false, true, false, true, JUST_AFTER_CLOSE, 'resultPublished'],
    [false, false, true, true, JUST_AFTER_CLOSE, 'resultPublished'],
  ]
  test.each(rows)('held=%s noticedAt=%s notice=%s result=%s at %s → %s', (held, noticedAt, notice, result, now, expected) => {
    const t = topic({
      heldAt: held ? HELD : null,
      noticedAt: noticedAt ? NOTICE_PUBLISHED : null,
      notice: notice ? NOTICE : null,
      resultPublishedAt: result ? RESULT : null,
    })
    expect(topicStage(t, now)).toBe(expected)
  })
})

describe('flowStep: the four public steps', () => {
  test.each([
    ['published', 1, true],
    ['deliberated', 2, true],
    ['noticed', 3, false],
    ['handling', 3, true],
    ['resultPublished', 4, true],
  ] as const)('%s → step %i done=%s', (stage, step, done) => {
    expect(flowStep(stage)).toEqual({ step, done })
  })
})

describe('resolutionStatus', () => {
  const HANDLING_FROM = NOTICE_CLOSES
  const DISCLOSURE_DUE = at('2026-03-24T15:59:59.999Z')
  const handling = { passed: true, handlingFrom: HANDLING_FROM, disclosureDueAt: DISCLOSURE_DUE, resultPublishedAt: null }
  test.each([
    ['rejected item', { ...handling, passed: false }, at('2026-03-20T00:00:00Z'), 'rejected'],
    ['rejected even with a result', { ...handling, passed: false, resultPublishedAt: RESULT }, at('2026-04-21T00:00:00Z'), 'rejected'],
    ['rejected before the notice closes', { passed: false, handlingFrom: null, disclosureDueAt: null, resultPublishedAt: null }, BEFORE_CLOSE, 'rejected'],
    ['no clock yet', { passed: true, handlingFrom: null, disclosureDueAt: null, resultPublishedAt: null }, BEFORE_CLOSE, 'awaitingNotice'],
    ['1 ms before the clock starts', handling, plusMs(HANDLING_FROM, -1), 'awaitingNotice'],
    ['the notice\'s last instant: objections still open, handling not yet', handling, HANDLING_FROM, 'awaitingNotice'],
    ['1 ms after the notice closes', handling, plusMs(HANDLING_FROM, 1), 'handling'],
    ['while the disclosure is not yet due', handling, at('2026-03-20T00:00:00Z'), 'handling'],
    ['exactly at the disclosure deadline (its last millisecond)', handling, DISCLOSURE_DUE, 'handling'],
    ['1 ms after the disclosure deadline', handling, plusMs(DISCLOSURE_DUE, 1), 'overdue'],
    ['long after the disclosure deadline', handling, at('2026-06-01T00:00:00Z'), 'overdue'],
    ['handling without a disclosure deadline', { ...handling, disclosureDueAt: null }, at('2026-06-01T00:00:00Z'), 'handling'],
    ['done', { ...handling, resultPublishedAt: RESULT }, at('2026-04-21T00:00:00Z'), 'done'],
    ['done although its old disclosure deadline has passed', { ...handling, resultPublishedAt: RESULT }, plusMs(DISCLOSURE_DUE, 1), 'done'],
  ] as const)('%s → %s', (_name, r, now, expected) => {
    expect(resolutionStatus(resolution({ ...r }), now)).toBe(expected)
  })
})

describe('reportStatus', () => {
  const triage = (kind: 'reply' | 'handle' | 'transfer' | 'topic') => ({ kind, by: 'o-grid', byName: '网格员', note: '', department: null, topicId: null })
  const HELD_AT = at('2026-03-01T01:00:01Z')
  const CLEARED_AT = at('2026-03-01T03:00:00Z')
  test.each([
    ['fresh', {}, 'submitted'],
    ['held for review', { heldForReviewAt: HELD_AT }, 'heldForReview'],
    ['held then cleared', { heldForReviewAt: HELD_AT, clearedAt: CLEARED_AT }, 'submitted'],
    ['replied', { triage: triage('reply') }, 'replied'],
    ['handled locally', { triage: triage('handle') }, 'handling'],
    ['transferred', { triage: triage('transfer') }, 'transferred'],
    ['taken into a topic', { triage: triage('topic') }, 'inTopic'],
    ['cleared and taken into a topic', { heldForReviewAt: HELD_AT, clearedAt: CLEARED_AT, triage: triage('topic') }, 'inTopic'],
  ] as const)('%s → %s', (_name, over, expected) => {
    expect(reportStatus(report({ ...over }))).toBe(expected)
  })
})
