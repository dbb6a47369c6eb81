import Taro from '@tarojs/taro'
import PublishTopic from '../../src/staff/publish-topic'
import { render, waitFor, buttonByText, tap, type Rendered } from './render'
import { aReport, aTopic, byText, fail, field, ok, recordNavigation, setRoute, staffGateway, toggleSwitch, typeInto } from './staff-helpers'

let view: Rendered | undefined
let nav: ReturnType<typeof recordNavigation>
beforeEach(() => {
  Taro.clearStorageSync()
  nav = recordNavigation()
  setRoute('/staff/publish-topic/index', { reports: 'r1%2Cr2' })
})
afterEach(() => {
  view?.unmount()
  view = undefined
  nav.restore()
})

const reports: Record<string, ReturnType<typeof aReport>> = {
  r1: aReport({ id: 'r1', text: '3 号楼门口路灯坏了一个月', category: 'infrastructure' }),
  r2: aReport({ id: 'r2', text: '2 号楼路灯也不亮', category: 'infrastructure' }),
}
const feed = {
  community: { id: 'c1', name: '屏山社区' },
  nextDeliberationDay: { date: '2026-12-09', startsAt: '2026-12-09T11:00:00.000Z', label: '12月9日（周三）19:00 议事日' },
}

function gateway(publish: (input: any) => unknown) {
  return staffGateway({
    getHomeFeed: () => ok(feed),
    getReport: (input) => (reports[input.reportId] ? ok({ report: reports[input.reportId] }) : fail('NOT_FOUND', '诉求不存在')),
    publishTopic: publish,
  })
}

async function fillForm() {
  await typeInto(field(view!.container, '议题标题'), '3 号楼一带路灯维修')
  await typeInto(field(view!.container, '议题说明'), '多位居民反映路灯损坏，商量维修方案和费用分担。')
  await typeInto(field(view!.container, '议事地点'), '社区党群服务中心二楼')
}

describe('staff publish topic (发布议题)', () => {
  test('shows the linked reports, the next deliberation day, and takes the category from the first report', async () => {
    const gw = gateway(() => fail('INTERNAL', 'unused'))
    view = render(<PublishTopic />)
    await waitFor(() => expect(view!.text()).toContain('2 号楼路灯也不亮'))
    expect(view.text()).toContain('3 号楼门口路灯坏了一个月')
    expect(view.text()).toContain('关联诉求（2）')
    await waitFor(() => expect(view!.text()).toContain('下一个议事日：12月9日（周三）19:00 议事日'))
    expect(byText(view.container, '.sf-chip', '基础设施').getAttribute('aria-checked')).toBe('true')
    expect(gw.sent('getReport').map((i) => i.reportId).sort()).toEqual(['r1', 'r2'])
  })

  test('a retry after a failed call sends the same clientRequestId, and success opens the staff topic page', async () => {
    let attempts = 0
    const gw = gateway((input) => {
      attempts++
      if (attempts === 1) return fail('INTERNAL', '服务暂时不可用，请稍后再试')
      return ok({ topic: aTopic({ id: 'tp-new', title: input.title }) })
    })
    view = render(<PublishTopic />)
    await waitFor(() => expect(view!.text()).toContain('2 号楼路灯也不亮'))
    await fillForm()
    await typeInto(field(view.container, '受邀人（居民代表、相关单位等）'), '赵代表，物业 孙经理')
    await tap(buttonByText(view.container, '添加受邀人'))
    await toggleSwitch(view.container, true)

    await tap(buttonByText(view.container, '发布议题'))
    await waitFor(() => expect(view!.text()).toContain('服务暂时不可用，请稍后再试'))
    expect(nav.redirectTo).not.toHaveBeenCalled()
    await tap(buttonByText(view.container, '发布议题'))
    await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledTimes(1))

    const sent = gw.sent('publishTopic')
    expect(sent).toHaveLength(2)
    expect(sent[0].clientRequestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(sent[1].clientRequestId).toBe(sent[0].clientRequestId)
    expect(sent[1]).toEqual({
      title: '3 号楼一带路灯维修',
      description: '多位居民反映路灯损坏，商量维修方案和费用分担。',
      category: 'infrastructure',
      reportIds: ['r1', 'r2'],
      meetingPlace: '社区党群服务中心二楼',
      invitees: ['赵代表', '物业', '孙经理'],
      requiresFourDeliberations: true,
      clientRequestId: sent[0].clientRequestId,
    })
    // No meetingAt: the server puts the meeting on the community's next deliberation day.
    expect('meetingAt' in sent[1]).toBe(false)
    expect(nav.redirectTo.mock.calls[0]![0].url).toBe('/staff/topic/index?id=tp-new')
  })

  test('a transport failure (network down) is retried with the same key too; another form gets a new key', async () => {
    let attempts = 0
    const gw = gateway(() => ok({ topic: aTopic({ id: 'tp-9' }) }))
    const realFetch = globalThis.fetch
    ;(globalThis as { fetch: unknown }).fetch = jest.fn(async (url: string, init: unknown) => {
      if (url.endsWith('/api/functions/topics') && attempts++ === 0) throw new TypeError('Failed to fetch')
      return (realFetch as (u: string, i: unknown) => Promise<unknown>)(url, init)
    })
    view = render(<PublishTopic />)
    await waitFor(() => expect(view!.text()).toContain('2 号楼路灯也不亮'))
    await fillForm()
    await tap(buttonByText(view.container, '发布议题'))
    await waitFor(() => expect(view!.text()).toContain('NETWORK'))
    await tap(buttonByText(view.container, '发布议题'))
    await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledTimes(1))
    const bodies = ((globalThis.fetch as jest.Mock).mock.calls as [string, { body: string }][])
      .filter(([url]) => url.endsWith('/api/functions/topics'))
      .map(([, init]) => JSON.parse(init.body).input.clientRequestId)
    expect(bodies).toHaveLength(2)
    expect(bodies[1]).toBe(bodies[0])
    const first = bodies[0]

    view.unmount()
    view = render(<PublishTopic />)
    await waitFor(() => expect(view!.text()).toContain('2 号楼路灯也不亮'))
    await fillForm()
    await tap(buttonByText(view.container, '发布议题'))
    await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledTimes(2))
    const last = gw.sent('publishTopic').pop()
    expect(last.clientRequestId).not.toBe(first)
  })

  test('empty required fields are refused before any call', async () => {
    const gw = gateway(() => ok({ topic: aTopic() }))
    view = render(<PublishTopic />)
    await waitFor(() => expect(view!.text()).toContain('2 号楼路灯也不亮'))
    await tap(buttonByText(view.container, '发布议题'))
    await waitFor(() => expect(view!.text()).toContain('议题标题不能为空'))
    expect(gw.sent('publishTopic')).toHaveLength(0)
  })

  test('a removed report is not sent; a custom time without a date is refused', async () => {
    const gw = gateway(() => ok({ topic: aTopic({ id: 'tp-2' }) }))
    view = render(<PublishTopic />)
    await waitFor(() => expect(view!.text()).toContain('2 号楼路灯也不亮'))
    await fillForm()
    const r2Row = byText(view.container, '.publish__report', '2 号楼路灯也不亮')
    await tap(byText(r2Row, '.publish__remove', '移除'))
    await tap(byText(view.container, '.sf-chip', '另定时间'))
    await tap(buttonByText(view.container, '发布议题'))
    await waitFor(() => expect(view!.text()).toContain('请选择议事日期和时间'))
    expect(gw.sent('publishTopic')).toHaveLength(0)
    await tap(byText(view.container, '.sf-chip', '社区议事日（默认）'))
    await tap(buttonByText(view.container, '发布议题'))
    await waitFor(() => expect(gw.sent('publishTopic')).toHaveLength(1))
    expect(gw.sent('publishTopic')[0].reportIds).toEqual(['r1'])
  })
  // Last in the file: the community's list it reads stays cached for the page's next mount.
  test("offers the community's own open categories and publishes under one the community added", async () => {
    const gw = staffGateway({
      getHomeFeed: () => ok(feed),
      getReport: (input) => (reports[input.reportId] ? ok({ report: reports[input.reportId] }) : fail('NOT_FOUND', '诉求不存在')),
      getCommunitySettings: () =>
        ok({ communityId: 'c1', communityName: '屏山社区', categories: [{ id: 'cat_parking01', label: '停车管理', retired: false }, { id: 'infrastructure', label: '基础设施', retired: false }, { id: 'elderly_care', label: '养老', retired: true }] }),
      publishTopic: () => ok({ topic: aTopic({ id: 'tp-3' }) }),
    })
    view = render(<PublishTopic />)
    await waitFor(() => expect(byText(view!.container, '.sf-chip', '停车管理')).toBeDefined())
    expect(Array.from(view.container.querySelectorAll('.sf-chip')).map((c) => c.textContent)).not.toContain('养老')
    await fillForm()
    await tap(byText(view.container, '.sf-chip', '停车管理'))
    await tap(buttonByText(view.container, '发布议题'))
    await waitFor(() => expect(gw.sent('publishTopic')).toHaveLength(1))
    expect(gw.sent('publishTopic')[0].category).toBe('cat_parking01')
  })
})
