import Taro from '@tarojs/taro'
import StaffSettings from '../../src/staff/settings'
import { communitySettingsView } from '../../src/contracts/account'
import { DEFAULT_SETTINGS } from '../../src/domain/model'
import { DEFAULT_CATEGORIES } from '../../src/domain/admin'
import { render, waitFor, buttonByText, buttonByLabel, tap, type Rendered } from './render'
import { field, ok, staffGateway, typeInto, whoAmIAs } from './staff-helpers'

let view: Rendered | undefined
beforeEach(() => {
  Taro.clearStorageSync()
})
afterEach(() => {
  view?.unmount()
  view = undefined
})

/** The settings view of a community on the defaults, checked against the contract's output schema. */
const defaults = () =>
  communitySettingsView.parse({
    communityId: 'c1',
    communityName: '屏山社区',
    settings: DEFAULT_SETTINGS,
    overridden: [],
    defaults: DEFAULT_SETTINGS,
    categories: DEFAULT_CATEGORIES.map((c) => ({ id: c.id, label: c.label, retired: false })),
  })

describe('staff settings (社区设置)', () => {
  test('community staff rename, reorder, stop and add categories, change a deadline, and save what they see', async () => {
    const gw = staffGateway({
      whoAmI: whoAmIAs('community_staff'),
      getCommunitySettings: () => ok(defaults()),
      updateCommunitySettings: () => ok({ ...defaults(), overridden: ['objectionWindowDays'], settings: { ...DEFAULT_SETTINGS, objectionWindowDays: 7 } }),
    })
    view = render(<StaffSettings />)
    await waitFor(() => expect(view!.text()).toContain('屏山社区 · 诉求与议题分类'))
    expect(view.text()).toContain('目前全部使用默认值')

    await typeInto(field(view.container, '分类 1'), '民生服务')
    await tap(buttonByLabel(view.container, '下移 民生服务'))
    await tap(buttonByLabel(view.container, '停用 其他'))
    await tap(buttonByText(view.container, '添加分类'))
    await typeInto(field(view.container, '分类 9'), '停车管理')
    await typeInto(field(view.container, '异议期（天）'), '7')
    await tap(buttonByText(view.container, '保存设置'))

    await waitFor(() => expect(view!.text()).toContain('已保存'))
    const [sent] = gw.sent('updateCommunitySettings')
    expect(sent.categories.slice(0, 2)).toEqual([{ id: 'women_children', label: '妇女儿童' }, { id: 'livelihood', label: '民生服务' }])
    expect(sent.categories).toContainEqual({ id: 'other', label: '其他', retired: true })
    expect(sent.categories[8]).toEqual({ label: '停车管理' })
    expect(sent.settings).toEqual({ ...DEFAULT_SETTINGS, objectionWindowDays: 7 })
    expect(view.text()).toContain('本社区已自定：1 项')
  })

  test('a resident is told only community staff may change settings, and nothing is loaded', async () => {
    const gw = staffGateway({ whoAmI: whoAmIAs('resident'), getCommunitySettings: () => ok(defaults()) })
    view = render(<StaffSettings />)
    await waitFor(() => expect(view!.text()).toContain('只有社区工作人员可以修改社区设置'))
    expect(view.text()).not.toContain('保存设置')
    expect(gw.sent('getCommunitySettings')).toEqual([])
  })
})
