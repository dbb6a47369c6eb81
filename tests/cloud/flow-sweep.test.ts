import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startFlowCloud, subscribeEveryone, expectOk, expectFail, USERS, DAY, type FlowCloud } from '../support/flow'
import { startTestCloud } from '../support/local-cloud'
import { publishTopic, recordMeeting, publishNotice } from '../../src/contracts/topics'
import { publishProgress, publishResult, rateResult, replyToRating } from '../../src/contracts/resolutions'
import { getBoard, sweepDeadlines } from '../../src/contracts/board'
import type { Outcome } from '../../src/contracts/action'
import type { OutboxMessage } from '../../local-cloudbase/openapi'
import { runSweep, CLAIM_STALE_MS, type SweepResult } from '../../cloudfunctions/sweep/sweep'
import type { PlannedSend } from '../../src/domain/reminders'

/**
 * The deadline sweep, through the real functions on the local CloudBase: reminders the Beijing day before and on the
 * day a progress disclosure is due, an escalation once it has passed, each exactly once whatever the number of runs,
 * and exactly once overall across a run that crashed mid-way.
 *
 * Calendar values are computed here independently of src/domain/calendar.ts: Beijing is UTC+8, so Beijing date D
 * starts at (D-1)T16:00Z and a deadline "on D" ends at DT15:59:59.999Z.
 */
const H = 3600_000
const bjDate = (at: Date | string | number): string => new Date(new Date(at).getTime() + 8 * H).toISOString().slice(0, 10)
const plusDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)
/** The instant of Beijing wall time hh:mm on date. */
const bjAt = (date: string, hhmm: string): Date => new Date(Date.parse(`${date}T${hhmm}:00+08:00`))
const endOfBjDay = (date: string): string => `${date}T15:59:59.999Z`

async function fireSweep(cloud: FlowCloud): Promise<SweepResult> {
  const r = await cloud.functions.fireTimer('sweep')
  if (!r.ok) throw new Error(`timer run failed at the platform: ${r.errCode} ${r.errMsg}`)
  expect(r.attempts).toBe(1)
  return expectOk(r.result as Outcome<SweepResult>)
}
function newMessages(cloud: FlowCloud, before: number): OutboxMessage[] {
  return cloud.outbox().slice(before)
}
const ledger = (cloud: FlowCloud) => cloud.store.find('sweep_ledger', { at: { $gte: new Date(0) } }) as unknown as { _id: string; state: string }[]
const escalations = (cloud: FlowCloud, communityId = 'c_pingshan') =>
  cloud.store.find('escalations', { communityId }) as unknown as { _id: string; resolutionId: string; ratingId: string | null; deadline: string; dueAt: Date; escalatedAt: Date }[]

interface Item {
  title: string
  assigneeName: string
  assigneeOpenid: string | null
  vote?: { for: number; against: number; abstain: number }
}

/** publishTopic → recordMeeting → publishNotice; returns the topic id, the resolution ids (in order) and the notice. */
async function noticedTopic(cloud: FlowCloud, key: string, items: Item[]) {
  const topic = expectOk(
    await cloud.call(USERS.staff, publishTopic, {
      title: `议题${key}`,
      description: '居民反映的问题，提请面对面议事。',
      category: 'infrastructure',
      meetingPlace: '社区议事厅',
      clientRequestId: `sweep-topic-${key}`,
    }),
  ).topic
  const dueDate = bjDate(cloud.now().getTime() + 60 * DAY)
  const held = expectOk(
    await cloud.call(USERS.staff, recordMeeting, {
      topicId: topic.id,
      attendance: { households: 20, invitedHouseholds: 30 },
      minutes: '面对面议事，逐项表决。',
      resolutions: items.map((i) => ({ title: i.title, vote: i.vote ?? { for: 18, against: 1, abstain: 1 }, assigneeName: i.assigneeName, assigneeOpenid: i.assigneeOpenid, dueDate })),
    }),
  ).topic
  const noticed = expectOk(await cloud.call(USERS.staff, publishNotice, { topicId: topic.id, text: '拟办意见公告：按议定事项办理。' })).topic
  return { topicId: topic.id, resolutions: noticed.resolutions, held, noticed }
}

describe('reminders and escalation on the disclosure clock', () => {
  let cloud: FlowCloud
  beforeAll(async () => {
    cloud = await startFlowCloud()
  })
  afterAll(async () => {
    await cloud.dispose()
  })

  let A: string
  let B: string
  let C: string
  let D: string // the Beijing date the first progress disclosure is due
  let firstDue: Date

  test('no reminder while nothing is due; the day before, a "明天到期" reminder exactly once', async () => {
    const setup = await noticedTopic(cloud, 'cycle-0001', [
      { title: '修复路灯', assigneeName: '陈志强', assigneeOpenid: USERS.gridEast },
      { title: '清理楼道', assigneeName: '刘书记', assigneeOpenid: null },
      { title: '拆除围墙', assigneeName: '刘书记', assigneeOpenid: USERS.staff, vote: { for: 3, against: 15, abstain: 2 } },
    ])
    ;[A, B, C] = setup.resolutions.map((r) => r.id) as [string, string, string]
    expect(setup.resolutions.map((r) => r.passed)).toEqual([true, true, false])
    // The notice closes at the end of the 5th Beijing day after it; the first disclosure is due 7 days later.
    const noticeDay = bjDate(cloud.now())
    expect(setup.noticed.notice!.closesAt).toBe(endOfBjDay(plusDays(noticeDay, 5)))
    D = plusDays(noticeDay, 12)
    expect(setup.resolutions[0]!.disclosureDueAt).toBe(endOfBjDay(D))
    expect(setup.resolutions[1]!.disclosureDueAt).toBe(endOfBjDay(D))
    expect(setup.resolutions[2]!.disclosureDueAt).toBeNull()
    firstDue = new Date(endOfBjDay(D))

    // Now, and two days before the deadline, nothing is in the window.
    expect(await fireSweep(cloud)).toEqual({ planned: 0, sent: 0, escalated: 0, skipped: 0 })
    cloud.advanceTo(bjAt(plusDays(D, -2), '23:05'))
    expect(await fireSweep(cloud)).toEqual({ planned: 0, sent: 0, escalated: 0, skipped: 0 })

    // 00:05 Beijing on the day before (16:05 UTC, still two days before by the UTC calendar): the hourly run reminds.
    cloud.advanceTo(bjAt(plusDays(D, -1), '00:05'))
    const before = cloud.outbox().length
    expect(await fireSweep(cloud)).toEqual({ planned: 2, sent: 2, escalated: 0, skipped: 0 })
    const sent = newMessages(cloud, before)
    // A goes to its assignee; B has no assignee account, so to the community's staff. C did not pass: nothing.
    expect(sent.map((m) => m.touser).sort()).toEqual([USERS.gridEast, USERS.staff].sort())
    for (const m of sent) {
      expect(m.templateId).toBe('local-tpl-deadline')
      expect(m.data.phrase2!.value).toBe('即将到期')
      expect(m.data.thing4!.value).toContain('明天')
      // The time shown to the user is the deadline in Beijing time, not the UTC wall clock.
      expect(m.data.time3!.value).toBe(`${D} 23:59`)
    }
    expect(sent.find((m) => m.touser === USERS.gridEast)!.data.thing1!.value).toBe('修复路灯')
    expect(sent.find((m) => m.touser === USERS.staff)!.data.thing1!.value).toBe('清理楼道')
    const keys = ledger(cloud)
    expect(keys.map((k) => k._id).sort()).toEqual([`remindBefore:disclosure:${A}:${firstDue.getTime()}`, `remindBefore:disclosure:${B}:${firstDue.getTime()}`].sort())
    expect(keys.every((k) => k.state === 'sent')).toBe(true)
  })

  test('firing again sends nothing new: the outbox is unchanged and the result counts the sends as skipped', async () => {
    const before = cloud.outbox().length
    expect(await fireSweep(cloud)).toEqual({ planned: 2, sent: 0, escalated: 0, skipped: 2 })
    cloud.advance(H) // the next hourly run, same Beijing day
    expect(await fireSweep(cloud)).toEqual({ planned: 2, sent: 0, escalated: 0, skipped: 2 })
    expect(cloud.outbox()).toHaveLength(before)
    expect(ledger(cloud)).toHaveLength(2)
  })

  test('on the due day a due-day reminder, once', async () => {
    cloud.advanceTo(bjAt(D, '00:05'))
    const before = cloud.outbox().length
    expect(await fireSweep(cloud)).toEqual({ planned: 2, sent: 2, escalated: 0, skipped: 0 })
    const sent = newMessages(cloud, before)
    expect(sent.map((m) => m.touser).sort()).toEqual([USERS.gridEast, USERS.staff].sort())
    for (const m of sent) expect(m.data.thing4!.value).toContain('今天')
    expect(await fireSweep(cloud)).toEqual({ planned: 2, sent: 0, escalated: 0, skipped: 2 })
    cloud.advanceTo(bjAt(D, '23:05'))
    expect(await fireSweep(cloud)).toEqual({ planned: 2, sent: 0, escalated: 0, skipped: 2 })
    expect(cloud.outbox()).toHaveLength(before + 2)
    // Not overdue yet: the deadline is the end of the Beijing day.
    expect(expectOk(await cloud.call(USERS.resident, getBoard, {})).board.overdue).toEqual([])
  })

  test('after the deadline an escalation, once: a record, the township supervisor told, the board shows it', async () => {
    cloud.advanceTo(bjAt(plusDays(D, 1), '00:05'))
    // Overdue but not escalated yet.
    const early = expectOk(await cloud.call(USERS.resident, getBoard, {})).board.overdue
    expect(early.map((o) => [o.resolutionId, o.escalatedAt]).sort()).toEqual([
      [A, null],
      [B, null],
    ])
    const before = cloud.outbox().length
    const firedFrom = cloud.now().getTime()
    expect(await fireSweep(cloud)).toEqual({ planned: 2, sent: 0, escalated: 2, skipped: 0 })
    const firedTo = cloud.now().getTime()
    const sent = newMessages(cloud, before)
    const toSupervisor = sent.filter((m) => m.touser === USERS.township)
    expect(toSupervisor.map((m) => m.data.thing1!.value).sort()).toEqual(['修复路灯', '清理楼道'].sort())
    for (const m of toSupervisor) expect(m.data.phrase2!.value).toBe('逾期督办')
    expect(sent.filter((m) => m.touser !== USERS.township).map((m) => [m.touser, m.data.phrase2!.value]).sort()).toEqual(
      [
        [USERS.gridEast, '已逾期'],
        [USERS.staff, '已逾期'],
      ].sort(),
    )
    // The other community's staff hear nothing of it.
    expect(sent.some((m) => m.touser === USERS.otherStaff)).toBe(false)

    const records = escalations(cloud)
    expect(records.map((e) => e._id).sort()).toEqual([`escalate:disclosure:${A}:${firstDue.getTime()}`, `escalate:disclosure:${B}:${firstDue.getTime()}`].sort())
    for (const e of records) {
      expect(e.deadline).toBe('disclosure')
      expect(new Date(e.dueAt).toISOString()).toBe(firstDue.toISOString())
    }

    const overdue = expectOk(await cloud.call(USERS.resident, getBoard, {})).board.overdue
    expect(overdue.map((o) => o.resolutionId).sort()).toEqual([A, B].sort())
    for (const o of overdue) {
      expect(o.deadline).toBe('disclosure')
      expect(o.dueAt).toBe(firstDue.toISOString())
      expect(o.escalatedAt).not.toBeNull()
      const at = Date.parse(o.escalatedAt!)
      expect(at).toBeGreaterThanOrEqual(firedFrom)
      expect(at).toBeLessThanOrEqual(firedTo)
    }
    expect(overdue.some((o) => o.resolutionId === C)).toBe(false)

    // Once only: re-runs that day and the next add no record and no message.
    const after = cloud.outbox().length
    expect(await fireSweep(cloud)).toEqual({ planned: 2, sent: 0, escalated: 0, skipped: 2 })
    cloud.advance(DAY)
    expect(await fireSweep(cloud)).toEqual({ planned: 2, sent: 0, escalated: 0, skipped: 2 })
    expect(cloud.outbox()).toHaveLength(after)
    expect(escalations(cloud)).toHaveLength(2)
  })

  test('publishing progress moves the deadline and a new cycle of reminders follows under new keys', async () => {
    const progress = expectOk(await cloud.call(USERS.gridEast, publishProgress, { resolutionId: A, text: '路灯已订货，下周安装' })).resolution
    const progressDay = bjDate(cloud.now())
    const nextDue = new Date(endOfBjDay(plusDays(progressDay, 7)))
    expect(progress.disclosureDueAt).toBe(nextDue.toISOString())
    expect(progress.disclosures[0]!.onTime).toBe(false)
    expect(progress.status).toBe('handling')
    // A is no longer overdue; B still is.
    expect(expectOk(await cloud.call(USERS.resident, getBoard, {})).board.overdue.map((o) => o.resolutionId)).toEqual([B])

    const oldKeys = new Set(ledger(cloud).map((k) => k._id))
    const step = async (date: string, expected: Omit<SweepResult, 'planned' | 'skipped'>, word: string | null) => {
      cloud.advanceTo(bjAt(date, '00:05'))
      const before = cloud.outbox().length
      // B's escalation is planned on every run and always skipped.
      expect(await fireSweep(cloud)).toEqual({ planned: 2, skipped: 1, ...expected })
      const sent = newMessages(cloud, before)
      if (word) expect(sent.map((m) => [m.touser, m.data.thing1!.value, m.data.thing4!.value.includes(word)])).toContainEqual([USERS.gridEast, '修复路灯', true])
      expect(sent.every((m) => m.data.thing1!.value === '修复路灯')).toBe(true)
      expect(await fireSweep(cloud)).toEqual({ planned: 2, sent: 0, escalated: 0, skipped: 2 })
      return sent
    }
    await step(plusDays(progressDay, 6), { sent: 1, escalated: 0 }, '明天')
    await step(plusDays(progressDay, 7), { sent: 1, escalated: 0 }, '今天')

    // The new deadline passed: overdue again, and not yet escalated for this deadline.
    cloud.advanceTo(bjAt(plusDays(progressDay, 8), '00:01'))
    const pending = expectOk(await cloud.call(USERS.resident, getBoard, {})).board.overdue.find((o) => o.resolutionId === A)!
    expect(pending.dueAt).toBe(nextDue.toISOString())
    expect(pending.escalatedAt).toBeNull()

    const firedFrom = cloud.now().getTime()
    const sent = await step(plusDays(progressDay, 8), { sent: 0, escalated: 1 }, null)
    expect(sent.map((m) => m.touser).sort()).toEqual([USERS.gridEast, USERS.township].sort())
    const newKeys = ledger(cloud)
      .map((k) => k._id)
      .filter((k) => !oldKeys.has(k))
      .sort()
    expect(newKeys).toEqual(
      [`remindBefore:disclosure:${A}:${nextDue.getTime()}`, `remindDueDay:disclosure:${A}:${nextDue.getTime()}`, `escalate:disclosure:${A}:${nextDue.getTime()}`].sort(),
    )
    expect(escalations(cloud)).toHaveLength(3)
    const shown = expectOk(await cloud.call(USERS.resident, getBoard, {})).board.overdue.find((o) => o.resolutionId === A)!
    expect(shown.dueAt).toBe(nextDue.toISOString())
    expect(Date.parse(shown.escalatedAt!)).toBeGreaterThanOrEqual(firedFrom)
  })

  test('only the timer or staff may run the sweep: a resident is FORBIDDEN, an unknown caller UNAUTHENTICATED', async () => {
    const outbox = cloud.outbox().length
    const keys = ledger(cloud).length
    expectFail(await cloud.call(USERS.resident, sweepDeadlines, {}), 'FORBIDDEN')
    expectFail(await cloud.call(USERS.representative, sweepDeadlines, {}), 'FORBIDDEN')
    expectFail(await cloud.call(USERS.gridEast, sweepDeadlines, {}), 'FORBIDDEN')
    expectFail(await cloud.call('stranger-0001', sweepDeadlines, {}), 'UNAUTHENTICATED')
    expectFail(await cloud.call('', sweepDeadlines, {}), 'UNAUTHENTICATED')
    // A client cannot pass itself off as the timer by sending the timer's event.
    expectFail((await cloud.raw(USERS.resident, 'sweep', { Type: 'Timer', TriggerName: 'hourlyDeadlineSweep', Time: cloud.now().toISOString() })) as Outcome<unknown>, 'FORBIDDEN')
    expectFail((await cloud.raw('', 'sweep', { Type: 'Timer', TriggerName: 'hourlyDeadlineSweep' })) as Outcome<unknown>, 'UNAUTHENTICATED')
    expect(cloud.outbox()).toHaveLength(outbox)
    expect(ledger(cloud)).toHaveLength(keys)
    // Staff may start it by hand; it is as idempotent as the timer.
    const manual = expectOk(await cloud.call(USERS.staff, sweepDeadlines, {}))
    expect(manual.sent + manual.escalated).toBe(0)
    expect(cloud.outbox()).toHaveLength(outbox)
  })

  test('every sweep query is served by a declared index (strict indexes are on and do refuse a scan)', async () => {
    // startTestCloud runs with strictIndexes: an unindexed query fails the call. Every run above succeeded; the
    // store also records any query no index served.
    expect(cloud.store.unindexed).toEqual([])
    expect(() => cloud.store.find('resolutions', { assigneeName: '陈志强' })).toThrow(/no declared index/)
  })
})

describe('a sweep that crashed mid-run', () => {
  let cloud: FlowCloud
  beforeAll(async () => {
    cloud = await startFlowCloud()
  })
  afterAll(async () => {
    await cloud.dispose()
  })

  test('each planned send is delivered exactly once overall across the crash, a skipped re-run and the takeover', async () => {
    // Four items, each with its own assignee account, so each send has exactly one recipient and one message.
    // (Assignees must be staff or grid workers of the community: a fourth one is added for this test.)
    const extraGrid = 'sweep-grid-extra'
    if (!cloud.store.find('users', { openid: extraGrid }).length) {
      cloud.store.insert('users', [{ openid: extraGrid, displayName: '网格员小吴', role: 'grid_worker', communityId: 'c_pingshan', gridId: 'g_east', buildingId: null, townshipId: 'ts_pingshan', house: null, phone: null, joinedAt: cloud.now() }])
    }
    // Like every demo user here, the extra assignee has accepted the deadline messages (WeChat sends only with a grant).
    subscribeEveryone(cloud, [extraGrid])
    const assignees: string[] = [USERS.gridEast, USERS.gridWest, USERS.staff, extraGrid]
    const titles = ['修复路灯', '清理楼道', '更换井盖', '修剪树木']
    const setup = await noticedTopic(
      cloud,
      'crash-0001',
      titles.map((title, i) => ({ title, assigneeName: `承办人${i + 1}`, assigneeOpenid: assignees[i]! })),
    )
    const due = new Date(setup.resolutions[0]!.disclosureDueAt!)
    cloud.advanceTo(bjAt(plusDays(bjDate(due), -1), '12:00'))
    const planned = setup.resolutions.map((r) => `remindBefore:disclosure:${r.id}:${due.getTime()}`).sort()

    /*
     * Counting. A send's key names the item and the deadline, and every item here has one recipient, so:
     *  - a delivery by the in-process run is recorded by our `deliver` under send.key (it sends no message);
     *  - a delivery by a real run is one outbox message to that item's assignee, whose key we rebuild from the
     *    message: recipient → item, "明天" → remindBefore, the due time it shows → the deadline (checked equal).
     * The outbox is empty before the first real run, so every message counted comes from the runs below. The crashing
     * `deliver` throws on the (N+1)th send before delivering it: the claim it left must not be delivered by anyone until
     * it is stale, and then exactly once; the sends after it were never claimed and go out on the next real run.
     */
    const inProcess: string[] = []
    const N = 2
    let calls = 0
    const crashing = async (send: PlannedSend): Promise<void> => {
      calls++
      if (calls > N) throw new Error('simulated crash: the instance died')
      inProcess.push(send.key)
    }
    expect(cloud.outbox()).toHaveLength(0)
    await expect(runSweep(cloud.now(), { deliver: crashing })).rejects.toThrow('simulated crash')
    expect(inProcess).toEqual(planned.slice(0, N))
    const states = Object.fromEntries(ledger(cloud).map((k) => [k._id, k.state]))
    expect(states).toEqual({ [planned[0]!]: 'sent', [planned[1]!]: 'sent', [planned[2]!]: 'claimed' })

    // Immediately after: the crashed claim is fresh (it may belong to a run still going), so it is left alone.
    expect(await fireSweep(cloud)).toEqual({ planned: 4, sent: 1, escalated: 0, skipped: 3 })
    expect(cloud.outbox()).toHaveLength(1)
    // Still within CLAIM_STALE_MS: still left alone.
    cloud.advance(CLAIM_STALE_MS - 60_000)
    expect(await fireSweep(cloud)).toEqual({ planned: 4, sent: 0, escalated: 0, skipped: 4 })
    // Past CLAIM_STALE_MS the claim is taken over and delivered.
    cloud.advance(2 * 60_000)
    expect(await fireSweep(cloud)).toEqual({ planned: 4, sent: 1, escalated: 0, skipped: 3 })
    expect(await fireSweep(cloud)).toEqual({ planned: 4, sent: 0, escalated: 0, skipped: 4 })
    expect(ledger(cloud).every((k) => k.state === 'sent')).toBe(true)

    const byAssignee = new Map(setup.resolutions.map((r, i) => [assignees[i]!, r.id]))
    const deliveries = new Map<string, number>()
    const count = (key: string) => deliveries.set(key, (deliveries.get(key) ?? 0) + 1)
    for (const key of inProcess) count(key)
    for (const m of cloud.outbox()) {
      expect(m.data.thing4!.value).toContain('明天')
      expect(m.data.time3!.value).toBe(`${bjDate(due)} 23:59`)
      count(`remindBefore:disclosure:${byAssignee.get(m.touser)}:${due.getTime()}`)
    }
    expect([...deliveries.keys()].sort()).toEqual(planned)
    expect([...deliveries.values()]).toEqual([1, 1, 1, 1])
    // The one that crashed went out in the takeover run, the unclaimed one in the first real run.
    expect(cloud.outbox().map((m) => byAssignee.get(m.touser))).toEqual([planned[3], planned[2]].map((k) => k!.split(':')[2]))
  })
})

describe('a low rating not replied within its window', () => {
  let cloud: FlowCloud
  beforeAll(async () => {
    cloud = await startFlowCloud()
  })
  afterAll(async () => {
    await cloud.dispose()
  })

  test('is reminded, then escalated once; a replied one and a good one are not', async () => {
    const setup = await noticedTopic(cloud, 'rating-0001', [{ title: '修复路灯', assigneeName: '陈志强', assigneeOpenid: USERS.gridEast }])
    const resolutionId = setup.resolutions[0]!.id
    cloud.advance(6 * DAY)
    expectOk(await cloud.call(USERS.staff, publishResult, { resolutionId, text: '路灯已修复' }))
    const ratedDay = bjDate(cloud.now())
    const low = expectOk(await cloud.call(USERS.resident, rateResult, { resolutionId, stars: 1, comment: '修得太慢' })).resolution
    const lowRating = low.ratings.find((r) => r.stars === 1)!
    const replyDue = endOfBjDay(plusDays(ratedDay, 3))
    expect(lowRating.replyDueAt).toBe(replyDue)
    const replied = expectOk(await cloud.call(USERS.resident2, rateResult, { resolutionId, stars: 2, comment: '一般' })).resolution.ratings.find((r) => r.stars === 2)!
    expectOk(await cloud.call(USERS.staff, replyToRating, { ratingId: replied.id, text: '已督促加快进度' }))
    expectOk(await cloud.call(USERS.representative, rateResult, { resolutionId, stars: 5, comment: '' }))

    cloud.advanceTo(bjAt(plusDays(ratedDay, 2), '00:05'))
    let before = cloud.outbox().length
    expect(await fireSweep(cloud)).toEqual({ planned: 1, sent: 1, escalated: 0, skipped: 0 })
    // The reply is owed by the community: its staff are reminded.
    expect(newMessages(cloud, before).map((m) => [m.touser, m.data.thing4!.value.includes('差评回复明天')])).toEqual([[USERS.staff, true]])

    cloud.advanceTo(bjAt(plusDays(ratedDay, 4), '00:05'))
    before = cloud.outbox().length
    const from = cloud.now().getTime()
    expect(await fireSweep(cloud)).toEqual({ planned: 1, sent: 0, escalated: 1, skipped: 0 })
    const sent = newMessages(cloud, before)
    expect(sent.map((m) => [m.touser, m.data.phrase2!.value]).sort()).toEqual(
      [
        [USERS.staff, '已逾期'],
        [USERS.township, '逾期督办'],
      ].sort(),
    )
    const records = escalations(cloud)
    expect(records.map((e) => [e._id, e.ratingId, e.deadline])).toEqual([[`escalate:ratingReply:${lowRating.id}:${Date.parse(replyDue)}`, lowRating.id, 'ratingReply']])
    const shown = expectOk(await cloud.call(USERS.resident, getBoard, {})).board.overdue
    expect(shown.map((o) => [o.resolutionId, o.deadline, o.dueAt])).toEqual([[resolutionId, 'ratingReply', replyDue]])
    expect(Date.parse(shown[0]!.escalatedAt!)).toBeGreaterThanOrEqual(from)

    expect(await fireSweep(cloud)).toEqual({ planned: 1, sent: 0, escalated: 0, skipped: 1 })
    cloud.advance(DAY)
    expect(await fireSweep(cloud)).toEqual({ planned: 1, sent: 0, escalated: 0, skipped: 1 })
    expect(escalations(cloud)).toHaveLength(1)
    expect(cloud.outbox()).toHaveLength(before + 2)

    // Replying late ends the reminders: the sweep no longer plans it.
    expectOk(await cloud.call(USERS.staff, replyToRating, { ratingId: lowRating.id, text: '抱歉，已整改' }))
    expect(await fireSweep(cloud)).toEqual({ planned: 0, sent: 0, escalated: 0, skipped: 0 })
    // …and the board no longer lists it as overdue (the escalation record stays).
    expect(expectOk(await cloud.call(USERS.resident, getBoard, {})).board.overdue).toEqual([])
    expect(escalations(cloud)).toHaveLength(1)
    expect(cloud.store.unindexed).toEqual([])
  })
})

describe('strict indexes catch an unindexed sweep', () => {
  test('without the disclosure_due index the sweep fails instead of scanning', async () => {
    const spec = JSON.parse(fs.readFileSync(path.join(__dirname, '../../config/database.json'), 'utf8'))
    spec.collections.resolutions.indexes = spec.collections.resolutions.indexes.filter((ix: { name: string }) => ix.name !== 'disclosure_due')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-spec-'))
    const specFile = path.join(dir, 'database.json')
    fs.writeFileSync(specFile, JSON.stringify(spec))
    const cloud = await startTestCloud({ functionsDir: path.join(__dirname, '../../dist/cloudfunctions'), databaseSpecFile: specFile })
    try {
      cloud.store.insert('resolutions', [{ _id: 'r1', topicId: 't1', communityId: 'c1', disclosureDueAt: new Date(), openDueAt: null, passed: true }])
      const r = await cloud.functions.fireTimer('sweep')
      expect(r.ok && (r.result as Outcome<unknown>).ok).toBe(false)
      expect(cloud.store.unindexed.map((q) => [q.collection, q.fields])).toContainEqual(['resolutions', ['disclosureDueAt']])
    } finally {
      await cloud.dispose()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
