import { startFlowCloud, USERS, type FlowCloud } from '../support/flow'
import { SUPERVISION_REPLY_BACKFILL_KEY } from '../../cloudfunctions/sweep/migrations'

/**
 * Issue 12, the one-time backfill of `supervisionReplyPendingDueAt` (cloudfunctions/sweep/migrations.ts) through the
 * real SDK: escalations supervised before the field existed, stored as such documents were, are picked up by the
 * sweep's supervision clock after its first run; answered, already escalated and unsupervised ones are left alone;
 * running the backfill again (its record in `migrations` removed) changes nothing.
 */

const DAY = 86_400_000
let cloud: FlowCloud

type Doc = { _id: string; supervision: { overdueEscalatedAt?: Date | null } | null; supervisionReplyPendingDueAt?: Date | null }
const escalation = (id: string) => (cloud.store.find('escalations', { _id: id }) as unknown as Doc[])[0]!
/** The field as stored: 'absent' when the document lacks it. */
const pending = (id: string) => {
  const e = escalation(id)
  return 'supervisionReplyPendingDueAt' in e ? (e.supervisionReplyPendingDueAt ?? null) : 'absent'
}
const overdueMessagesTo = (openid: string) => cloud.outbox().filter((m) => m.touser === openid && JSON.stringify(m).includes('督办未回复'))

let soonDue: Date
let pastDue: Date

beforeAll(async () => {
  cloud = await startFlowCloud()
  const now = cloud.now()
  const at = new Date(now.getTime() - 10 * DAY)
  pastDue = new Date(now.getTime() - DAY)
  soonDue = new Date(now.getTime() + 2 * DAY)
  const supervision = (replyDueAt: Date, extra: Record<string, unknown> = {}) => ({ at, by: USERS.township, byName: '何督办', note: '请三日内回复', replyDueAt, answer: null, ...extra })
  const esc = (id: string, s: Record<string, unknown> | null) => ({
    _id: id, communityId: 'c_pingshan', townshipId: 'ts_pingshan', resolutionId: `${id}-item`, ratingId: null, topicId: null,
    deadline: 'handling', dueAt: at, escalatedAt: at, text: `${id} 逾期`, supervisedAt: s ? at : null, supervision: s,
  })
  // Documents as written before the field existed: no supervisionReplyPendingDueAt at all.
  cloud.store.insert('escalations', [
    esc('old-overdue', supervision(pastDue)),
    esc('old-waiting', supervision(soonDue)),
    esc('old-answered', supervision(pastDue, { answer: { text: '已处理', at, by: USERS.staff, byName: '刘社工' } })),
    esc('old-escalated', supervision(pastDue, { overdueEscalatedAt: at })),
    esc('old-unsupervised', null),
  ])
}, 30000)
afterAll(async () => {
  await cloud?.dispose()
})

describe('supervisions recorded before supervisionReplyPendingDueAt: the sweep backfills the field once', () => {
  test('the first run sets it on unanswered, never escalated supervisions only, and escalates the overdue one in the same run', async () => {
    const first = await cloud.fireSweep()
    expect(first).toMatchObject({ escalated: 1 })
    expect(pending('old-overdue')).toBeNull()
    expect(escalation('old-overdue').supervision!.overdueEscalatedAt).toBeInstanceOf(Date)
    expect(pending('old-waiting')).toEqual(soonDue)
    expect(pending('old-answered')).toBe('absent')
    expect(pending('old-escalated')).toBe('absent')
    expect(pending('old-unsupervised')).toBe('absent')
    expect(overdueMessagesTo(USERS.county)).toHaveLength(1)
    expect((cloud.store.find('migrations', { _id: SUPERVISION_REPLY_BACKFILL_KEY }) as unknown as { state: string; changed: number }[]).map((e) => [e.state, e.changed])).toEqual([['done', 2]])
  })

  test('a second run, and a re-run of the backfill itself with its record removed, change nothing', async () => {
    expect(await cloud.fireSweep()).toMatchObject({ escalated: 0 })
    cloud.store.remove('migrations', { _id: SUPERVISION_REPLY_BACKFILL_KEY }, false)
    expect(await cloud.fireSweep()).toMatchObject({ escalated: 0 })
    expect(pending('old-overdue')).toBeNull()
    expect(pending('old-waiting')).toEqual(soonDue)
    expect(pending('old-answered')).toBe('absent')
    expect(pending('old-escalated')).toBe('absent')
    expect(overdueMessagesTo(USERS.county)).toHaveLength(1)
  })

  test('the backfilled supervision is escalated by the clock once its reply due date passes', async () => {
    cloud.advance(soonDue.getTime() - cloud.now().getTime() + 60_000)
    expect(await cloud.fireSweep()).toMatchObject({ escalated: 1 })
    expect(pending('old-waiting')).toBeNull()
    expect(overdueMessagesTo(USERS.county)).toHaveLength(2)
  })

  test('every query the backfill makes is served by a declared index', () => {
    expect(cloud.store.unindexed).toEqual([])
  })
})
