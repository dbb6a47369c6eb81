import Taro from '@tarojs/taro'
import NoticePoster from '../../src/staff/poster'
import { drawPoster, posterLayout, wrap, POSTER_TEXT_LINES, type PosterContext } from '../../src/ui/poster'
import type { NoticePosterView } from '../../src/contracts/topics'
import StaffTopic from '../../src/staff/topic'
import { render, waitFor, buttonByText, tap, type Rendered } from './render'
import { aTopic, ok, recordNavigation, setRoute, staffGateway, FUTURE, PAST } from './staff-helpers'

/** Issue 11 notice poster, the staff side: its layout on a 2D canvas, and the page that asks for it. */
const poster = (extra: Partial<NoticePosterView> = {}): NoticePosterView => ({
  topicId: 'tp_1',
  title: '3栋门口路灯维修',
  noticeText: '拟更换为 LED 路灯，费用由维修基金列支。',
  noticeRevision: 1,
  closesAt: '2026-12-15T15:59:00.000Z',
  closesLabel: '2026年12月15日 23:59',
  codeFileId: 'cloud://env.b/posters/tp_1-r1.png',
  codeUrl: 'http://127.0.0.1/api/storage/file?fileID=x',
  page: 'pages/topic/index',
  scene: 'tp_1',
  ...extra,
})

function recorder() {
  const calls: [string, ...unknown[]][] = []
  const ctx: PosterContext = {
    fillStyle: '',
    font: '',
    fillRect: (...a) => void calls.push(['fillRect', ...a]),
    fillText: (...a) => void calls.push(['fillText', ...a]),
    drawImage: (...a) => void calls.push(['drawImage', ...a]),
  }
  return { ctx, calls }
}

describe('the poster layout', () => {
  test('draws the heading, the topic, the notice, the objection deadline and the code, in that order, inside the canvas', () => {
    const layout = posterLayout(poster())
    const { ctx, calls } = recorder()
    const code = { fake: 'image' }
    drawPoster(ctx, layout, code)
    const texts = calls.filter((c) => c[0] === 'fillText').map((c) => c[1])
    expect(texts).toEqual(['拟办意见公告', '3栋门口路灯维修', '拟更换为 LED 路灯，费用由维修基金列支。', '异议截止：2026年12月15日 23:59', '对拟办意见有不同看法，请在截止前提出。', '微信扫码，查看议题、提出异议'])
    const image = calls.find((c) => c[0] === 'drawImage')!
    expect(image[1]).toBe(code)
    expect(image[4]).toBe(280)
    expect((image[3] as number) + 280).toBeLessThan(layout.height)
    expect(calls[0]).toEqual(['fillRect', 0, 0, layout.width, layout.height])
  })

  test('a long notice is wrapped and cut at the line limit with …', () => {
    const lines = wrap('拟'.repeat(1000), 23, POSTER_TEXT_LINES)
    expect(lines).toHaveLength(POSTER_TEXT_LINES)
    expect(lines[0]).toBe('拟'.repeat(23))
    expect(lines.at(-1)).toBe(`${'拟'.repeat(22)}…`)
    expect(wrap('第一段\n第二段', 23, 5)).toEqual(['第一段', '第二段'])
  })
})

describe('staff page 公告张贴海报', () => {
  let view: Rendered | undefined
  beforeEach(() => {
    Taro.clearStorageSync()
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'tp_1' } } } as never)
  })
  afterEach(() => {
    view?.unmount()
    jest.restoreAllMocks()
  })

  test('asks makeNoticePoster for the topic in the query and shows the notice and its deadline as text', async () => {
    const gw = staffGateway({ makeNoticePoster: () => ok({ poster: poster() }) })
    view = render(<NoticePoster />)
    await waitFor(() => expect(view!.text()).toContain('异议截止：2026年12月15日 23:59'))
    expect(gw.sent('makeNoticePoster')).toEqual([{ topicId: 'tp_1' }])
    expect(view.text()).toContain('拟更换为 LED 路灯，费用由维修基金列支。')
    expect(view.text()).toContain('保存海报图片')
  })

  test('a refusal is shown, not a blank page', async () => {
    staffGateway({ makeNoticePoster: () => ({ ok: false, error: { code: 'WRONG_STAGE', message: '当前阶段不能进行此操作' } }) })
    view = render(<NoticePoster />)
    await waitFor(() => expect(view!.text()).toContain('海报生成失败：当前阶段不能进行此操作'))
  })
})

describe('staff topic page: the way to the poster', () => {
  let view: Rendered | undefined
  let nav: ReturnType<typeof recordNavigation>
  beforeEach(() => {
    Taro.clearStorageSync()
    nav = recordNavigation()
    setRoute('/staff/topic/index', { id: 'tp1' })
  })
  afterEach(() => {
    view?.unmount()
    nav.restore()
  })
  const noticed = (allowedActions: string[]) =>
    aTopic({ id: 'tp1', stage: 'noticed', stageLabel: '拟办意见公告中', notice: { revision: 1, text: '拟由维修基金列支更换路灯', publishedAt: PAST, closesAt: FUTURE, reason: null }, allowedActions })

  test('生成张贴海报 appears when the topic view allows makeNoticePoster, and opens the poster page for this topic', async () => {
    staffGateway({ getTopic: () => ok({ topic: noticed(['makeNoticePoster']) }) })
    view = render(<StaffTopic />)
    await tap(await waitFor(() => buttonByText(view!.container, '生成张贴海报')))
    expect(nav.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/staff/poster/index?id=tp1' }))
  })

  test('not offered otherwise', async () => {
    staffGateway({ getTopic: () => ok({ topic: noticed([]) }) })
    view = render(<StaffTopic />)
    await waitFor(() => expect(view!.text()).toContain('拟由维修基金列支更换路灯'))
    expect(view.text()).not.toContain('生成张贴海报')
  })
})
