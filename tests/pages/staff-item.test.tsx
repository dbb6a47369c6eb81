import Taro from '@tarojs/taro'
import StaffItem from '../../src/staff/item'
import { render, waitFor, buttonByText, buttonTexts, tap, type Rendered } from './render'
import { field, ok, recordNavigation, setRoute, staffGateway, typeInto, whoAmIAs } from './staff-helpers'
import { resolution } from './fixtures'
import type { ResolutionView } from '../../src/contracts/topics'

/** 事项办理 (issue 12): a 三单 item's handler discloses progress, publishes the result and replies to a low rating. */

let view: Rendered | undefined
let nav: ReturnType<typeof recordNavigation>
beforeEach(() => {
  Taro.clearStorageSync()
  nav = recordNavigation()
  setRoute('/staff/item/index', { id: 'rp1_item' })
})
afterEach(() => {
  view?.unmount()
  view = undefined
  nav.restore()
})

const item = (extra: Partial<ResolutionView> = {}) =>
  resolution('rp1_item', { topicId: null, source: 'handle', sourceLabel: '受理自办', reportId: 'rp1', title: '5栋楼道灯不亮', assigneeName: '陈志强', allowedActions: ['publishProgress', 'publishResult'], ...extra })

describe('staff item page (事项办理)', () => {
  test('loads the item named in the route and offers the disclosure forms its allowedActions list', async () => {
    const gw = staffGateway({ whoAmI: whoAmIAs('grid_worker'), getItem: () => ok({ resolution: item() }) })
    view = render(<StaffItem />)
    await waitFor(() => expect(view!.text()).toContain('5栋楼道灯不亮'))
    expect(gw.sent('getItem')).toEqual([{ resolutionId: 'rp1_item' }])
    expect(view.text()).toContain('承办：陈志强')
    expect(buttonTexts(view.container)).toEqual(expect.arrayContaining(['公示办理情况', '公示办理结果']))
  })

  test('公示办理情况 sends the text for the item and shows the item as answered', async () => {
    const gw = staffGateway({
      whoAmI: whoAmIAs('grid_worker'),
      getItem: () => ok({ resolution: item() }),
      publishProgress: (input) =>
        ok({ resolution: item({ disclosures: [{ at: '2026-12-06T02:00:00.000Z', dueAt: '2026-12-08T15:59:59.999Z', onTime: true, text: input.text, photos: [], pendingPhotos: [], final: false }] }) }),
    })
    view = render(<StaffItem />)
    await waitFor(() => expect(view!.text()).toContain('5栋楼道灯不亮'))
    await typeInto(field(view.container, '办理情况 / 办理结果'), '已报修，灯具在路上')
    await tap(buttonByText(view.container, '公示办理情况'))
    await waitFor(() => expect(gw.sent('publishProgress')).toHaveLength(1))
    expect(gw.sent('publishProgress')[0]).toEqual({ resolutionId: 'rp1_item', text: '已报修，灯具在路上', photos: [] })
    await waitFor(() => expect(view!.text()).toContain('办理情况公示'))
  })

  test('a low rating owed a reply gets a reply form; a done item without actions shows no disclosure form', async () => {
    const rated = item({
      status: 'done',
      statusLabel: '已办结',
      resultPublishedAt: '2026-12-05T02:00:00.000Z',
      ratingCount: 1,
      averageRating: 2,
      ratings: [{ id: 'rt1', raterName: '王**', stars: 2, comment: '太慢', at: '2026-12-05T03:00:00.000Z', replyDueAt: '2026-12-08T15:59:59.999Z', reply: null, allowedActions: ['replyToRating'] }],
      allowedActions: [],
    })
    const gw = staffGateway({ whoAmI: whoAmIAs('community_staff'), getItem: () => ok({ resolution: rated }), replyToRating: () => ok({ resolution: rated }) })
    view = render(<StaffItem />)
    await waitFor(() => expect(view!.text()).toContain('回复 2 星评价'))
    expect(buttonTexts(view.container)).not.toContain('公示办理情况')
    await typeInto(field(view.container, '回复 2 星评价'), '灯具缺货，已改进')
    await tap(buttonByText(view.container, '公开回复'))
    await waitFor(() => expect(gw.sent('replyToRating')).toEqual([{ ratingId: 'rt1', text: '灯具缺货，已改进' }]))
  })
})
