import { startFlowCloud, expectOk, USERS, type FlowCloud } from '../support/flow'
import { answerSupervision, getTownshipOverview, listSupervisions, superviseEscalation } from '../../src/contracts/supervision'
import { supervisionReplyDueAt } from '../../src/domain/reports-cycle'

/**
 * Issue 12, the 督办 loop's clock through the real SDK: a supervision the community leaves unanswered past its reply
 * due date is escalated by the timer sweep to the county office (and the supervisor who issued it), exactly once;
 * one answered in time is never escalated. The counts come from the sweep's own result, the outbox and the ledger.
 */

const DAY = 86_400_000
let cloud: FlowCloud

const supervisionKeys = () =>
  (cloud.store.find('sweep_ledger', { at: { $gte: new Date(0) } }) as unknown as { _id: string; state: string }[]).filter((e) => e._id.startsWith('escalate:supervisionReply:'))
const overdueMessagesTo = (openid: string) => cloud.outbox().filter((m) => m.touser === openid && JSON.stringify(m).includes('督办未回复'))
const escalation = (id: string) => (cloud.store.find('escalations', { communityId: 'c_pingshan' }) as unknown as { _id: string; supervision: { overdueEscalatedAt?: Date | null } | null; supervisionReplyPendingDueAt?: Date | null }[]).find((e) => e._id === id)!

beforeAll(async () => {
  cloud = await startFlowCloud()
  const at = new Date(cloud.now().getTime() - 10 * DAY)
  const esc = (id: string, text: string) => ({ _id: id, communityId: 'c_pingshan', townshipId: 'ts_pingshan', resolutionId: `${id}-item`, ratingId: null, topicId: null, deadline: 'handling', dueAt: at, escalatedAt: at, text })
  cloud.store.insert('escalations', [esc('ovd-unanswered', '路灯维修逾期未办结'), esc('ovd-answered', '垃圾清运逾期未公示')])
}, 30000)
afterAll(async () => {
  await cloud?.dispose()
})

describe('督办 unanswered by its reply due date: the sweep escalates it to the county office once', () => {
  test('within the due date nothing is escalated; after it, the unanswered one once across two runs, the answered one never', async () => {
    const now = cloud.now()
    expectOk(await cloud.call(USERS.township, superviseEscalation, { escalationId: 'ovd-unanswered', note: '请三日内回复' }))
    expectOk(await cloud.call(USERS.township, superviseEscalation, { escalationId: 'ovd-answered', note: '请三日内回复' }))
    expectOk(await cloud.call(USERS.staff, answerSupervision, { escalationId: 'ovd-answered', text: '已安排清运，明日公示' }))

    // Still within the reply due date: the sweep owes nothing for either.
    expect(await cloud.fireSweep()).toMatchObject({ escalated: 0 })
    expect(supervisionKeys()).toHaveLength(0)

    // Just past the due date (3 working days, end of that Beijing day).
    cloud.advance(supervisionReplyDueAt(now).getTime() - cloud.now().getTime() + 60_000)
    const first = await cloud.fireSweep()
    expect(first).toMatchObject({ planned: 1, escalated: 1, sent: 0, skipped: 0 })
    const second = await cloud.fireSweep()
    expect(second).toMatchObject({ planned: 0, escalated: 0, sent: 0, skipped: 0 })
    cloud.advance(DAY)
    expect(await cloud.fireSweep()).toMatchObject({ escalated: 0 })

    expect(supervisionKeys().map((e) => [e._id.split(':')[2], e.state])).toEqual([['ovd-unanswered', 'sent']])
    expect(overdueMessagesTo(USERS.county)).toHaveLength(1)
    expect(overdueMessagesTo(USERS.township)).toHaveLength(1)
    expect(escalation('ovd-unanswered').supervision!.overdueEscalatedAt).toBeInstanceOf(Date)
    expect(escalation('ovd-unanswered').supervisionReplyPendingDueAt).toBeNull()
    expect(escalation('ovd-answered').supervision!.overdueEscalatedAt ?? null).toBeNull()
    // The workbench shows which 督办 went to the county office.
    const views = expectOk(await cloud.call(USERS.township, getTownshipOverview, {})).escalations
    expect(views.filter((e) => e.supervision?.escalatedToCountyAt).map((e) => e.id)).toEqual(['ovd-unanswered'])
  })

  test('the community lists the 督办 addressed to it, the unanswered one first with its answer offered; another community sees none of them', async () => {
    const mine = expectOk(await cloud.call(USERS.staff, listSupervisions, {})).escalations
    expect(mine.map((e) => [e.id, e.supervision!.answer ? 'answered' : 'owed', e.supervision!.replyOverdue, e.allowedActions])).toEqual([
      ['ovd-unanswered', 'owed', true, ['answerSupervision']],
      ['ovd-answered', 'answered', false, []],
    ])
    expect(expectOk(await cloud.call(USERS.otherStaff, listSupervisions, {})).escalations).toEqual([])
    // Answered late, it leaves the owed group and is not escalated again.
    expectOk(await cloud.call(USERS.staff, answerSupervision, { escalationId: 'ovd-unanswered', text: '已修复路灯，补报回复' }))
    expect(expectOk(await cloud.call(USERS.staff, listSupervisions, {})).escalations.every((e) => e.supervision!.answer)).toBe(true)
    expect(await cloud.fireSweep()).toMatchObject({ planned: 0, escalated: 0 })
  })

  test('every query the new step and the list make is served by a declared index', () => {
    expect(cloud.store.unindexed).toEqual([])
  })
})
