import Taro from '@tarojs/taro'
import TopicPage from '../../src/pages/topic'
import type { TopicDetailView } from '../../src/contracts/topics'
import { render, waitFor, buttonByText, buttonByLabel, buttonTexts, tap, typeInto, type Rendered } from './render'
import { installFakeGateway, fakeFunction, callsOf } from './fake-gateway'
import { resolution, topic } from './fixtures'

let view: Rendered | undefined
beforeEach(() => {
  Taro.clearStorageSync()
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 't1' } } } as never)
})
afterEach(() => {
  view?.unmount()
  view = undefined
  jest.restoreAllMocks()
})

function serve(t: () => TopicDetailView, more: Record<string, (input: any) => unknown> = {}) {
  return installFakeGateway([], { topics: fakeFunction({ getTopic: () => ({ ok: true, data: { topic: t() } }), ...more }) })
}

async function open(): Promise<Rendered> {
  view = render(<TopicPage />)
  await waitFor(() => expect(view!.text()).toContain('3栋门口路灯维修'))
  return view
}

describe('topic page: the buttons are exactly the allowed actions', () => {
  // Each case: the allowedActions the server sends, and every button the page must show (nothing else).
  const cases: [string, Parameters<typeof topic>[0], string[], string[]][] = [
    ['published, resident', 'published', ['joinTopic', 'followTopic', 'supportTopic', 'postOpinion'], ['报名参加', '☆ 关注', '支持 7', '反对 1', '发表意见']],
    ['published, only following allowed', 'published', ['followTopic'], ['☆ 关注']],
    ['noticed, resident may object', 'noticed', ['followTopic', 'postOpinion', 'fileObjection'], ['☆ 关注', '发表意见', '提出异议']],
    ['nothing allowed (e.g. another community)', 'handling', [], []],
    ['staff: no resident buttons, a way to the staff pages', 'deliberated', ['publishNotice'], ['到工作台处理 ›']],
  ]
  test.each(cases)('%s', async (_name, stage, allowedActions, expected) => {
    const t = topic(stage, allowedActions, {
      notice: stage === 'noticed' || stage === 'handling' ? { revision: 1, text: '拟更换为 LED 路灯', publishedAt: '2026-12-10T02:00:00.000Z', closesAt: '2026-12-15T15:59:59.999Z', reason: null } : null,
    })
    serve(() => t)
    await open()
    expect(buttonTexts(view!.container)).toEqual(expected)
  })
})

describe('topic page: content and actions', () => {
  test('title, the four steps, meeting time in Beijing time and place, linked reports, description, opinions, timeline', async () => {
    const gw = serve(() => topic('published', []))
    await open()
    const text = view!.text()
    expect(text).toContain('时间：2026-12-09 19:00')
    expect(text).toContain('地点：社区议事厅')
    expect(text).toContain('3栋门口路灯坏了两周')
    expect(text).toContain('来自居民的诉求（1）')
    expect(text).toContain('建议换成太阳能路灯')
    expect(text).toContain('公开时间线')
    expect(view!.container.querySelector('.flow')!.getAttribute('aria-label')).toBe('四步进度：第1步 发布议题，已完成')
    expect(callsOf(gw.calls, 'topics', 'getTopic')).toEqual([{ action: 'getTopic', input: { topicId: 't1' } }])
  })

  test('关注 calls followTopic and the page shows the answered topic (已关注); a second tap unfollows', async () => {
    let followed = false
    const gw = serve(
      () => topic('published', ['followTopic'], { me: { joined: false, followed, stance: null } }),
      {
        followTopic: (input) => {
          followed = input.follow
          return { ok: true, data: { topic: topic('published', ['followTopic'], { me: { joined: false, followed, stance: null } }) } }
        },
      },
    )
    await open()
    await tap(buttonByText(view!.container, '关注'))
    await waitFor(() => expect(buttonTexts(view!.container)).toEqual(['★ 已关注']))
    expect(view!.text()).toContain('已关注，进展会通知你')
    await tap(buttonByText(view!.container, '已关注'))
    await waitFor(() => expect(buttonTexts(view!.container)).toEqual(['☆ 关注']))
    expect(callsOf(gw.calls, 'topics', 'followTopic').map((c) => c.input)).toEqual([
      { topicId: 't1', follow: true },
      { topicId: 't1', follow: false },
    ])
  })

  test('报名参加 and 支持 call their actions; a refusal is shown with its message', async () => {
    const gw = serve(() => topic('published', ['joinTopic', 'supportTopic']), {
      joinTopic: () => ({ ok: true, data: { topic: topic('published', ['joinTopic', 'supportTopic'], { me: { joined: true, followed: false, stance: null } }) } }),
      supportTopic: () => ({ ok: false, error: { code: 'WRONG_STAGE', message: '议题当前阶段不能支持/反对' } }),
    })
    await open()
    await tap(buttonByText(view!.container, '报名参加'))
    await waitFor(() => expect(buttonTexts(view!.container)).toContain('✓ 已报名'))
    await tap(buttonByText(view!.container, '支持'))
    await waitFor(() => expect(view!.text()).toContain('议题当前阶段不能支持/反对'))
    expect(callsOf(gw.calls, 'topics', 'joinTopic')).toEqual([{ action: 'joinTopic', input: { topicId: 't1' } }])
    expect(callsOf(gw.calls, 'topics', 'supportTopic')).toEqual([{ action: 'supportTopic', input: { topicId: 't1', stance: 'support' } }])
  })

  test('the notice with its closing date and history, objections with answers, and 提出异议 during the window', async () => {
    const notice = { revision: 2, text: '拟更换为 LED 路灯，12 月底前完成', publishedAt: '2026-12-10T02:00:00.000Z', closesAt: '2026-12-15T15:59:59.999Z', reason: '补充完成时间' }
    const old = { revision: 1, text: '拟更换为 LED 路灯', publishedAt: '2026-12-09T02:00:00.000Z', closesAt: '2026-12-14T15:59:59.999Z', reason: null }
    const objection: TopicDetailView['objections'][number] = { id: 'ob1', authorName: '李*', text: '希望加装声控开关', at: '2026-12-10T05:00:00.000Z', noticeRevision: 2, answer: { text: '已纳入采购清单', at: '2026-12-11T01:00:00.000Z' }, allowedActions: [] }
    let objections = [objection]
    const gw = serve(() => topic('noticed', ['fileObjection'], { notice, noticeHistory: [old, notice], objections }), {
      fileObjection: (input) => {
        objections = [...objections, { ...objection, id: 'ob2', authorName: '王秀兰', text: input.text, answer: null }]
        return { ok: true, data: { topic: topic('noticed', ['fileObjection'], { notice, noticeHistory: [old, notice], objections }) } }
      },
    })
    await open()
    const text = view!.text()
    expect(text).toContain('异议截止：2026-12-15 23:59（公告期内可提出异议）')
    expect(text).toContain('第 1 版')
    expect(text).toContain('修改原因：补充完成时间')
    expect(text).toContain('社区答复（12月11日 09:00）：已纳入采购清单')
    await typeInto(view!.container, 'objection', '路灯位置应挪到单元门口')
    await tap(buttonByText(view!.container, '提出异议'))
    await waitFor(() => expect(view!.text()).toContain('异议已提交'))
    expect(view!.text()).toContain('路灯位置应挪到单元门口')
    expect(view!.text()).toContain('待答复')
    expect(callsOf(gw.calls, 'topics', 'fileObjection')).toEqual([{ action: 'fileObjection', input: { topicId: 't1', text: '路灯位置应挪到单元门口' } }])
  })

  test('decided items: assignee, due date, overdue in red, disclosures on time or late, result, ratings with replies', async () => {
    const overdue = resolution('r1', { title: '更换路灯', status: 'overdue', statusLabel: '逾期未公示', disclosures: [{ at: '2026-12-05T02:00:00.000Z', dueAt: '2026-12-04T15:59:59.999Z', onTime: false, text: '已联系供应商', photos: [], final: false }] })
    const done = resolution('r2', {
      title: '修剪树枝',
      assigneeName: '李红梅',
      status: 'done',
      statusLabel: '已办结',
      disclosureDueAt: null,
      resultPublishedAt: '2026-12-08T02:00:00.000Z',
      disclosures: [{ at: '2026-12-08T02:00:00.000Z', dueAt: '2026-12-10T15:59:59.999Z', onTime: true, text: '树枝已修剪完毕', photos: [], final: true }],
      averageRating: 4.5,
      ratingCount: 2,
      ratings: [
        { id: 'ra1', raterName: '王*兰', stars: 5, comment: '很及时', at: '2026-12-09T02:00:00.000Z', replyDueAt: null, reply: null, allowedActions: [] },
        { id: 'ra2', raterName: '赵*', stars: 2, comment: '还有一棵没剪', at: '2026-12-09T03:00:00.000Z', replyDueAt: '2026-12-12T15:59:59.999Z', reply: { text: '已补剪', at: '2026-12-10T02:00:00.000Z' }, allowedActions: [] },
      ],
    })
    serve(() => topic('handling', [], { heldAt: '2026-12-09T11:00:00.000Z', minutes: '到会居民一致同意', attendance: { households: 32, invitedHouseholds: 40 }, quorumMet: true, resolutions: [overdue, done] }))
    await open()
    const text = view!.text()
    expect(text).toContain('承办人：张建军')
    expect(text).toContain('办理期限：2026-12-31')
    expect(text).toContain('到会：32 户 / 应邀 40 户（达到法定人数）')
    expect(text).toContain('到会居民一致同意')
    const items = Array.from(view!.container.querySelectorAll('.resolution'))
    expect(items[0]!.className).toContain('resolution--overdue')
    expect(items[0]!.querySelector('.tag--red')!.textContent).toBe('逾期未公示')
    expect(items[0]!.textContent).toContain('逾期')
    expect(items[1]!.className).not.toContain('resolution--overdue')
    expect(items[1]!.textContent).toContain('按时')
    expect(items[1]!.textContent).toContain('树枝已修剪完毕')
    expect(text).toContain('满意度：4.5 分（2 人评价）')
    expect(text).toContain('社区回复：已补剪')
  })

  test('评价: stars 1–5 after the result, sent with rateResult; the answered rating shows', async () => {
    const r = resolution('r2', { status: 'done', statusLabel: '已办结', resultPublishedAt: '2026-12-08T02:00:00.000Z', disclosureDueAt: null, allowedActions: ['rateResult'] })
    const gw = installFakeGateway([], {
      topics: fakeFunction({ getTopic: () => ({ ok: true, data: { topic: topic('resultPublished', [], { resolutions: [r] }) } }) }),
      resolutions: fakeFunction({
        rateResult: (input) => ({ ok: true, data: { resolution: { ...r, myRating: input.stars, averageRating: input.stars, ratingCount: 1 } } }),
      }),
    })
    await open()
    expect(buttonTexts(view!.container)).toEqual(['☆', '☆', '☆', '☆', '☆', '提交评价'])
    await tap(buttonByLabel(view!.container, '4 星'))
    await waitFor(() => expect(buttonTexts(view!.container).slice(0, 5)).toEqual(['★', '★', '★', '★', '☆']))
    await typeInto(view!.container, 'ratingComment', '修得很快')
    await tap(buttonByText(view!.container, '提交评价'))
    await waitFor(() => expect(view!.text()).toContain('评价已提交'))
    expect(view!.text()).toContain('我的评价：4 星（可修改）')
    expect(view!.text()).toContain('满意度：4.0 分（1 人评价）')
    expect(callsOf(gw.calls, 'resolutions', 'rateResult')).toEqual([{ action: 'rateResult', input: { resolutionId: 'r2', stars: 4, comment: '修得很快' } }])
  })

  test('a missing topic is said in words, with a retry', async () => {
    installFakeGateway([], { topics: fakeFunction({ getTopic: () => ({ ok: false, error: { code: 'NOT_FOUND', message: '议题不存在' } }) }) })
    view = render(<TopicPage />)
    await waitFor(() => expect(view!.text()).toContain('加载失败：议题不存在'))
    expect(buttonTexts(view!.container)).toEqual(['重试'])
  })
})
