import { assigneeBoard, boardLine } from '../../src/domain/board'
import type { Disclosure, Resolution } from '../../src/domain/model'
import { at, resolution } from './fixtures'

/** Beijing 2026-03-20 10:00. */
const NOW = at('2026-03-20T02:00:00.000Z')
const END = (beijingDate: string) => at(`${beijingDate}T15:59:59.999Z`)
const FROM = END('2026-03-01') // notices closed at the end of Beijing Mar 1

const onTime = (dueDate: string): Disclosure => ({ at: at(`${dueDate}T02:00:00.000Z`), dueAt: END(dueDate), text: '进展', photos: [], by: 's', final: false })
const exactlyOnDeadline = (dueDate: string): Disclosure => ({ ...onTime(dueDate), at: END(dueDate) })
const late = (dueDate: string): Disclosure => ({ ...onTime(dueDate), at: at(`${dueDate}T16:00:00.000Z`) }) // 1 ms after the day ended

function handling(over: Partial<Resolution> = {}): Resolution {
  return resolution({ handlingFrom: FROM, disclosureDueAt: END('2026-03-22'), ...over })
}
function overdue(over: Partial<Resolution> = {}): Resolution {
  return resolution({ handlingFrom: FROM, disclosureDueAt: END('2026-03-15'), ...over })
}
function done(resultAtIso: string, over: Partial<Resolution> = {}): Resolution {
  return resolution({ handlingFrom: FROM, disclosureDueAt: null, resultPublishedAt: at(resultAtIso), ...over })
}

describe('boardLine', () => {
  test.each([
    ['nothing', [], { items: 0, done: 0, disclosuresDue: 0, disclosuresOnTime: 0, onTimeRate: null, overdue: 0, averageDaysToResult: null, list: 'none' }],
    [
      'only rejected and awaiting items are not counted',
      [resolution({ passed: false, handlingFrom: FROM, disclosureDueAt: END('2026-03-10') }), resolution()],
      { items: 0, done: 0, disclosuresDue: 0, disclosuresOnTime: 0, onTimeRate: null, overdue: 0, averageDaysToResult: null, list: 'none' },
    ],
    [
      'handling, nothing due yet',
      [handling()],
      { items: 1, done: 0, disclosuresDue: 0, disclosuresOnTime: 0, onTimeRate: null, overdue: 0, averageDaysToResult: null, list: 'none' },
    ],
    [
      'handling, two disclosures on time (one in its last millisecond) → red',
      [handling({ disclosures: [onTime('2026-03-08'), exactlyOnDeadline('2026-03-15')] })],
      { items: 1, done: 0, disclosuresDue: 2, disclosuresOnTime: 2, onTimeRate: 1, overdue: 0, averageDaysToResult: null, list: 'red' },
    ],
    [
      'handling, one on time and one late → neither list',
      [handling({ disclosures: [onTime('2026-03-08'), late('2026-03-15')] })],
      { items: 1, done: 0, disclosuresDue: 2, disclosuresOnTime: 1, onTimeRate: 0.5, overdue: 0, averageDaysToResult: null, list: 'none' },
    ],
    [
      'overdue now after one on-time disclosure → black; the missing one counts as due and not on time',
      [overdue({ disclosures: [onTime('2026-03-08')] })],
      { items: 1, done: 0, disclosuresDue: 2, disclosuresOnTime: 1, onTimeRate: 0.5, overdue: 1, averageDaysToResult: null, list: 'black' },
    ],
    [
      'overdue with nothing disclosed → black at 0%',
      [overdue()],
      { items: 1, done: 0, disclosuresDue: 1, disclosuresOnTime: 0, onTimeRate: 0, overdue: 1, averageDaysToResult: null, list: 'black' },
    ],
    [
      'one overdue item spoils an otherwise red line',
      [handling({ disclosures: [onTime('2026-03-08'), onTime('2026-03-15')] }), overdue({ disclosures: [onTime('2026-03-08')] })],
      { items: 2, done: 0, disclosuresDue: 4, disclosuresOnTime: 3, onTimeRate: 0.75, overdue: 1, averageDaysToResult: null, list: 'black' },
    ],
    [
      // handling from Beijing Mar 1; results on Beijing Mar 11 (10 days) and Beijing Mar 5 00:30 (4 days)
      'done items: average days from the notice closing to the result, in Beijing dates',
      [done('2026-03-11T02:00:00.000Z', { disclosures: [onTime('2026-03-08')] }), done('2026-03-04T16:30:00.000Z', { disclosures: [onTime('2026-03-04')] })],
      { items: 2, done: 2, disclosuresDue: 2, disclosuresOnTime: 2, onTimeRate: 1, overdue: 0, averageDaysToResult: 7, list: 'red' },
    ],
    [
      'days counted between Beijing dates at the midnight boundary',
      [done('2026-03-11T02:00:00.000Z'), done('2026-03-04T15:59:59.999Z'), done('2026-03-05T16:00:00.000Z'), done('2026-03-05T15:00:00.000Z')],
      // 10, 3 (still Beijing Mar 4), 5 (Beijing Mar 6 00:00), 4 (Beijing Mar 5 23:00) → 22 / 4 = 5.5
      { items: 4, done: 4, disclosuresDue: 0, disclosuresOnTime: 0, onTimeRate: null, overdue: 0, averageDaysToResult: 5.5, list: 'none' },
    ],
    [
      'average rounded to one decimal: (10 + 3 + 4) / 3 = 5.666… → 5.7',
      [done('2026-03-11T02:00:00.000Z'), done('2026-03-04T15:59:59.999Z'), done('2026-03-05T15:00:00.000Z')],
      { items: 3, done: 3, disclosuresDue: 0, disclosuresOnTime: 0, onTimeRate: null, overdue: 0, averageDaysToResult: 5.7, list: 'none' },
    ],
    [
      'a done item is never overdue, even past its old disclosure deadline',
      [resolution({ handlingFrom: FROM, disclosureDueAt: END('2026-03-05'), resultPublishedAt: at('2026-03-10T02:00:00Z') })],
      { items: 1, done: 1, disclosuresDue: 0, disclosuresOnTime: 0, onTimeRate: null, overdue: 0, averageDaysToResult: 9, list: 'none' },
    ],
    [
      'three items, 1 of 3 on time',
      [handling({ disclosures: [late('2026-03-08')] }), handling({ disclosures: [onTime('2026-03-08')] }), handling({ disclosures: [late('2026-03-15')] })],
      { items: 3, done: 0, disclosuresDue: 3, disclosuresOnTime: 1, onTimeRate: 1 / 3, overdue: 0, averageDaysToResult: null, list: 'none' },
    ],
  ] as [string, Resolution[], object][])('%s', (_name, rs, expected) => {
    expect(boardLine('k', 'label', rs, NOW)).toEqual({ key: 'k', label: 'label', ...expected })
  })

  test('the same item is overdue 1 ms after its deadline, not at it', () => {
    const r = resolution({ handlingFrom: FROM, disclosureDueAt: END('2026-03-19') })
    expect(boardLine('k', 'k', [r], END('2026-03-19')).list).toBe('none')
    expect(boardLine('k', 'k', [r], at('2026-03-19T16:00:00.000Z')).list).toBe('black')
  })
})

describe('assigneeBoard: black first, then by on-time rate (worst first), then name', () => {
  test('ordering', () => {
    const rs: Resolution[] = [
      // Red: everything on time.
      handling({ assigneeName: 'Red', disclosures: [onTime('2026-03-08'), onTime('2026-03-15')] }),
      // None at 50%.
      handling({ assigneeName: 'Half', disclosures: [onTime('2026-03-08'), late('2026-03-15')] }),
      // None with nothing due yet (rate null sorts as 100%).
      handling({ assigneeName: 'Fresh' }),
      // Black with one overdue item but a good record otherwise.
      overdue({ assigneeName: 'BlackOne', disclosures: [onTime('2026-03-08')] }),
      handling({ assigneeName: 'BlackOne', disclosures: [onTime('2026-03-08'), onTime('2026-03-15')] }),
      // Black with two overdue items.
      overdue({ assigneeName: 'BlackTwo', disclosures: [onTime('2026-03-08')] }),
      overdue({ assigneeName: 'BlackTwo', disclosures: [onTime('2026-03-08')] }),
      // Black with one overdue and a worse rate than BlackOne.
      overdue({ assigneeName: 'BlackWorse' }),
      // Only rejected / awaiting items: not on the board at all.
      resolution({ assigneeName: 'Nobody', passed: false }),
      resolution({ assigneeName: 'Nobody' }),
    ]
    const board = assigneeBoard(rs, NOW)
    expect(board.map((l) => [l.label, l.list])).toEqual([
      ['BlackTwo', 'black'],
      ['BlackWorse', 'black'],
      ['BlackOne', 'black'],
      ['Half', 'none'],
      ['Fresh', 'none'],
      ['Red', 'red'],
    ])
    expect(board.find((l) => l.label === 'BlackTwo')).toMatchObject({ key: 'BlackTwo', items: 2, overdue: 2, disclosuresDue: 4, disclosuresOnTime: 2 })
    expect(board.find((l) => l.label === 'BlackOne')).toMatchObject({ items: 2, overdue: 1, disclosuresDue: 4, disclosuresOnTime: 3, onTimeRate: 0.75 })
  })

  test('ties broken by name', () => {
    const rs = ['Carol', 'Alice', 'Bob'].map((name) => handling({ assigneeName: name, disclosures: [onTime('2026-03-08')] }))
    expect(assigneeBoard(rs, NOW).map((l) => l.label)).toEqual(['Alice', 'Bob', 'Carol'])
  })

  test('nobody on the board when nothing is being handled', () => {
    expect(assigneeBoard([], NOW)).toEqual([])
  })
})
