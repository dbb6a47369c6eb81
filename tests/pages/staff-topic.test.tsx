import Taro from '@tarojs/taro'
import StaffTopic from '../../src/staff/topic'
import { render, waitFor, buttonByText, tap, type Rendered } from './render'
import { aResolution, aTopic, field, ok, fail, recordNavigation, setRoute, staffGateway, typeInto, FUTURE, PAST } from './staff-helpers'
import type { TopicDetailView } from '../../src/contracts/topics'

let view: Rendered | undefined
let nav: ReturnType<typeof recordNavigation>
beforeEach(() => {
  Taro.clearStorageSync()
  nav = recordNavigation()
  setRoute('/staff/topic/index', { id: 'tp1' })
})
afterEach(() => {
  view?.unmount()
  view = undefined
  nav.restore()
})

/** The actions the page offers: every action button is tagged with the action it performs. */
const offered = () =>
  Array.from(view!.container.querySelectorAll<HTMLElement>('.staff-action'))
    .map((b) => b.getAttribute('data-action'))
    .sort()

const objection = (id: string, answered: boolean, allowed: string[]) => ({
  id,
  authorName: '王**',
  text: id === 'ob1' ? '路灯费用不应由住户分摊' : '车棚位置挡住消防通道',
  at: PAST,
  noticeRevision: 1,
  answer: answered ? { text: '已调整位置', at: PAST } : null,
  allowedActions: allowed,
})

const noticed = (patch: Partial<TopicDetailView> = {}) =>
  aTopic({
    stage: 'noticed',
    stageLabel: '拟办意见公告中',
    flow: { step: 3, done: false },
    heldAt: PAST,
    minutes: '议定更换路灯',
    attendance: { households: 18, invitedHouseholds: 30 },
    quorumMet: true,
    notice: { revision: 1, text: '拟由维修基金列支更换路灯', publishedAt: PAST, closesAt: FUTURE, reason: null },
    noticeHistory: [{ revision: 1, text: '拟由维修基金列支更换路灯', publishedAt: PAST, closesAt: FUTURE, reason: null }],
    counts: { joined: 3, followed: 5, support: 4, oppose: 1, opinions: 0, objections: 2, unansweredObjections: 1 },
    objections: [objection('ob1', false, ['answerObjection']), objection('ob2', true, [])],
    resolutions: [
      aResolution({
        allowedActions: ['publishProgress'],
        ratings: [
          { id: 'rt1', raterName: '赵**', stars: 1, comment: '修得太慢', at: PAST, replyDueAt: FUTURE, reply: null, allowedActions: ['replyToRating'] },
          { id: 'rt2', raterName: '钱**', stars: 5, comment: '满意', at: PAST, replyDueAt: null, reply: null, allowedActions: [] },
        ],
        ratingCount: 2,
        averageRating: 3,
      }),
    ],
    allowedActions: ['reviseNotice'],
    ...patch,
  })

describe('staff topic cockpit (议题办理)', () => {
  test('a published topic offers only 记录议事会 when that is all the server lists, and it opens the meeting form', async () => {
    const gw = staffGateway({ getTopic: () => ok({ topic: aTopic({ allowedActions: ['recordMeeting', 'followTopic'] }) }) })
    view = render(<StaffTopic />)
    await waitFor(() => expect(view!.text()).toContain('3 号楼路灯维修'))
    expect(gw.sent('getTopic')).toEqual([{ topicId: 'tp1' }])
    expect(offered()).toEqual(['recordMeeting'])
    expect(view.text()).not.toContain('发布拟办意见公告')
    expect(view.text()).not.toContain('修改公告')
    await tap(buttonByText(view.container, '记录议事会'))
    expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/staff/meeting/index?id=tp1' })
  })

  test('nothing listed, nothing offered', async () => {
    staffGateway({ getTopic: () => ok({ topic: noticed({ allowedActions: [], objections: [objection('ob1', false, [])], resolutions: [aResolution()] }) }) })
    view = render(<StaffTopic />)
    await waitFor(() => expect(view!.text()).toContain('拟由维修基金列支更换路灯'))
    expect(offered()).toEqual([])
    expect(view.container.querySelectorAll('taro-textarea-core')).toHaveLength(0)
  })

  test('after the meeting: exactly 发布拟办意见公告, which sends the text and the objection window', async () => {
    const deliberated = aTopic({
      stage: 'deliberated',
      stageLabel: '已面对面议事',
      flow: { step: 2, done: true },
      heldAt: PAST,
      attendance: { households: 18, invitedHouseholds: 30 },
      quorumMet: true,
      resolutions: [aResolution({ status: 'awaitingNotice', statusLabel: '待公告期满', disclosureDueAt: null })],
      allowedActions: ['publishNotice'],
    })
    const gw = staffGateway({
      getTopic: () => ok({ topic: deliberated }),
      publishNotice: (input) => ok({ topic: noticed({ allowedActions: [], objections: [], resolutions: [aResolution()], notice: { revision: 1, text: input.text, publishedAt: PAST, closesAt: FUTURE, reason: null } }) }),
    })
    view = render(<StaffTopic />)
    await waitFor(() => expect(view!.text()).toContain('到会 18 户 / 应邀 30 户'))
    expect(offered()).toEqual(['publishNotice'])
    await typeInto(field(view.container, '公告内容（拟办意见）'), '拟更换 3 号楼路灯，费用由维修基金列支')
    await typeInto(field(view.container, '异议期（天，留空按社区设置）'), '31')
    await tap(buttonByText(view.container, '发布拟办意见公告'))
    await waitFor(() => expect(view!.text()).toContain('异议期为 1–30 天的整数'))
    expect(gw.sent('publishNotice')).toHaveLength(0)
    await typeInto(field(view.container, '异议期（天，留空按社区设置）'), '7')
    await tap(buttonByText(view.container, '发布拟办意见公告'))
    await waitFor(() => expect(offered()).toEqual([]))
    expect(gw.sent('publishNotice')).toEqual([{ topicId: 'tp1', text: '拟更换 3 号楼路灯，费用由维修基金列支', objectionWindowDays: 7 }])
    expect(view.text()).toContain('拟更换 3 号楼路灯，费用由维修基金列支')
  })

  test('during the notice: exactly the listed topic, objection, resolution and rating actions', async () => {
    staffGateway({ getTopic: () => ok({ topic: noticed() }) })
    view = render(<StaffTopic />)
    await waitFor(() => expect(view!.text()).toContain('路灯费用不应由住户分摊'))
    expect(offered()).toEqual(['answerObjection', 'publishProgress', 'replyToRating', 'reviseNotice'])
    // One answer form: for the unanswered objection the server lets us answer, not for the answered one.
    expect(view.container.querySelectorAll('[data-action="answerObjection"]')).toHaveLength(1)
    expect(view.container.querySelector('[data-objection-id="ob1"] [data-action="answerObjection"]')).not.toBeNull()
    expect(view.container.querySelector('[data-objection-id="ob2"]')!.textContent).toContain('答复')
    // Only the low rating gets a reply form.
    expect(view.container.querySelector('[data-rating-id="rt1"] [data-action="replyToRating"]')).not.toBeNull()
    expect(view.container.querySelector('[data-rating-id="rt2"] [data-action="replyToRating"]')).toBeNull()
  })

  test('answering an objection calls answerObjection with that objection id and shows the answer', async () => {
    const answeredTopic = noticed({
      objections: [{ ...objection('ob1', false, []), answer: { text: '费用由维修基金列支，住户不分摊', at: PAST } }, objection('ob2', true, [])],
      counts: { joined: 3, followed: 5, support: 4, oppose: 1, opinions: 0, objections: 2, unansweredObjections: 0 },
    })
    const gw = staffGateway({ getTopic: () => ok({ topic: noticed() }), answerObjection: () => ok({ topic: answeredTopic }) })
    view = render(<StaffTopic />)
    const ob1 = await waitFor(() => {
      const el = view!.container.querySelector('[data-objection-id="ob1"]') as HTMLElement
      if (!el) throw new Error('no ob1')
      return el
    })
    await tap(buttonByText(ob1, '答复异议'))
    await waitFor(() => expect(ob1.textContent).toContain('答复不能为空'))
    expect(gw.sent('answerObjection')).toHaveLength(0)
    await typeInto(field(ob1, '公开答复'), '费用由维修基金列支，住户不分摊')
    await tap(buttonByText(ob1, '答复异议'))
    await waitFor(() => expect(view!.text()).toContain('答复（'))
    expect(gw.sent('answerObjection')).toEqual([{ objectionId: 'ob1', text: '费用由维修基金列支，住户不分摊' }])
    expect(view.container.querySelector('[data-objection-id="ob1"]')!.textContent).toContain('费用由维修基金列支，住户不分摊')
    expect(view.container.querySelectorAll('[data-action="answerObjection"]')).toHaveLength(0)
  })

  test('“四议” are recorded in order: the next step is the one sent', async () => {
    const topic = aTopic({
      requiresFourDeliberations: true,
      deliberations: [{ step: 'branch_proposal', label: '党组织提议', at: PAST, note: '支部提议' }],
      allowedActions: ['recordDeliberationStep'],
    })
    const gw = staffGateway({ getTopic: () => ok({ topic }), recordDeliberationStep: () => fail('OUT_OF_ORDER', '请按顺序记录') })
    view = render(<StaffTopic />)
    await waitFor(() => expect(view!.text()).toContain('✓ 党组织提议'))
    expect(offered()).toEqual(['recordDeliberationStep'])
    await typeInto(field(view.container, '两委会商议记录'), '两委会一致同意')
    await tap(buttonByText(view.container, '记录“四议”：两委会商议'))
    await waitFor(() => expect(view!.text()).toContain('请按顺序记录'))
    expect(gw.sent('recordDeliberationStep')).toEqual([{ topicId: 'tp1', step: 'committees_discussion', note: '两委会一致同意' }])
  })

  test('disclosure deadlines: a passed one is red and marked overdue, a future one is not; progress is published for that item', async () => {
    const late = aResolution({ id: 'tp1_r01', title: '更换路灯', status: 'overdue', statusLabel: '逾期未公示', disclosureDueAt: PAST, allowedActions: ['publishProgress', 'publishResult'] })
    const fine = aResolution({ id: 'tp1_r02', title: '加装车棚', disclosureDueAt: FUTURE, allowedActions: [] })
    const topic = aTopic({ stage: 'handling', stageLabel: '办理中', flow: { step: 3, done: true }, heldAt: PAST, resolutions: [late, fine] })
    let loads = 0
    const gw = staffGateway({
      getTopic: () => {
        loads++
        return ok({ topic })
      },
      publishProgress: (input) => ok({ resolution: { ...late, id: input.resolutionId } }),
    })
    view = render(<StaffTopic />)
    await waitFor(() => expect(view!.text()).toContain('加装车棚'))
    const lateEl = view.container.querySelector('[data-resolution-id="tp1_r01"]') as HTMLElement
    const fineEl = view.container.querySelector('[data-resolution-id="tp1_r02"]') as HTMLElement
    const overdueText = Array.from(lateEl.querySelectorAll('.sf-overdue')).map((e) => e.textContent)
    expect(overdueText.some((t) => t!.startsWith('下次公示期限') && t!.includes('已逾期'))).toBe(true)
    expect(fineEl.querySelectorAll('.sf-overdue')).toHaveLength(0)
    expect(fineEl.textContent).toContain('下次公示期限')
    expect(offered()).toEqual(['publishProgress', 'publishResult'])

    await typeInto(field(lateEl, '办理情况 / 结果说明'), '灯具已采购，本周安装')
    await tap(buttonByText(lateEl, '公示办理情况'))
    await waitFor(() => expect(gw.sent('publishProgress')).toHaveLength(1))
    expect(gw.sent('publishProgress')[0]).toEqual({ resolutionId: 'tp1_r01', text: '灯具已采购，本周安装', photos: [] })
    expect(gw.sent('publishResult')).toHaveLength(0)
    await waitFor(() => expect(loads).toBe(2)) // reloaded: the server recomputes the deadlines
  })

  test('a load failure shows the server message', async () => {
    staffGateway({ getTopic: () => fail('NOT_FOUND', '议题不存在') })
    view = render(<StaffTopic />)
    await waitFor(() => expect(view!.text()).toContain('议题加载失败：议题不存在'))
  })
})

test('a meeting photo held by the image check offers 图片通过 (media.clearMedia), and the topic is read again', async () => {
  const photo = 'cloud://env.b/uploads/o-staff/meetings/tp1/held.jpg'
  // As the function answers: photos as temporary URLs, the held ones' fileIDs beside them.
  const url = 'https://tmp.example/uploads/o-staff/meetings/tp1/held.jpg?sign=x'
  let cleared = false
  const held = () => aTopic({ heldAt: PAST, meetingPhotos: [url], pendingMeetingPhotos: cleared ? [] : [url], pendingMeetingPhotoIds: cleared ? [] : [photo] })
  const gw = staffGateway({
    getTopic: () => ok({ topic: held() }),
    clearMedia: (input) => {
      cleared = true
      return ok({ fileId: input.fileId, status: 'pass' })
    },
  })
  view = render(<StaffTopic />)
  await waitFor(() => expect(view!.text()).toContain('待审核图片 1'))
  await tap(buttonByText(view.container, '图片通过'))
  await waitFor(() => expect(view!.text()).not.toContain('待审核图片'))
  expect(gw.sent('clearMedia')).toEqual([{ fileId: photo, verdict: 'pass' }])
  expect(gw.sent('getTopic')).toHaveLength(2)
})
