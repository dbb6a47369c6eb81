import Taro from '@tarojs/taro'
import StaffInbox from '../../src/staff/inbox'
import { wgs84ToGcj02 } from '../../src/domain/geo'
import { render, waitFor, buttonByText, tap, type Rendered } from './render'
import { aReport, ok, recordNavigation, staffGateway, whoAmIAs } from './staff-helpers'

/**
 * The staff inbox in the browser (H5): with no map available offline, the located reports are listed nearest first
 * from where the staff member stands — the browser's WGS-84 converted to GCJ-02, the datum the reports are stored in.
 */
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

test('H5: 从我的位置排序 lists the located reports nearest first with their distance and place name', async () => {
  // The staff member stands (WGS-84) where GCJ-02 puts them at `here`; the reports are stored in GCJ-02.
  const WGS = { latitude: 26.65, longitude: 118.17 }
  const here = wgs84ToGcj02(WGS)
  const at = (dLat: number, name: string) => ({ latitude: here.latitude + dLat, longitude: here.longitude, name })
  const far = aReport({ id: 'far', text: '河堤护栏松动', location: at(0.01, '河堤') })
  const near = aReport({ id: 'near', text: '3栋门口路灯不亮', location: at(0.0005, '3栋门口') })
  const none = aReport({ id: 'none', text: '没有位置的诉求', location: null })
  staffGateway({ listTriageInbox: () => ok({ reports: [far, none, near] }), whoAmI: whoAmIAs('grid_worker') })
  const asked: unknown[] = []
  Object.assign(Taro as unknown as Record<string, unknown>, {
    getLocation: async (o: unknown) => {
      asked.push(o)
      return { ...WGS, errMsg: 'getLocation:ok' }
    },
  })
  view = render(<StaffInbox />)
  await waitFor(() => expect(view!.text()).toContain('按距离查看（2 处有位置）'))
  await tap(buttonByText(view.container, '从我的位置排序'))
  await waitFor(() => expect(view!.container.querySelectorAll('[data-place-id]')).toHaveLength(2))
  const rows = Array.from(view.container.querySelectorAll('[data-place-id]')).map((el) => [el.getAttribute('data-place-id'), (el.textContent ?? '').replace(/\s+/g, ' ').trim()])
  expect(asked).toEqual([expect.objectContaining({ type: 'WGS84' })])
  // 0.0005° of latitude ≈ 56 m; 0.01° ≈ 1.1 km.
  expect(rows).toEqual([
    ['near', '56 米 · 3栋门口基础设施 · 3栋门口路灯不亮'],
    ['far', '1.1 公里 · 河堤基础设施 · 河堤护栏松动'],
  ])
})
