import Taro from '@tarojs/taro'
import StaffItem from '../../src/staff/item'
import StaffTopic from '../../src/staff/topic'
import { dialogs, render, waitFor, buttonByText, buttonTexts, tap, type Rendered } from './render'
import { aResolution, aTopic, fail, field, ok, recordNavigation, setRoute, staffGateway, typeInto, whoAmIAs, PAST } from './staff-helpers'
import { resourceView } from '../../src/contracts/supervision'
import type { ResolutionView } from '../../src/contracts/topics'

/**
 * 接单 and 张榜 on screen (issue 12): on the staff item page and on each item of the staff topic page, the buttons are
 * the item's allowedActions; 接单 chooses from the 资源清单 (name, kind, what they offer) and 张榜 publishes the item
 * with what it needs, each confirmed first; a refusal shows the server's words; a published item reads
 * 「已张榜，待揭榜」 and a taken one names its taker.
 */

let view: Rendered | undefined
let nav: ReturnType<typeof recordNavigation>
beforeEach(() => {
  Taro.clearStorageSync()
  nav = recordNavigation()
  dialogs.modals.length = 0
  setRoute('/staff/item/index', { id: 'rp1_item' })
})
afterEach(() => {
  view?.unmount()
  view = undefined
  nav.restore()
})

const item = (extra: Partial<ResolutionView> = {}) =>
  aResolution({ id: 'rp1_item', topicId: null, source: 'handle', sourceLabel: '受理自办', reportId: 'rp1', title: '5栋楼道灯不亮', assigneeName: '陈志强', allowedActions: ['assignItemToResource', 'publishItemForTaking'], ...extra })
const resource = (id: string, name: string, kind: 'unit' | 'party_member' | 'volunteer', kindLabel: string, offer: string) =>
  resourceView.parse({ id, communityId: 'c1', name, kind, kindLabel, offer, contact: '13800000000', registeredVolunteer: false, retiredAt: null, allowedActions: ['saveResource', 'retireResource'] })
const ROLL = [resource('res1', '平山物业', 'unit', '单位', '水电维修'), resource('res2', '党员先锋队', 'party_member', '党员', '清理杂物')]
const actionsShown = (scope: Element) => Array.from(scope.querySelectorAll('[data-action]')).map((b) => b.getAttribute('data-action'))

describe('staff item page: 接单 and 张榜', () => {
  test('shows 接单 and 张榜 exactly when the item lists them', async () => {
    staffGateway({ whoAmI: whoAmIAs('community_staff'), getItem: () => ok({ resolution: item() }) })
    view = render(<StaffItem />)
    await waitFor(() => expect(buttonTexts(view!.container)).toEqual(expect.arrayContaining(['接单', '张榜'])))
    expect(actionsShown(view.container)).toEqual(expect.arrayContaining(['assignItemToResource', 'publishItemForTaking']))
    view.unmount()
    staffGateway({ whoAmI: whoAmIAs('grid_worker'), getItem: () => ok({ resolution: item({ allowedActions: ['publishProgress'] }) }) })
    view = render(<StaffItem />)
    await waitFor(() => expect(view!.text()).toContain('5栋楼道灯不亮'))
    expect(buttonTexts(view.container)).not.toContain('接单')
    expect(buttonTexts(view.container)).not.toContain('张榜')
  })

  test('接单 lists the roll with kind and offer, confirms, gives the item to the resource chosen and reloads it', async () => {
    let assigned = false
    const gw = staffGateway({
      whoAmI: whoAmIAs('community_staff'),
      getItem: () => ok({ resolution: assigned ? item({ assigneeName: '党员先锋队' }) : item() }),
      listResources: () => ok({ communityId: 'c1', resources: ROLL, allowedActions: ['saveResource'] }),
      assignItemToResource: (input) => {
        assigned = true
        return ok({ resolutionId: input.resolutionId, resourceId: input.resourceId, assigneeName: '党员先锋队' })
      },
    })
    view = render(<StaffItem />)
    await waitFor(() => buttonByText(view!.container, '接单'))
    await tap(buttonByText(view.container, '接单'))
    await waitFor(() => expect(view!.text()).toContain('党员｜党员先锋队'))
    expect(view.text()).toContain('单位｜平山物业')
    expect(view.text()).toContain('可提供：清理杂物')
    await tap(buttonByText(view.container, '交给党员先锋队'))
    await waitFor(() => expect(gw.sent('assignItemToResource')).toEqual([{ resolutionId: 'rp1_item', resourceId: 'res2' }]))
    expect(dialogs.modals.map((m) => m.title)).toContain('接单')
    await waitFor(() => expect(view!.text()).toContain('承办：党员先锋队'))
  })

  test('张榜 confirms and publishes the item with what it needs', async () => {
    const gw = staffGateway({
      whoAmI: whoAmIAs('community_staff'),
      getItem: () => ok({ resolution: item() }),
      publishItemForTaking: (input) => ok({ resolutionId: input.resolutionId, openForTakingAt: PAST }),
    })
    view = render(<StaffItem />)
    await waitFor(() => buttonByText(view!.container, '张榜'))
    await typeInto(field(view.container, '需要的帮助（张榜后居民可见，可不填）'), '会换灯泡的志愿者')
    await tap(buttonByText(view.container, '张榜'))
    await waitFor(() => expect(gw.sent('publishItemForTaking')).toEqual([{ resolutionId: 'rp1_item', need: '会换灯泡的志愿者' }]))
    expect(dialogs.modals.map((m) => m.title)).toContain('张榜')
  })

  test('a refusal shows the server’s words', async () => {
    staffGateway({
      whoAmI: whoAmIAs('community_staff'),
      getItem: () => ok({ resolution: item() }),
      publishItemForTaking: () => fail('ALREADY_DONE', '该事项已张榜'),
    })
    view = render(<StaffItem />)
    await waitFor(() => buttonByText(view!.container, '张榜'))
    await tap(buttonByText(view.container, '张榜'))
    await waitFor(() => expect(view!.text()).toContain('该事项已张榜'))
  })

  test('a published item reads 已张榜，待揭榜 with what it needs; a taken one names its taker', async () => {
    staffGateway({
      whoAmI: whoAmIAs('community_staff'),
      getItem: () => ok({ resolution: item({ allowedActions: ['assignItemToResource'], taking: { openForTakingAt: PAST, need: '周末半天', takenAt: null } }) }),
    })
    view = render(<StaffItem />)
    await waitFor(() => expect(view!.text()).toContain('已张榜，待揭榜'))
    expect(view.text()).toContain('需要：周末半天')
    expect(buttonTexts(view.container)).not.toContain('张榜')
    view.unmount()
    staffGateway({
      whoAmI: whoAmIAs('community_staff'),
      getItem: () => ok({ resolution: item({ assigneeName: '王秀英', allowedActions: ['assignItemToResource'], taking: { openForTakingAt: PAST, need: '', takenAt: PAST } }) }),
    })
    view = render(<StaffItem />)
    await waitFor(() => expect(view!.text()).toContain('已揭榜：王秀英'))
    expect(view.text()).not.toContain('待揭榜')
  })
})

describe('staff topic page: 接单 and 张榜 on its decided items', () => {
  test('each item shows the buttons it lists, and 张榜 publishes that item', async () => {
    setRoute('/staff/topic/index', { id: 'tp1' })
    const open = aResolution({ id: 'tp1_r01', allowedActions: ['publishProgress', 'assignItemToResource', 'publishItemForTaking'] })
    const other = aResolution({ id: 'tp1_r02', title: '增设车棚', allowedActions: [] })
    const gw = staffGateway({
      whoAmI: whoAmIAs('community_staff'),
      getTopic: () => ok({ topic: aTopic({ stage: 'handling', stageLabel: '办理中', resolutions: [open, other] }) }),
      publishItemForTaking: (input) => ok({ resolutionId: input.resolutionId, openForTakingAt: PAST }),
    })
    view = render(<StaffTopic />)
    await waitFor(() => expect(view!.container.querySelector('[data-resolution-id="tp1_r01"] [data-action="publishItemForTaking"]')).not.toBeNull())
    expect(view.container.querySelector('[data-resolution-id="tp1_r01"] [data-action="assignItemToResource"]')).not.toBeNull()
    expect(view.container.querySelector('[data-resolution-id="tp1_r02"] [data-action="assignItemToResource"]')).toBeNull()
    expect(view.container.querySelector('[data-resolution-id="tp1_r02"] [data-action="publishItemForTaking"]')).toBeNull()
    await tap(view.container.querySelector<HTMLElement>('[data-resolution-id="tp1_r01"] [data-action="publishItemForTaking"]')!)
    await waitFor(() => expect(gw.sent('publishItemForTaking')).toEqual([{ resolutionId: 'tp1_r01' }]))
  })
})
