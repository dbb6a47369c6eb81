import {
  DEFAULT_CATEGORIES,
  categoryOpen,
  communityCategories,
  editCategories,
  effectiveSettings,
  mayInviteTo,
  newCommunity,
  settingsOverrides,
  unboundFields,
} from '../../src/domain/admin'
import { decide } from '../../src/domain/policy'
import { CATEGORIES, DEFAULT_SETTINGS } from '../../src/domain/model'
import { COMMUNITY, GRID, TOWNSHIP, actor, at } from './fixtures'

const NOW = at('2026-03-20T02:00:00Z')
const COMMUNITY_PLACE = { townshipId: TOWNSHIP, communityId: COMMUNITY, gridId: null }

describe('mayInviteTo: strictly one level down, only within the issuer’s reach', () => {
  test('the county office invites a township supervisor for any township, nothing else', () => {
    expect(mayInviteTo(actor('county_office'), 'township_supervisor', { townshipId: 't9', communityId: null, gridId: null })).toEqual({ allowed: true })
    expect(mayInviteTo(actor('county_office'), 'county_office', { townshipId: null, communityId: null, gridId: null })).toMatchObject({ allowed: false, code: 'FORBIDDEN' })
    expect(mayInviteTo(actor('county_office'), 'community_staff', COMMUNITY_PLACE)).toMatchObject({ allowed: false, code: 'FORBIDDEN' })
    expect(mayInviteTo(actor('county_office'), 'township_supervisor', { townshipId: null, communityId: null, gridId: null })).toMatchObject({ allowed: false, code: 'UNKNOWN_PLACE' })
  })
  test('a township supervisor invites community staff of its own township only', () => {
    expect(mayInviteTo(actor('township_supervisor'), 'community_staff', COMMUNITY_PLACE)).toEqual({ allowed: true })
    expect(mayInviteTo(actor('township_supervisor'), 'community_staff', { townshipId: 't2', communityId: 'c3', gridId: null })).toMatchObject({ allowed: false, code: 'OUT_OF_SCOPE' })
    expect(mayInviteTo(actor('township_supervisor'), 'grid_worker', { ...COMMUNITY_PLACE, gridId: GRID })).toMatchObject({ allowed: false, code: 'FORBIDDEN' })
    expect(mayInviteTo(actor('township_supervisor'), 'township_supervisor', COMMUNITY_PLACE)).toMatchObject({ allowed: false, code: 'FORBIDDEN' })
  })
  test('community staff invite grid workers (with a grid) and representatives of their own community', () => {
    expect(mayInviteTo(actor('community_staff'), 'grid_worker', { ...COMMUNITY_PLACE, gridId: GRID })).toEqual({ allowed: true })
    expect(mayInviteTo(actor('community_staff'), 'grid_worker', COMMUNITY_PLACE)).toMatchObject({ allowed: false, code: 'UNKNOWN_PLACE' })
    expect(mayInviteTo(actor('community_staff'), 'representative', COMMUNITY_PLACE)).toEqual({ allowed: true })
    expect(mayInviteTo(actor('community_staff'), 'representative', { ...COMMUNITY_PLACE, communityId: 'c2' })).toMatchObject({ allowed: false, code: 'OUT_OF_SCOPE' })
    expect(mayInviteTo(actor('community_staff'), 'community_staff', COMMUNITY_PLACE)).toMatchObject({ allowed: false, code: 'FORBIDDEN' })
  })
  test('residents, representatives, grid workers and nobody invite no one', () => {
    for (const role of ['resident', 'representative', 'grid_worker'] as const) {
      expect(mayInviteTo(actor(role), 'representative', COMMUNITY_PLACE)).toMatchObject({ allowed: false, code: 'FORBIDDEN' })
    }
    expect(mayInviteTo(null, 'representative', COMMUNITY_PLACE)).toMatchObject({ allowed: false, code: 'FORBIDDEN' })
  })
})

describe('places: who renames and retires what', () => {
  const township = { communityId: '', townshipId: TOWNSHIP, placeKind: 'township' as const }
  test('a township is renamed and retired by the county office only', () => {
    expect(decide('renamePlace', actor('county_office'), township, NOW)).toEqual({ allowed: true })
    expect(decide('renamePlace', actor('township_supervisor'), township, NOW)).toMatchObject({ allowed: false, code: 'FORBIDDEN' })
    expect(decide('retirePlace', actor('township_supervisor'), township, NOW)).toMatchObject({ allowed: false, code: 'FORBIDDEN' })
  })
  test('a community, grid or building also by its own township’s supervisor, not another’s', () => {
    for (const placeKind of ['community', 'grid', 'building'] as const) {
      expect(decide('retirePlace', actor('township_supervisor'), { communityId: COMMUNITY, townshipId: TOWNSHIP, placeKind }, NOW)).toEqual({ allowed: true })
      expect(decide('retirePlace', actor('township_supervisor'), { communityId: 'c3', townshipId: 't2', placeKind }, NOW)).toMatchObject({ allowed: false, code: 'OUT_OF_SCOPE' })
    }
    expect(decide('renamePlace', actor('community_staff'), { communityId: COMMUNITY, townshipId: TOWNSHIP, placeKind: 'grid' }, NOW)).toMatchObject({ allowed: false, code: 'FORBIDDEN' })
  })
  test('a new community stores no settings and no category list: the defaults apply at read time', () => {
    const c = newCommunity('c9', { _id: TOWNSHIP, name: '屏山镇' }, '新社区', [{ id: 'g1', name: '一网格', buildings: [{ id: 'b1', name: '1栋' }] }], NOW)
    expect(c.settings).toBeUndefined()
    expect(c.categories).toBeUndefined()
    expect(effectiveSettings(c)).toEqual(DEFAULT_SETTINGS)
    expect(communityCategories(c).map((e) => e.id)).toEqual([...CATEGORIES])
  })
})

describe('settings and categories', () => {
  test('only overrides are stored; a value set back to its default is dropped', () => {
    const once = settingsOverrides(undefined, { objectionWindowDays: 7, quorumRatio: DEFAULT_SETTINGS.quorumRatio })
    expect(once).toEqual({ objectionWindowDays: 7 })
    expect(settingsOverrides(once, { objectionWindowDays: DEFAULT_SETTINGS.objectionWindowDays })).toEqual({})
    expect(effectiveSettings({ settings: once })).toEqual({ ...DEFAULT_SETTINGS, objectionWindowDays: 7 })
  })
  test('an edit reorders, renames, adds and retires; ids left out are retired, never deleted', () => {
    let n = 0
    const next = editCategories(DEFAULT_CATEGORIES.map((e) => ({ ...e })), [{ id: 'elderly_care', label: '养老服务' }, { label: '停车' }, { id: 'livelihood', label: '民生', retired: true }], NOW, () => `cat_${++n}`)!
    expect(next.slice(0, 3)).toEqual([
      { id: 'elderly_care', label: '养老服务', retiredAt: null },
      { id: 'cat_1', label: '停车', retiredAt: null },
      { id: 'livelihood', label: '民生', retiredAt: NOW },
    ])
    expect(next.map((e) => e.id).sort()).toEqual([...CATEGORIES, 'cat_1'].sort())
    expect(categoryOpen({ categories: next }, 'cat_1')).toBe(true)
    expect(categoryOpen({ categories: next }, 'livelihood')).toBe(false)
    expect(categoryOpen({ categories: next }, 'property')).toBe(false)
  })
  test('an edit naming an unknown id, naming one twice, or leaving nothing open is refused', () => {
    const current = DEFAULT_CATEGORIES.map((e) => ({ ...e }))
    expect(editCategories(current, [{ id: 'nope', label: 'x' }], NOW, () => 'cat_x')).toBeNull()
    expect(editCategories(current, [{ id: 'other', label: 'x' }, { id: 'other', label: 'y' }], NOW, () => 'cat_x')).toBeNull()
    expect(editCategories(current, [{ id: 'other', label: '其他', retired: true }], NOW, () => 'cat_x')).toBeNull()
  })
})

describe('unbinding', () => {
  test('staff become residents without a place; a representative keeps their home', () => {
    expect(unboundFields({ role: 'grid_worker', communityId: COMMUNITY, gridId: GRID, buildingId: null, townshipId: TOWNSHIP })).toEqual({
      role: 'resident', communityId: null, gridId: null, buildingId: null, townshipId: null,
    })
    expect(unboundFields({ role: 'representative', communityId: COMMUNITY, gridId: GRID, buildingId: 'b1', townshipId: TOWNSHIP })).toEqual({
      role: 'resident', communityId: COMMUNITY, gridId: GRID, buildingId: 'b1', townshipId: TOWNSHIP,
    })
  })
})
