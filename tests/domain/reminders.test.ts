import type { Resolution } from '../../src/domain/model'
import { meetingReminderText, plannedMeetingReminders, plannedSends, sendRecipients, sendText, sweepHorizon, type PlannedSend } from '../../src/domain/reminders'
import { callbackSendText, plannedCallbackSends, plannedSupervisionEscalations } from '../../src/domain/reminders'
import { COMMUNITY, TOWNSHIP, at, plusMs, rating, resolution } from './fixtures'

const iso = (d: Date) => d.toISOString()

/** Beijing Mar 10 2026, 10:00. */
const NOW = at('2026-03-10T02:00:00.000Z')
const END = (beijingDate: string) => {
  // End of a Beijing date, written out: YYYY-MM-DDT15:59:59.999Z.
  return at(`${beijingDate}T15:59:59.999Z`)
}
const FAR = END('2030-12-31')

/** A passed item in handling since the notice closed on Mar 3; its own handling limit is far away. */
function handling(over: Partial<Resolution> = {}): Resolution {
  return resolution({ _id: 'r1', handlingFrom: END('2026-03-03'), disclosureDueAt: FAR, dueAt: FAR, ...over })
}
const lowRating = (over: Parameters<typeof rating>[0] = {}) => ({ ...rating({ _id: 'rt1', resolutionId: 'r1', ...over }), townshipId: TOWNSHIP, title: '建设充电棚' })

const brief = (s: PlannedSend) => [s.kind, s.deadline, iso(s.dueAt)]

describe('sweepHorizon: the end of tomorrow, Beijing time', () => {
  test.each([
    ['Beijing Mar 10 10:00', '2026-03-10T02:00:00.000Z', '2026-03-11T15:59:59.999Z'],
    ['Beijing Mar 10 00:00 (UTC Mar 9)', '2026-03-09T16:00:00.000Z', '2026-03-11T15:59:59.999Z'],
    ['Beijing Mar 9 23:59:59.999', '2026-03-09T15:59:59.999Z', '2026-03-10T15:59:59.999Z'],
    ['Beijing Jan 1 00:30 (UTC Dec 31)', '2026-12-31T16:30:00.000Z', '2027-01-02T15:59:59.999Z'],
    ['Beijing Feb 28 2028 (leap year)', '2028-02-28T04:00:00.000Z', '2028-02-29T15:59:59.999Z'],
  ])('%s → %s', (_name, now, expected) => {
    expect(iso(sweepHorizon(at(now)))).toBe(expected)
  })
})

describe('plannedSends: the phase of a disclosure deadline relative to now', () => {
  test.each([
    // now = Beijing Mar 10 10:00
    ['due end of tomorrow (Mar 11) → remind the day before', NOW, END('2026-03-11'), 'remindBefore'],
    ['due 00:30 Beijing Mar 11 (UTC still Mar 10) → the day before', NOW, at('2026-03-10T16:30:00.000Z'), 'remindBefore'],
    ['due end of today → remind on the day', NOW, END('2026-03-10'), 'remindDueDay'],
    ['due 23:00 Beijing today → remind on the day', NOW, at('2026-03-10T15:00:00.000Z'), 'remindDueDay'],
    ['due yesterday → escalate', NOW, END('2026-03-09'), 'escalate'],
    ['due a month ago → escalate', NOW, END('2026-02-10'), 'escalate'],
    ['due the day after tomorrow → nothing yet', NOW, END('2026-03-12'), null],
    ['due 00:00 Beijing Mar 12 → nothing yet', NOW, at('2026-03-11T16:00:00.000Z'), null],
    // boundaries of the day
    ['last ms of the due day → still on the day', at('2026-03-10T15:59:59.999Z'), END('2026-03-10'), 'remindDueDay'],
    ['first ms after the due day → escalate', at('2026-03-10T16:00:00.000Z'), END('2026-03-10'), 'escalate'],
    ['Beijing midnight starting the due day → on the day', at('2026-03-09T16:00:00.000Z'), END('2026-03-10'), 'remindDueDay'],
    ['last ms of the day before → the day before', at('2026-03-09T15:59:59.999Z'), END('2026-03-10'), 'remindBefore'],
    ['two days before, last ms → nothing', at('2026-03-08T15:59:59.999Z'), END('2026-03-10'), null],
    ['over the new year: Beijing Dec 31 for a Jan 1 deadline', at('2026-12-31T02:00:00.000Z'), END('2027-01-01'), 'remindBefore'],
  ])('%s', (_name, now, dueAt, expected) => {
    const sends = plannedSends(now, [handling({ disclosureDueAt: dueAt })], [])
    expect(sends.map(brief)).toEqual(expected ? [[expected, 'disclosure', iso(dueAt)]] : [])
  })

  test('the handling limit (定人限时) is reminded and escalated like a disclosure', () => {
    const sends = plannedSends(NOW, [handling({ dueAt: END('2026-03-11'), disclosureDueAt: END('2026-03-09') })], [])
    expect(sends.map(brief).sort()).toEqual(
      [
        ['escalate', 'disclosure', '2026-03-09T15:59:59.999Z'],
        ['remindBefore', 'handling', '2026-03-11T15:59:59.999Z'],
      ].sort(),
    )
  })

  test('a send carries the item, its topic, its place and the assignee', () => {
    const [send] = plannedSends(NOW, [handling({ _id: 'r9', title: '修路灯', assigneeOpenid: 'o-zhang', disclosureDueAt: END('2026-03-10') })], [])
    expect(send).toEqual({
      key: expect.any(String),
      kind: 'remindDueDay',
      deadline: 'disclosure',
      dueAt: END('2026-03-10'),
      communityId: COMMUNITY,
      townshipId: TOWNSHIP,
      topicId: 'tp1',
      resolutionId: 'r9',
      ratingId: null,
      title: '修路灯',
      recipientOpenid: 'o-zhang',
    })
  })
})

describe('plannedSends: items that owe nothing', () => {
  const dueToday = { disclosureDueAt: END('2026-03-10'), dueAt: END('2026-03-10') }
  test.each([
    ['outside the window', handling({ disclosureDueAt: END('2026-03-20'), dueAt: FAR })],
    ['done', handling({ ...dueToday, resultPublishedAt: at('2026-03-09T02:00:00Z') })],
    ['rejected', handling({ ...dueToday, passed: false })],
    ['awaiting the notice (no clock yet)', handling({ ...dueToday, handlingFrom: null })],
    ['awaiting the notice (clock starts later)', handling({ ...dueToday, handlingFrom: END('2026-03-11') })],
    ['no disclosure deadline and a distant limit', handling({ disclosureDueAt: null, dueAt: FAR })],
  ])('%s', (_name, r) => {
    expect(plannedSends(NOW, [r], [])).toEqual([])
  })
  test('the item that would owe something, for contrast', () => {
    expect(plannedSends(NOW, [handling(dueToday)], []).map((s) => s.deadline).sort()).toEqual(['disclosure', 'handling'])
  })
})

describe('plannedSends: low ratings owe a public reply', () => {
  test.each([
    ['reply due tomorrow', lowRating({ replyDueAt: END('2026-03-11') }), ['remindBefore']],
    ['reply due today', lowRating({ replyDueAt: END('2026-03-10') }), ['remindDueDay']],
    ['reply overdue', lowRating({ replyDueAt: END('2026-03-08') }), ['escalate']],
    ['reply due later', lowRating({ replyDueAt: END('2026-03-13') }), []],
    ['already replied, though overdue', lowRating({ replyDueAt: END('2026-03-08'), reply: { text: '已整改', at: NOW, by: 's' } }), []],
    ['already replied, due today', lowRating({ replyDueAt: END('2026-03-10'), reply: { text: '已整改', at: NOW, by: 's' } }), []],
    ['no reply owed', lowRating({ replyDueAt: null }), []],
  ])('%s → %j', (_name, r, kinds) => {
    const sends = plannedSends(NOW, [], [r])
    expect(sends.map((s) => s.kind)).toEqual(kinds)
    for (const s of sends) {
      expect(s).toMatchObject({ deadline: 'ratingReply', ratingId: 'rt1', resolutionId: 'r1', recipientOpenid: null, communityId: COMMUNITY, townshipId: TOWNSHIP })
    }
  })
})

describe('send keys: stable for the same item and deadline, new when the deadline moves', () => {
  const keyAt = (now: Date, r: Resolution) => plannedSends(now, [r], []).map((s) => s.key)

  test('the same item and deadline at two moments of the same phase give the same key', () => {
    const r = handling({ disclosureDueAt: END('2026-03-10') })
    const morning = keyAt(at('2026-03-09T16:00:00.000Z'), r)
    const evening = keyAt(at('2026-03-10T15:00:00.000Z'), r)
    expect(morning).toHaveLength(1)
    expect(evening).toEqual(morning)
  })

  test('an escalation keeps its key on every later sweep, so it is sent once', () => {
    const r = handling({ disclosureDueAt: END('2026-03-10') })
    const day1 = keyAt(at('2026-03-11T02:00:00Z'), r)
    const day5 = keyAt(at('2026-03-15T02:00:00Z'), r)
    expect(day1).toHaveLength(1)
    expect(day5).toEqual(day1)
  })

  test('the key names kind, deadline, item and the deadline instant', () => {
    const [key] = keyAt(NOW, handling({ _id: 'r7', disclosureDueAt: END('2026-03-11') }))
    expect(key).toBe(`remindBefore:disclosure:r7:${Date.UTC(2026, 2, 11, 15, 59, 59, 999)}`)
  })

  test('the three phases of one deadline have three different keys', () => {
    const r = handling({ disclosureDueAt: END('2026-03-10') })
    const keys = [at('2026-03-09T02:00:00Z'), at('2026-03-10T02:00:00Z'), at('2026-03-11T02:00:00Z')].map((now) => keyAt(now, r)[0])
    expect(keys.every(Boolean)).toBe(true)
    expect(new Set(keys).size).toBe(3)
  })

  test('a new disclosure moves the deadline: its reminders get new keys', () => {
    const before = handling({ disclosureDueAt: END('2026-03-10') })
    // disclosed on Mar 10 → next due end of Mar 17; remind the day before that
    const after = handling({ disclosureDueAt: END('2026-03-17') })
    const oldKeys = [...keyAt(at('2026-03-09T02:00:00Z'), before), ...keyAt(at('2026-03-10T02:00:00Z'), before), ...keyAt(at('2026-03-11T02:00:00Z'), before)]
    const newKeys = [...keyAt(at('2026-03-16T02:00:00Z'), after), ...keyAt(at('2026-03-17T02:00:00Z'), after), ...keyAt(at('2026-03-18T02:00:00Z'), after)]
    expect(oldKeys).toHaveLength(3)
    expect(newKeys).toHaveLength(3)
    for (const k of newKeys) expect(oldKeys).not.toContain(k)
  })

  test('a deadline moved by 1 ms is a new deadline', () => {
    const a = keyAt(NOW, handling({ disclosureDueAt: END('2026-03-10') }))
    const b = keyAt(NOW, handling({ disclosureDueAt: plusMs(END('2026-03-10'), -1) }))
    expect(a).toHaveLength(1)
    expect(b).toHaveLength(1)
    expect(a[0]).not.toBe(b[0])
  })

  test('different items, and the two deadlines of one item, never share a key', () => {
    const sends = plannedSends(
      NOW,
      [handling({ _id: 'r1', disclosureDueAt: END('2026-03-10'), dueAt: END('2026-03-10') }), handling({ _id: 'r2', disclosureDueAt: END('2026-03-10'), dueAt: END('2026-03-10') })],
      [lowRating({ _id: 'r1', replyDueAt: END('2026-03-10') })],
    )
    expect(sends).toHaveLength(5)
    expect(new Set(sends.map((s) => s.key)).size).toBe(5)
  })
})

describe('every planned reminder falls within the sweep horizon', () => {
  test.each([
    [END('2026-03-11'), 1],
    [plusMs(END('2026-03-11'), 1), 0],
  ])('deadline %s → %i send(s)', (dueAt, count) => {
    expect(iso(sweepHorizon(NOW))).toBe('2026-03-11T15:59:59.999Z')
    expect(plannedSends(NOW, [handling({ disclosureDueAt: dueAt })], [])).toHaveLength(count)
  })
})

describe('sendText shows the Beijing date', () => {
  test.each([
    ['remindBefore', 'disclosure', at('2026-03-10T16:30:00.000Z'), '「充电棚」办理情况公示明天（3月11日）到期'],
    ['remindDueDay', 'handling', END('2026-03-10'), '「充电棚」办理期限今天（3月10日）到期'],
    ['escalate', 'ratingReply', END('2026-12-31'), '「充电棚」差评回复已逾期（应于12月31日前完成），已提请街道督办'],
  ] as const)('%s %s', (kind, deadline, dueAt, text) => {
    expect(sendText({ kind, deadline, dueAt, title: '充电棚' })).toBe(text)
  })
})

describe('plannedMeetingReminders (issue 11): the Beijing day before and the day of a joined meeting', () => {
  const meeting = (over: Partial<{ meetingAt: Date; heldAt: Date | null }> = {}) => ({
    _id: 'tp1',
    communityId: COMMUNITY,
    title: '加装电梯',
    meetingAt: at('2026-03-12T11:00:00.000Z'), // Beijing Mar 12 19:00
    meetingPlace: '议事厅',
    heldAt: null,
    ...over,
  })
  const joiners = () => ['o-a', 'o-b']
  const kinds = (now: Date, t = meeting()) => plannedMeetingReminders(now, [t], joiners).map((r) => [r.kind, r.openid])

  test.each([
    ['Beijing Mar 10 23:59 (two days before)', '2026-03-10T15:59:00.000Z', []],
    ['Beijing Mar 11 00:00 (the day before)', '2026-03-10T16:00:00.000Z', [['meetingBefore', 'o-a'], ['meetingBefore', 'o-b']]],
    ['Beijing Mar 12 00:00 (the day)', '2026-03-11T16:00:00.000Z', [['meetingDay', 'o-a'], ['meetingDay', 'o-b']]],
    ['Beijing Mar 12 18:59:59.999 (just before it starts)', '2026-03-12T10:59:59.999Z', [['meetingDay', 'o-a'], ['meetingDay', 'o-b']]],
    ['Beijing Mar 12 19:00 (it starts)', '2026-03-12T11:00:00.000Z', []],
  ])('%s', (_name, now, expected) => {
    expect(kinds(at(now))).toEqual(expected)
  })

  test('a meeting already held reminds no one; a moved meeting gets a new key', () => {
    const now = at('2026-03-11T02:00:00.000Z')
    expect(kinds(now, meeting({ heldAt: at('2026-03-11T01:00:00.000Z') }))).toEqual([])
    const [a] = plannedMeetingReminders(now, [meeting()], joiners)
    const [b] = plannedMeetingReminders(now, [meeting({ meetingAt: at('2026-03-12T12:00:00.000Z') })], joiners)
    expect(a!.key).not.toBe(b!.key)
    expect(meetingReminderText(a!)).toBe('明天 19:00 在议事厅面对面议事')
  })
})

describe('plannedSupervisionEscalations: a 督办 unanswered after its reply due date goes to the county office once', () => {
  const due = END('2026-03-09')
  const esc = (id: string, supervision: { replyDueAt: Date; answer: unknown | null } | null) => ({
    _id: id, communityId: COMMUNITY, townshipId: TOWNSHIP, resolutionId: 'r1', topicId: null, text: '办理期限逾期', supervision,
  })

  test('only the unanswered supervision past its due date is planned, under a key naming it and its due date', () => {
    const planned = plannedSupervisionEscalations(NOW, [
      esc('e-overdue', { replyDueAt: due, answer: null }),
      esc('e-answered', { replyDueAt: due, answer: { text: '已办' } }),
      esc('e-not-yet', { replyDueAt: END('2026-03-10'), answer: null }),
      esc('e-unsupervised', null),
    ])
    expect(planned.map((p) => [p.escalationId, p.key])).toEqual([['e-overdue', `escalate:supervisionReply:e-overdue:${due.getTime()}`]])
  })

  test('at the due instant itself nothing is owed yet; a millisecond later it is', () => {
    expect(plannedSupervisionEscalations(due, [esc('e1', { replyDueAt: due, answer: null })])).toEqual([])
    expect(plannedSupervisionEscalations(plusMs(due, 1), [esc('e1', { replyDueAt: due, answer: null })])).toHaveLength(1)
  })
})

describe('plannedCallbackSends: 月回访 reminded from the 15th, escalated per item after the 20th', () => {
  // Items of February 2026 (Beijing): one completed, one decided (a 三单 item), one called back, one of January.
  const items = [
    handling({ _id: 'cb-done-feb', resultPublishedAt: at('2026-02-10T02:00:00Z'), handlingFrom: at('2026-01-20T02:00:00Z') }),
    handling({ _id: 'cb-decided-feb', handlingFrom: at('2026-02-05T02:00:00Z'), topicId: null }),
    handling({ _id: 'cb-called', resultPublishedAt: at('2026-02-11T02:00:00Z'), callback: { month: '2026-02', outcome: 'fixed', note: '', at: at('2026-03-02T02:00:00Z'), by: 'o-county' } }),
    handling({ _id: 'cb-january', handlingFrom: at('2026-01-05T02:00:00Z') }),
  ]
  const plan = (iso: string) => plannedCallbackSends(at(iso), items).map((s) => [s.kind, s.key, s.rows.map((r) => r.resolutionId)])

  test('before the 15th nothing is owed', () => {
    expect(plan('2026-03-14T15:59:59.999Z')).toEqual([]) // Beijing Mar 14, 23:59
  })
  test('from the 15th to the end of the 20th: one reminder for the month, listing the callbacks not yet recorded', () => {
    const one = [['remindBefore', 'remindBefore:callback:2026-02', ['cb-decided-feb', 'cb-done-feb']]]
    expect(plan('2026-03-14T16:00:00.000Z')).toEqual(one) // Beijing Mar 15, 00:00
    expect(plan('2026-03-20T15:59:59.999Z')).toEqual(one) // Beijing Mar 20, 23:59:59.999: still on time
  })
  test('after the 20th: one escalation per item still not called back, keyed by the item and the due date', () => {
    const due = at('2026-03-20T15:59:59.999Z').getTime()
    expect(plan('2026-03-20T16:00:00.000Z')).toEqual([
      ['escalate', `escalate:callback:cb-decided-feb:${due}`, ['cb-decided-feb']],
      ['escalate', `escalate:callback:cb-done-feb:${due}`, ['cb-done-feb']],
    ])
  })
  test('all called back: nothing; the texts name the count, the item and the due day', () => {
    const called = items.map((i) => ({ ...i, callback: { month: '2026-02', outcome: 'fixed' as const, note: '', at: at('2026-03-02T02:00:00Z'), by: 'o' } }))
    expect(plannedCallbackSends(at('2026-03-21T02:00:00Z'), called)).toEqual([])
    const [remind] = plannedCallbackSends(at('2026-03-16T02:00:00Z'), items)
    expect(callbackSendText(remind!)).toBe('2026-02 月回访还有 2 项未回访，请于 03-20 前完成')
    const [late] = plannedCallbackSends(at('2026-03-21T02:00:00Z'), items)
    expect(callbackSendText(late!)).toBe('「建设充电棚」2026-02 月回访逾期未完成（应于 03-20 前）')
  })
})

describe('sendRecipients: who hears a planned send', () => {
  const people = { departmentMembers: ['o-dep-a', 'o-dep-b'], communityStaff: ['o-staff'] }
  const send = (kind: PlannedSend['kind'], recipientOpenid: string | null, departmentId?: string) => ({ kind, recipientOpenid, ...(departmentId ? { departmentId } : {}) })

  test('a transferred item (departmentId) when its handling is due: the department members, not the community staff', () => {
    for (const kind of ['remindBefore', 'remindDueDay'] as const) expect(sendRecipients(send(kind, null, 'dep1'), people)).toEqual(['o-dep-a', 'o-dep-b'])
  })
  test('a transferred item escalated: the members and a copy to the community staff (who answer the township’s 督办)', () => {
    expect(sendRecipients(send('escalate', null, 'dep1'), people)).toEqual(['o-dep-a', 'o-dep-b', 'o-staff'])
  })
  test('a transferred item with a named person as well: that person and the members, each once', () => {
    expect(sendRecipients(send('remindDueDay', 'o-dep-b', 'dep1'), people)).toEqual(['o-dep-b', 'o-dep-a'])
  })
  test('a department with no member bound yet: the community staff instead, so the deadline reaches someone', () => {
    expect(sendRecipients(send('remindBefore', null, 'dep1'), { departmentMembers: [], communityStaff: ['o-staff'] })).toEqual(['o-staff'])
  })
  test('any other item: its assignee, or the community staff when it has none (as before departments)', () => {
    expect(sendRecipients(send('remindBefore', 'o-zhang'), people)).toEqual(['o-zhang'])
    expect(sendRecipients(send('escalate', 'o-zhang'), people)).toEqual(['o-zhang'])
    expect(sendRecipients(send('remindDueDay', null), people)).toEqual(['o-staff'])
  })
  test('plannedSends names the department of a transferred item and of a low rating on it, and of nothing else', () => {
    const [onItem] = plannedSends(NOW, [handling({ _id: 'r7', departmentId: 'dep1', assigneeOpenid: null, disclosureDueAt: END('2026-03-10') })], [])
    expect(onItem).toMatchObject({ resolutionId: 'r7', departmentId: 'dep1', recipientOpenid: null })
    const [plain] = plannedSends(NOW, [handling({ _id: 'r8', disclosureDueAt: END('2026-03-10') })], [])
    expect(plain).not.toHaveProperty('departmentId')
    const [onRating] = plannedSends(NOW, [], [{ ...lowRating({ replyDueAt: END('2026-03-10') }), departmentId: 'dep1' }])
    expect(onRating).toMatchObject({ deadline: 'ratingReply', departmentId: 'dep1' })
  })
})
