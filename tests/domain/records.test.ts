import { newRating, newReport, newResolutions, newTopic, newTopicEvent, resolutionId } from '../../src/domain/records'
import { at } from './fixtures'

const TOPIC = { _id: 'tp1', communityId: 'c1' }
const vote = (f: number, a: number, ab = 0) => ({ for: f, against: a, abstain: ab })
const item = (title: string, v: ReturnType<typeof vote>) => ({ title, vote: v, assigneeName: '张三', assigneeOpenid: null, dueDate: '2026-04-30' })

describe('newResolutions: quorum, pass and due date', () => {
  test('with the quorum, an item passes on more than half of the votes cast; ids follow the meeting order', () => {
    const [a, b] = newResolutions(TOPIC, 't1', { quorumMet: true }, [item('甲', vote(6, 4)), item('乙', vote(5, 5))])
    expect([a!._id, a!.passed, b!._id, b!.passed]).toEqual(['tp1_r01', true, 'tp1_r02', false])
  })
  test('without the quorum nothing passes', () => {
    const [a] = newResolutions(TOPIC, 't1', { quorumMet: false }, [item('甲', vote(20, 0))])
    expect(a!.passed).toBe(false)
  })
  test('due by the end of the Beijing date; no clock runs before the notice closes', () => {
    const [a] = newResolutions(TOPIC, 't1', { quorumMet: true }, [item('甲', vote(6, 4))])
    expect(a!.dueAt).toEqual(at('2026-04-30T15:59:59.999Z'))
    expect([a!.handlingFrom, a!.disclosureDueAt, a!.openDueAt, a!.resultPublishedAt]).toEqual([null, null, null, null])
  })
  test('resolutionId pads to two digits', () => {
    expect(resolutionId('tp9', 9)).toBe('tp9_r10')
  })
})

test('newTopic: published with nothing after it and version 1', () => {
  const t = newTopic({
    id: 'tp1', communityId: 'c1', title: 't', description: 'd', category: 'other', reportIds: [], meetingPlace: 'p',
    meetingAt: at('2026-03-11T11:00:00Z'), invitees: [], requiresFourDeliberations: true, publishedAt: at('2026-03-01T02:00:00Z'), publishedBy: 'o-staff',
  })
  expect([t.gridId, t.heldAt, t.noticedAt, t.resultPublishedAt, t.version, t.counts.joined, t.deliberations]).toEqual([null, null, null, null, 1, 0, []])
})

test('newRating: a low rating owes a reply (pending until given); a good one owes none', () => {
  const base = { id: 'rt1', resolution: { _id: 'r1', topicId: 'tp1', communityId: 'c1' }, rater: { openid: 'o', displayName: '李四' }, comment: '', at: at('2026-04-01T02:00:00Z'), settings: { lowRatingReplyDays: 3 } }
  const low = newRating({ ...base, stars: 2 })
  expect([low.replyDueAt, low.pendingReplyDueAt]).toEqual([at('2026-04-04T15:59:59.999Z'), at('2026-04-04T15:59:59.999Z')])
  const good = newRating({ ...base, stars: 4 })
  expect([good.replyDueAt, good.pendingReplyDueAt]).toEqual([null, null])
})

test('newReport: a report held for review says so on its timeline', () => {
  const draft = {
    id: 'rp1', communityId: 'c1', gridId: 'g1', buildingId: null, reporter: { openid: 'o', displayName: '李四' }, clientRequestId: 'r', text: 't',
    category: 'other' as const, photos: [], location: null, submittedAt: at('2026-03-01T01:00:00Z'),
  }
  expect(newReport({ ...draft, heldForReview: false }).timeline.map((e) => e.kind)).toEqual(['submitted'])
  const held = newReport({ ...draft, heldForReview: true })
  expect([held.heldForReviewAt, held.timeline.map((e) => e.kind)]).toEqual([at('2026-03-01T01:00:00Z'), ['submitted', 'held']])
})

test('newTopicEvent: an action without a caller is recorded as the system', () => {
  expect(newTopicEvent(TOPIC, null, at('2026-03-01T01:00:00Z'), 'swept', 's')).toMatchObject({ actorOpenid: '', actorRole: 'system', data: {} })
})
