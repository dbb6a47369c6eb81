import { lineOfTally, boardLine } from '../../src/domain/board'
import type { Resolution } from '../../src/domain/model'
import { resolutionStatus } from '../../src/domain/stages'
import {
  applyDelta,
  communitySummaryId,
  emptySummary,
  lineKey,
  lineName,
  normalizedSummary,
  rebuildSummaries,
  summaryDelta,
  townshipSummaryId,
  type BoardSummary,
} from '../../src/domain/summaries'
import { at, resolution } from './fixtures'

const NOW = at('2026-03-20T02:00:00.000Z')
const END = (beijingDate: string) => at(`${beijingDate}T15:59:59.999Z`)
const FROM = END('2026-03-01')

const item = (over: Partial<Resolution> & { source?: 'meeting' | 'handle' | 'transfer' }): Resolution => resolution({ handlingFrom: FROM, disclosureDueAt: END('2026-03-22'), ...over })

describe('lineKey', () => {
  test.each(['张三', 'a.b$c', '', '承办人 1 号'])('%j round-trips and is a safe field name', (name) => {
    expect(lineName(lineKey(name))).toBe(name)
    expect(lineKey(name)).toMatch(/^k[0-9a-f]*$/)
  })
})

describe('summaryDelta', () => {
  test('a new handling item adds one item to its community, its assignee, its township and its community line there', () => {
    const r = item({ _id: 'r1', assigneeName: '张三' })
    const delta = summaryDelta(null, { item: r, status: 'handling' })
    expect(delta[communitySummaryId(r.communityId)]).toEqual({ 'total.items': 1, 'total.meeting': 1, [`lines.${lineKey('张三')}.items`]: 1, [`lines.${lineKey('张三')}.meeting`]: 1 })
    expect(delta[townshipSummaryId(r.townshipId)]).toEqual({ 'total.items': 1, 'total.meeting': 1, [`lines.${lineKey(r.communityId)}.items`]: 1, [`lines.${lineKey(r.communityId)}.meeting`]: 1 })
  })
  test('an item counted in the status it already had changes nothing', () => {
    const r = item({})
    expect(summaryDelta({ item: r, status: 'overdue' }, { item: r, status: 'overdue' })).toEqual({})
  })
  test('handling → overdue moves only the overdue counter', () => {
    const r = item({})
    const delta = summaryDelta({ item: r, status: 'handling' }, { item: r, status: 'overdue' })
    expect(Object.entries(delta[communitySummaryId(r.communityId)]!).filter(([p]) => p.startsWith('total.'))).toEqual([['total.overdue', 1]])
  })
  test('a 受理自办 item counts under its source', () => {
    const r = item({ source: 'handle' })
    expect(summaryDelta(null, { item: r, status: 'handling' })[communitySummaryId(r.communityId)]!['total.handle']).toBe(1)
  })
})

describe('rebuildSummaries equals the deltas applied write by write', () => {
  test('a flow of creations, disclosures, a result, a rating and a reopening', () => {
    const a0 = item({ _id: 'a', assigneeName: '张三', handlingFrom: null, disclosureDueAt: null })
    const a1 = item({ _id: 'a', assigneeName: '张三' })
    const a2 = { ...a1, disclosures: [{ at: at('2026-03-05T02:00:00.000Z'), dueAt: END('2026-03-08'), text: 't', photos: [], by: 's', final: false }] }
    const a3 = { ...a2, resultPublishedAt: at('2026-03-10T02:00:00.000Z'), disclosureDueAt: null, openDueAt: null }
    const a4 = { ...a3, ratingCount: 1, ratingSum: 2 }
    const b0 = item({ _id: 'b', assigneeName: '李四', disclosureDueAt: END('2026-03-15') })
    const c0 = item({ _id: 'c', assigneeName: '李四', passed: false, handlingFrom: null, disclosureDueAt: null })
    const a5 = { ...a4, resultPublishedAt: null, reopenedAt: NOW, disclosureDueAt: END('2026-03-27') }
    const writes: [Resolution | null, Resolution][] = [[null, a0], [a0, a1], [a1, a2], [a2, a3], [a3, a4], [null, b0], [null, c0], [a4, a5]]
    const summaries = new Map<string, BoardSummary>()
    for (const [before, after] of writes) {
      const delta = summaryDelta(before && { item: before, status: resolutionStatus(before, NOW) }, { item: after, status: resolutionStatus(after, NOW) })
      for (const [id, paths] of Object.entries(delta)) {
        const s = summaries.get(id) ?? emptySummary(id.startsWith('community:') ? 'community' : 'township', id.slice(id.indexOf(':') + 1), after.townshipId)
        summaries.set(id, applyDelta(s, paths))
      }
    }
    const rebuilt = rebuildSummaries([a5, b0, c0], NOW)
    expect([...summaries.values()].map(normalizedSummary).sort((x, y) => x._id.localeCompare(y._id))).toEqual([...rebuilt.values()].map(normalizedSummary).sort((x, y) => x._id.localeCompare(y._id)))
    const community = rebuilt.get(communitySummaryId(a5.communityId))!
    expect(lineOfTally('k', 'k', community.total)).toEqual(boardLine('k', 'k', [a5, b0, c0], NOW))
    expect(community.total.ratings).toBe(1)
    expect(community.total.ratingSum).toBe(2)
  })
})
