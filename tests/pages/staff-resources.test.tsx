import Taro from '@tarojs/taro'
import ResourceRoll from '../../src/staff/lists/ResourceRoll'
import { render, waitFor, buttonByText, tap, type Rendered } from './render'
import { byText, field, ok, recordNavigation, staffGateway, typeInto } from './staff-helpers'
import { resourceView } from '../../src/contracts/supervision'

/**
 * The 资源清单 roll on screen (issue 12): staff register and retire entries, and link a volunteer to a resident of the
 * community only by picking one the server found by name.
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

const entry = (id: string, name: string, registeredVolunteer = false) =>
  resourceView.parse({ id, communityId: 'c1', name, kind: registeredVolunteer ? 'volunteer' : 'unit', kindLabel: registeredVolunteer ? '志愿者' : '单位', offer: '水电维修', contact: '13800000000', registeredVolunteer, retiredAt: null, allowedActions: ['saveResource', 'retireResource'] })
const rolled = (resources: ReturnType<typeof entry>[]) => ok({ communityId: 'c1', resources, allowedActions: ['saveResource'] })

test('lists the entries (a linked volunteer says so) and 退出 retires one', async () => {
  const gw = staffGateway({
    listResources: () => rolled([entry('res1', '平山物业'), entry('res2', '王秀英', true)]),
    retireResource: (input) => ok({ resource: { ...entry(input.resourceId, '平山物业'), retiredAt: '2026-12-06T02:00:00.000Z', allowedActions: [] } }),
  })
  view = render(<ResourceRoll communityId={null} onChanged={() => undefined} />)
  await waitFor(() => expect(view!.text()).toContain('在册资源（2）'))
  expect(view.text()).toContain('已关联本社区居民（可本人揭榜）')
  await tap(buttonByText(view.container, '退出'))
  await waitFor(() => expect(gw.sent('retireResource')).toEqual([{ resourceId: 'res1' }]))
})

test('a volunteer is linked to a resident picked from those found by name, and saved with that resident', async () => {
  const gw = staffGateway({
    listResources: () => rolled([]),
    listVolunteerCandidates: () => ok({ residents: [{ openid: 'o-wang', displayName: '王秀英', roleLabel: '居民' }], more: false }),
    saveResource: () => ok({ resource: entry('res3', '王秀英', true) }),
  })
  view = render(<ResourceRoll communityId={null} onChanged={() => undefined} />)
  await waitFor(() => expect(view!.text()).toContain('登记资源'))
  expect(view.text()).not.toContain('居民姓名')
  await tap(byText(view.container, '[role="radio"]', '志愿者'))
  await typeInto(field(view.container, '名称'), '王秀英')
  await typeInto(field(view.container, '可提供的服务'), '陪护老人')
  await typeInto(field(view.container, '联系方式（仅工作人员可见）'), '13800000001')
  await typeInto(field(view.container, '居民姓名'), '王')
  await tap(buttonByText(view.container, '查找居民'))
  await waitFor(() => expect(gw.sent('listVolunteerCandidates')).toEqual([{ name: '王' }]))
  await waitFor(() => byText(view!.container, '[role="radio"]', '王秀英（居民）'))
  await tap(byText(view.container, '[role="radio"]', '王秀英（居民）'))
  await tap(buttonByText(view.container, '登记'))
  await waitFor(() =>
    expect(gw.sent('saveResource')).toEqual([{ name: '王秀英', kind: 'volunteer', offer: '陪护老人', contact: '13800000001', volunteerOpenid: 'o-wang' }]),
  )
})

test('a unit is saved without any resident', async () => {
  const gw = staffGateway({ listResources: () => rolled([]), saveResource: () => ok({ resource: entry('res4', '平山物业') }) })
  view = render(<ResourceRoll communityId={null} onChanged={() => undefined} />)
  await waitFor(() => expect(view!.text()).toContain('登记资源'))
  await typeInto(field(view.container, '名称'), '平山物业')
  await typeInto(field(view.container, '可提供的服务'), '水电维修')
  await typeInto(field(view.container, '联系方式（仅工作人员可见）'), '0571-1234')
  await tap(buttonByText(view.container, '登记'))
  await waitFor(() => expect(gw.sent('saveResource')).toEqual([{ name: '平山物业', kind: 'unit', offer: '水电维修', contact: '0571-1234' }]))
})
