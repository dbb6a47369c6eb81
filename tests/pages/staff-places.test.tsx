import Taro from '@tarojs/taro'
import StaffPlaces from '../../src/staff/places'
import { listPlaces } from '../../src/contracts/account'
import { parseGrids } from '../../src/ui/places'
import { render, waitFor, buttonByLabel, buttonByText, tap, type Rendered } from './render'
import { byText, fail, field, ok, recordNavigation, staffGateway, typeInto, whoAmIAs } from './staff-helpers'

/** 地点管理 (src/staff/places): township and community creation, rename and retire, on the account actions. */
let view: Rendered | undefined
let nav: ReturnType<typeof recordNavigation>
beforeEach(() => {
  Taro.clearStorageSync()
  nav = recordNavigation()
})
afterEach(() => {
  view?.unmount()
  view = undefined
  nav.restore()
})

const county = whoAmIAs('county_office', { communityId: null, communityName: null, gridId: null, townshipId: null })
const supervisor = whoAmIAs('township_supervisor', { communityId: null, communityName: null, gridId: null, townshipId: 'ts_a' })

function placesOf(extraTownships: { id: string; name: string }[] = []) {
  return listPlaces.output.parse({
    townships: [
      {
        id: 'ts_a',
        name: '屏山镇',
        retiredAt: null,
        communities: [
          {
            id: 'cm_a',
            name: '屏山社区',
            retiredAt: null,
            townshipId: 'ts_a',
            grids: [{ id: 'g1', name: '东区网格', retiredAt: null, buildings: [{ id: 'b1', name: '1栋', retiredAt: null }, { id: 'b2', name: '2栋', retiredAt: '2026-11-02T02:00:00.000Z' }] }],
          },
        ],
      },
      ...extraTownships.map((t) => ({ ...t, retiredAt: null, communities: [] })),
    ],
  })
}

describe('staff places (地点管理)', () => {
  test('the county office sees every place with its retired ones marked, and creates a township', async () => {
    let created = false
    const gw = staffGateway({
      whoAmI: county,
      listPlaces: () => ok(placesOf(created ? [{ id: 'ts_b', name: '金沙镇' }] : [])),
      createTownship: (input) => {
        if (input.name === '屏山镇') return fail('PLACE_NAME_TAKEN', '已有同名街道')
        created = true
        return ok({ township: { id: 'ts_b', name: input.name, retiredAt: null } })
      },
    })
    view = render(<StaffPlaces />)
    await waitFor(() => expect(view!.text()).toContain('楼栋：1栋'))
    expect(view.text()).toContain('社区：屏山社区')
    expect(view.text()).toContain('网格：东区网格')
    expect(view.text()).toContain('楼栋：2栋（已撤销 2026-11-02）')
    // A retired place offers nothing more.
    expect(() => buttonByLabel(view!.container, '撤销 楼栋 2栋')).toThrow()

    await typeInto(field(view.container, '街道名称'), '屏山镇')
    await tap(buttonByText(view.container, '新建街道'))
    await waitFor(() => expect(view!.text()).toContain('已有同名街道'))
    await typeInto(field(view.container, '街道名称'), '金沙镇')
    await tap(buttonByText(view.container, '新建街道'))
    await waitFor(() => expect(view!.text()).toContain('街道：金沙镇'))
    expect(gw.sent('createTownship')).toEqual([{ name: '屏山镇' }, { name: '金沙镇' }])
  })

  test('a township supervisor creates a community with its grids and buildings; a malformed grid line is refused before any call', async () => {
    const gw = staffGateway({
      whoAmI: supervisor,
      listPlaces: () => ok(placesOf()),
      createCommunity: (input) => ok({ community: { id: 'cm_b', name: input.name, retiredAt: null, townshipId: input.townshipId, grids: [] } }),
    })
    view = render(<StaffPlaces />)
    await waitFor(() => expect(view!.text()).toContain('所属街道：屏山镇'))
    // Townships are the county office's.
    expect(() => buttonByText(view!.container, '新建街道')).toThrow()
    expect(() => buttonByLabel(view!.container, '撤销 街道 屏山镇')).toThrow()

    await typeInto(field(view.container, '社区名称'), '金沙社区')
    await typeInto(field(view.container, '网格与楼栋（每行一个网格：网格名：楼栋、楼栋）'), '北区网格')
    await tap(buttonByText(view.container, '新建社区'))
    await waitFor(() => expect(view!.text()).toContain('第 1 行须写成'))
    expect(gw.sent('createCommunity')).toHaveLength(0)

    await typeInto(field(view.container, '网格与楼栋（每行一个网格：网格名：楼栋、楼栋）'), '北区网格：1栋、2栋\n南区网格: 3栋')
    await tap(buttonByText(view.container, '新建社区'))
    await waitFor(() => expect(gw.sent('createCommunity')).toHaveLength(1))
    expect(gw.sent('createCommunity')[0]).toEqual({
      townshipId: 'ts_a',
      name: '金沙社区',
      grids: [
        { name: '北区网格', buildings: [{ name: '1栋' }, { name: '2栋' }] },
        { name: '南区网格', buildings: [{ name: '3栋' }] },
      ],
    })
  })

  test('a grid is renamed within its community, and a community is retired after confirming', async () => {
    const gw = staffGateway({
      whoAmI: supervisor,
      listPlaces: () => ok(placesOf()),
      renamePlace: (input) => ok({ kind: input.kind, id: input.id, name: input.name }),
      retirePlace: (input) => ok({ kind: input.kind, id: input.id, retiredAt: '2026-12-06T02:00:00.000Z' }),
    })
    view = render(<StaffPlaces />)
    await waitFor(() => expect(view!.text()).toContain('网格：东区网格'))
    await tap(buttonByLabel(view.container, '改名 网格 东区网格'))
    await typeInto(field(view.container, '网格 东区网格 的新名称'), '东区一网格')
    await tap(byText(view.container, '.taro-button-core', '保存'))
    await waitFor(() => expect(gw.sent('renamePlace')).toHaveLength(1))
    expect(gw.sent('renamePlace')[0]).toEqual({ kind: 'grid', id: 'g1', communityId: 'cm_a', name: '东区一网格' })

    await tap(buttonByLabel(view.container, '撤销 社区 屏山社区'))
    await waitFor(() => expect(gw.sent('retirePlace')).toHaveLength(1))
    expect(gw.sent('retirePlace')[0]).toEqual({ kind: 'community', id: 'cm_a' })
  })
})

test('parseGrids: one grid a line, full- or half-width separators', () => {
  expect(parseGrids('东区：1栋、2栋\n西区:3栋,4栋')).toEqual({
    grids: [
      { name: '东区', buildings: [{ name: '1栋' }, { name: '2栋' }] },
      { name: '西区', buildings: [{ name: '3栋' }, { name: '4栋' }] },
    ],
  })
  expect(parseGrids('')).toHaveProperty('error')
  expect(parseGrids('东区：')).toEqual({ error: '第 1 行须写成“网格名：楼栋、楼栋”' })
})
