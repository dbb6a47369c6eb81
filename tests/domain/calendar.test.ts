import {
  DEFAULT_DELIBERATION_DAY,
  addDays,
  atBeijingTime,
  beijingDateOf,
  beijingMonthOf,
  callbackDueAt,
  daysBetween,
  deadlineAfter,
  deliberationDayIn,
  endOfBeijingDay,
  formatBeijing,
  isBeijingDate,
  isPastDue,
  monthRange,
  nextDeliberationDay,
  nextMonth,
  previousMonth,
  startOfBeijingDay,
  beijingWeekdayLabel,
} from '../../src/domain/calendar'
import { at } from './fixtures'

const iso = (d: Date) => d.toISOString()

describe('beijingDateOf: the Beijing date of an instant (UTC+8)', () => {
  test.each([
    ['2026-03-01T16:30:00.000Z', '2026-03-02'], // 00:30 on the 2nd in Beijing
    ['2026-03-01T15:59:59.999Z', '2026-03-01'], // 23:59:59.999 on the 1st
    ['2026-03-01T16:00:00.000Z', '2026-03-02'], // Beijing midnight
    ['2026-03-01T00:00:00.000Z', '2026-03-01'], // UTC midnight is 08:00 Beijing, same date
    ['2026-03-01T23:59:59.999Z', '2026-03-02'], // late UTC evening is already tomorrow in Beijing
    ['2026-12-31T16:00:00.000Z', '2027-01-01'], // new year arrives 8 hours earlier
    ['2028-02-28T16:00:00.000Z', '2028-02-29'], // leap day
    ['2027-02-28T16:00:00.000Z', '2027-03-01'], // no leap day in 2027
  ])('%s → %s', (instant, date) => {
    expect(beijingDateOf(at(instant))).toBe(date)
    expect(beijingDateOf(at(instant).getTime())).toBe(date)
  })
})

describe('an item due at 00:30 Beijing time is due on that Beijing date', () => {
  const due = at('2026-03-01T16:30:00.000Z') // 2026-03-02 00:30 Beijing
  test('its date is the 2nd, not the UTC 1st', () => {
    expect(beijingDateOf(due)).toBe('2026-03-02')
    expect(formatBeijing(due)).toBe('2026-03-02 00:30')
  })
  test('"due that day" runs to the end of the Beijing 2nd', () => {
    expect(iso(deadlineAfter(due, 0))).toBe('2026-03-02T15:59:59.999Z')
    expect(isPastDue(deadlineAfter(due, 0), at('2026-03-02T15:59:59.999Z'))).toBe(false)
    expect(isPastDue(deadlineAfter(due, 0), at('2026-03-02T16:00:00.000Z'))).toBe(true)
  })
})

describe('start and end of a Beijing day', () => {
  test.each([
    ['2026-03-02', '2026-03-01T16:00:00.000Z', '2026-03-02T15:59:59.999Z'],
    ['2027-01-01', '2026-12-31T16:00:00.000Z', '2027-01-01T15:59:59.999Z'],
    ['2028-02-29', '2028-02-28T16:00:00.000Z', '2028-02-29T15:59:59.999Z'],
    ['2026-12-31', '2026-12-30T16:00:00.000Z', '2026-12-31T15:59:59.999Z'],
  ])('%s runs from %s to %s', (date, start, end) => {
    expect(iso(startOfBeijingDay(date))).toBe(start)
    expect(iso(endOfBeijingDay(date))).toBe(end)
  })
})

describe('deadlineAfter: the end of the Beijing day N days after the instant’s Beijing date', () => {
  test.each([
    // across month ends
    ['Jan 31 + 7', '2026-01-31T04:00:00.000Z', 7, '2026-02-07T15:59:59.999Z'],
    ['Feb 25 + 7, leap year 2028', '2028-02-25T04:00:00.000Z', 7, '2028-03-03T15:59:59.999Z'],
    ['Feb 25 + 7, non-leap 2027', '2027-02-25T04:00:00.000Z', 7, '2027-03-04T15:59:59.999Z'],
    ['Feb 28 + 1, leap year 2028', '2028-02-28T04:00:00.000Z', 1, '2028-02-29T15:59:59.999Z'],
    ['Feb 28 + 1, non-leap 2027', '2027-02-28T04:00:00.000Z', 1, '2027-03-01T15:59:59.999Z'],
    ['Feb 22 + 7, leap year 2028', '2028-02-22T04:00:00.000Z', 7, '2028-02-29T15:59:59.999Z'],
    ['Feb 22 + 7, non-leap 2027', '2027-02-22T04:00:00.000Z', 7, '2027-03-01T15:59:59.999Z'],
    ['Apr 30 + 1', '2026-04-30T04:00:00.000Z', 1, '2026-05-01T15:59:59.999Z'],
    // across the new year
    ['Dec 28 + 7', '2026-12-28T04:00:00.000Z', 7, '2027-01-04T15:59:59.999Z'],
    ['Dec 31 + 1', '2026-12-31T04:00:00.000Z', 1, '2027-01-01T15:59:59.999Z'],
    // UTC vs Beijing midnight
    ['last ms of Beijing Jan 31 + 7', '2026-01-31T15:59:59.999Z', 7, '2026-02-07T15:59:59.999Z'],
    ['Beijing midnight starting Feb 1 + 7', '2026-01-31T16:00:00.000Z', 7, '2026-02-08T15:59:59.999Z'],
    ['UTC midnight Feb 1 (08:00 Beijing) + 7', '2026-02-01T00:00:00.000Z', 7, '2026-02-08T15:59:59.999Z'],
    ['UTC Dec 31 16:00 is Beijing new year + 7', '2026-12-31T16:00:00.000Z', 7, '2027-01-08T15:59:59.999Z'],
    ['UTC Dec 31 15:59:59.999 is still Beijing Dec 31 + 7', '2026-12-31T15:59:59.999Z', 7, '2027-01-07T15:59:59.999Z'],
    // zero and long windows
    ['same day', '2026-03-05T01:00:00.000Z', 0, '2026-03-05T15:59:59.999Z'],
    ['+ 30 across Feb 2027', '2027-02-01T04:00:00.000Z', 30, '2027-03-03T15:59:59.999Z'],
  ])('%s', (_name, instant, days, expected) => {
    expect(iso(deadlineAfter(at(instant), days))).toBe(expected)
    expect(iso(deadlineAfter(at(instant).getTime(), days))).toBe(expected)
  })
})

describe('addDays / daysBetween on Beijing dates', () => {
  test.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 365, '2028-12-31'],
  ])('%s + %i = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected)
  })
  test.each([
    ['2026-03-01', '2026-03-01', 0],
    ['2026-02-28', '2026-03-01', 1],
    ['2028-02-28', '2028-03-01', 2],
    ['2026-12-28', '2027-01-04', 7],
    ['2027-01-04', '2026-12-28', -7],
    ['2026-01-01', '2027-01-01', 365],
  ])('%s → %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days)
  })
})

describe('isPastDue: due until the deadline instant, past only after it', () => {
  const due = at('2026-03-10T15:59:59.999Z')
  test.each([
    ['2026-03-10T00:00:00.000Z', false],
    ['2026-03-10T15:59:59.999Z', false],
    ['2026-03-10T16:00:00.000Z', true],
    ['2026-04-01T00:00:00.000Z', true],
  ])('at %s past due: %s', (now, expected) => {
    expect(isPastDue(due, at(now))).toBe(expected)
  })
})

describe('isBeijingDate: only real calendar dates in YYYY-MM-DD', () => {
  test.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2028-02-29', true],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2026-04-30', true],
    ['2026-04-31', false],
    ['2026-01-31', true],
    ['2026-01-32', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-01', false],
    ['2026-01-1', false],
    ['26-01-01', false],
    ['2026/01/01', false],
    ['2026-01-01T00:00', false],
    [' 2026-01-01', false],
    ['', false],
    ['not a date', false],
  ])('%j → %s', (value, expected) => {
    expect(isBeijingDate(value)).toBe(expected)
  })
  test('functions taking a date reject an invalid one', () => {
    expect(() => startOfBeijingDay('2026-02-30')).toThrow(RangeError)
    expect(() => endOfBeijingDay('2026-13-01')).toThrow(RangeError)
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError)
    expect(() => deliberationDayIn('2026-13')).toThrow(RangeError)
  })
})

/** Brute force, independent of the code under test: walk the month's days with the JS calendar. */
function nthWeekdayBruteForce(year: number, month1: number, nth: number, weekday: number): string {
  const matches: number[] = []
  for (let day = 1; day <= 31; day++) {
    const d = new Date(Date.UTC(year, month1 - 1, day))
    if (d.getUTCMonth() !== month1 - 1) break
    if (d.getUTCDay() === weekday) matches.push(day)
  }
  const day = matches[Math.min(nth, matches.length) - 1]
  return `${year}-${String(month1).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}
const MONTHS_2026_2030: string[] = []
for (let y = 2026; y <= 2030; y++) for (let m = 1; m <= 12; m++) MONTHS_2026_2030.push(`${y}-${String(m).padStart(2, '0')}`)

describe('deliberationDayIn: the month’s second Wednesday by default', () => {
  test.each([
    ['2026-01', '2026-01-14'],
    ['2026-02', '2026-02-11'],
    ['2026-04', '2026-04-08'], // month starting on a Wednesday
    ['2026-12', '2026-12-09'],
    ['2027-01', '2027-01-13'],
    ['2028-02', '2028-02-09'],
    ['2029-07', '2029-07-11'],
    ['2030-09', '2030-09-11'],
  ])('%s → %s', (month, date) => {
    expect(deliberationDayIn(month)).toBe(date)
  })

  test('matches a brute-force second Wednesday for every month 2026–2030, always the 8th–14th', () => {
    expect(MONTHS_2026_2030).toHaveLength(60)
    for (const month of MONTHS_2026_2030) {
      const [y, m] = month.split('-').map(Number) as [number, number]
      const expected = nthWeekdayBruteForce(y, m, 2, 3)
      expect({ month, date: deliberationDayIn(month) }).toEqual({ month, date: expected })
      const day = Number(expected.slice(8))
      expect(day).toBeGreaterThanOrEqual(8)
      expect(day).toBeLessThanOrEqual(14)
    }
  })

  test('the nth given weekday for every rule and every month 2026–2030, a missing 5th falling back to the last', () => {
    for (const month of MONTHS_2026_2030) {
      const [y, m] = month.split('-').map(Number) as [number, number]
      for (let weekday = 0; weekday <= 6; weekday++) {
        for (let nth = 1; nth <= 5; nth++) {
          const got = deliberationDayIn(month, { nth, weekday, time: '19:00' })
          expect({ month, nth, weekday, got }).toEqual({ month, nth, weekday, got: nthWeekdayBruteForce(y, m, nth, weekday) })
        }
      }
    }
  })

  test.each([
    ['2026-04', 5, 3, '2026-04-29'], // April 2026 has five Wednesdays
    ['2026-02', 5, 3, '2026-02-25'], // February 2026 has four: fall back to the last
    ['2026-12', 5, 3, '2026-12-30'],
    ['2027-01', 5, 3, '2027-01-27'],
    ['2026-03', 1, 1, '2026-03-02'], // first Monday (March 1st 2026 is a Sunday)
    ['2026-03', 1, 0, '2026-03-01'], // first Sunday is the 1st itself
    ['2026-03', 4, 6, '2026-03-28'], // fourth Saturday
  ])('%s nth=%i weekday=%i → %s', (month, nth, weekday, date) => {
    expect(deliberationDayIn(month, { nth, weekday, time: '19:00' })).toBe(date)
  })
})

describe('nextDeliberationDay: the next meeting not yet started', () => {
  // Default: second Wednesday, 19:00 Beijing = 11:00Z. January 2026: the 14th; February: the 11th.
  test.each([
    ['start of the month', '2026-01-01T00:00:00.000Z', DEFAULT_DELIBERATION_DAY, '2026-01-14', '2026-01-14T11:00:00.000Z'],
    ['1 ms before the start on the day', '2026-01-14T10:59:59.999Z', DEFAULT_DELIBERATION_DAY, '2026-01-14', '2026-01-14T11:00:00.000Z'],
    ['exactly at the start: it has started, so next month', '2026-01-14T11:00:00.000Z', DEFAULT_DELIBERATION_DAY, '2026-02-11', '2026-02-11T11:00:00.000Z'],
    ['just after the start', '2026-01-14T11:00:00.001Z', DEFAULT_DELIBERATION_DAY, '2026-02-11', '2026-02-11T11:00:00.000Z'],
    ['after December’s meeting: next year', '2026-12-09T12:00:00.000Z', DEFAULT_DELIBERATION_DAY, '2027-01-13', '2027-01-13T11:00:00.000Z'],
    ['Beijing already in February while UTC is in January', '2026-01-31T17:00:00.000Z', DEFAULT_DELIBERATION_DAY, '2026-02-11', '2026-02-11T11:00:00.000Z'],
    // A morning meeting: 07:00 Beijing on the 14th is 23:00Z on the 13th.
    ['07:00 meeting, 1 ms before', '2026-01-13T22:59:59.999Z', { nth: 2, weekday: 3, time: '07:00' }, '2026-01-14', '2026-01-13T23:00:00.000Z'],
    ['07:00 meeting, at the start', '2026-01-13T23:00:00.000Z', { nth: 2, weekday: 3, time: '07:00' }, '2026-02-11', '2026-02-10T23:00:00.000Z'],
  ])('%s', (_name, now, rule, date, startsAt) => {
    const next = nextDeliberationDay(at(now), rule)
    expect(next.date).toBe(date)
    expect(iso(next.startsAt)).toBe(startsAt)
  })
})

describe('atBeijingTime', () => {
  test.each([
    ['2026-01-14', '19:00', '2026-01-14T11:00:00.000Z'],
    ['2026-01-14', '00:00', '2026-01-13T16:00:00.000Z'],
    ['2026-01-14', '07:59', '2026-01-13T23:59:00.000Z'],
    ['2026-01-14', '23:59', '2026-01-14T15:59:00.000Z'],
  ])('%s %s → %s', (date, time, expected) => {
    expect(iso(atBeijingTime(date, time))).toBe(expected)
  })
  test.each(['24:00', '7:00', '19:60', '1900', ''])('rejects time %j', (time) => {
    expect(() => atBeijingTime('2026-01-14', time)).toThrow(RangeError)
  })
})

describe('months over the year boundary', () => {
  test.each([
    ['2026-01', '2025-12', '2026-02'],
    ['2026-12', '2026-11', '2027-01'],
    ['2027-01', '2026-12', '2027-02'],
    ['2028-03', '2028-02', '2028-04'],
  ])('%s: previous %s, next %s', (month, prev, next) => {
    expect(previousMonth(month)).toBe(prev)
    expect(nextMonth(month)).toBe(next)
  })
  test.each([
    ['2026-12', '2026-11-30T16:00:00.000Z', '2026-12-31T15:59:59.999Z'],
    ['2027-01', '2026-12-31T16:00:00.000Z', '2027-01-31T15:59:59.999Z'],
    ['2028-02', '2028-01-31T16:00:00.000Z', '2028-02-29T15:59:59.999Z'],
    ['2027-02', '2027-01-31T16:00:00.000Z', '2027-02-28T15:59:59.999Z'],
  ])('monthRange(%s) = %s … %s', (month, from, to) => {
    const range = monthRange(month)
    expect(iso(range.from)).toBe(from)
    expect(iso(range.to)).toBe(to)
  })
  test.each([
    ['2026-12-31T15:59:59.999Z', '2026-12'],
    ['2026-12-31T16:00:00.000Z', '2027-01'],
    ['2026-02-28T16:00:00.000Z', '2026-03'],
  ])('beijingMonthOf(%s) = %s', (instant, month) => {
    expect(beijingMonthOf(at(instant))).toBe(month)
  })
  test('callbacks for last month are due by the end of the Beijing 20th', () => {
    expect(iso(callbackDueAt('2026-03'))).toBe('2026-03-20T15:59:59.999Z')
    expect(iso(callbackDueAt('2027-01'))).toBe('2027-01-20T15:59:59.999Z')
  })
})

describe('beijingWeekdayLabel', () => {
  test.each([
    ['2026-12-09T11:00:00Z', '周三'], // 19:00 Wednesday in Beijing
    ['2026-12-09T16:30:00Z', '周四'], // 00:30 Thursday in Beijing, still Wednesday in UTC
    ['2026-12-06T15:59:59.999Z', '周日'],
  ])('%s is %s in Beijing', (iso, label) => {
    expect(beijingWeekdayLabel(new Date(iso))).toBe(label)
  })
})
