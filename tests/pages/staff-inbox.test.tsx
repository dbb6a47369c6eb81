import Taro from '@tarojs/taro'
import StaffInbox from '../../src/staff/inbox'
import { addDays, beijingDateOf, formatBeijing } from '../../src/domain/calendar'
import { render, waitFor, buttonByText, tap, type Rendered } from './render'
import { aReport, byText, deferred, fail, field, ok, recordNavigation, staffGateway, typeInto, whoAmIAs } from './staff-helpers'

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

const held = aReport({ id: 'r0', text: '有人在群里骂物业', status: 'heldForReview', statusLabel: '待人工审核', allowedActions: ['clearReport'] })
const r1 = aReport({ id: 'r1', photos: ['cloud://env.b/reports/a.jpg', 'cloud://env.b/reports/b.jpg'] })
const r2 = aReport({ id: 'r2', text: '小区东门电动车乱停', category: 'property', location: null, reporterName: '李**', submittedAt: '2026-11-21T12:05:00.000Z' })
const triaged = (kind: 'reply' | 'handle' | 'transfer', note: string, department: string | null, id = 'r1') =>
  aReport({
    id,
    status: kind === 'reply' ? 'replied' : kind === 'handle' ? 'handling' : 'transferred',
    statusLabel: kind === 'reply' ? '已回复解释' : kind === 'handle' ? '社区受理自办' : '已转交部门办理',
    triage: { kind, label: { reply: '回复解释', handle: '受理自办', transfer: '转交办理' }[kind], note, department, topicId: null, byName: '陈网格' },
    allowedActions: [],
  })

/** The due date a 三单 triage form starts with: a week from today (Beijing). */
const WEEK_ON = () => addDays(beijingDateOf(Date.now()), 7)

const card = (id: string) => view!.container.querySelector(`[data-report-id="${id}"]`) as HTMLElement

describe('staff inbox (诉求分类)', () => {
  test('lists each report with its text, photos, place, reporter and Beijing time, and only its allowed actions', async () => {
    const gw = staffGateway({ listTriageInbox: () => ok({ reports: [held, r1, r2] }), whoAmI: whoAmIAs('grid_worker') })
    view = render(<StaffInbox />)
    await waitFor(() => expect(view!.text()).toContain('小区东门电动车乱停'))
    expect(gw.sent('listTriageInbox')).toEqual([{ limit: 50, offset: 0 }])

    const one = card('r1')
    expect(one.textContent).toContain('3 号楼门口路灯坏了一个月')
    // Photos render as images through the gateway link (H5), each with an accessible label.
    const photos = one.querySelectorAll('[aria-label^="照片"]')
    expect(photos.length).toBe(2)
    expect(one.textContent).toContain('地点：屏山小区 3 号楼')
    expect(one.textContent).toContain('反映人：王秀兰')
    expect(one.textContent).toContain(`提交时间：${formatBeijing(new Date(r1.submittedAt))}`)
    expect(one.textContent).toContain('2026-11-20 09:30') // 01:30 UTC is 09:30 in Beijing
    expect(card('r2').textContent).toContain('地点：未标注位置')
    expect(card('r2').textContent).toContain('物业管理')

    const buttonsOf = (id: string) => Array.from(card(id).querySelectorAll('.taro-button-core')).map((b) => b.textContent)
    expect(buttonsOf('r0')).toEqual(['审核通过'])
    expect(buttonsOf('r1')).toEqual(['回复解释', '受理自办', '转交办理'])
    // A held report cannot be selected into a topic until it is cleared.
    expect(card('r0').querySelector('.inbox__select')).toBeNull()
    expect(card('r1').querySelector('.inbox__select')).not.toBeNull()
  })

  test('审核通过 clears a held report and shows it as the server answers', async () => {
    const gw = staffGateway({
      listTriageInbox: () => ok({ reports: [held] }),
      whoAmI: whoAmIAs('grid_worker'),
      clearReport: (input) => ok({ report: { ...held, status: 'submitted', statusLabel: '待处理', allowedActions: ['triageReport'], id: input.reportId } }),
    })
    view = render(<StaffInbox />)
    await tap(await waitFor(() => buttonByText(card('r0'), '审核通过')))
    await waitFor(() => expect(card('r0').textContent).toContain('转交办理'))
    expect(gw.sent('clearReport')).toEqual([{ reportId: 'r0' }])
    expect(card('r0').textContent).not.toContain('审核通过')
  })

  test('受理自办 sends triageReport with that kind, the note, the assignee and the due date, without a department', async () => {
    const gw = staffGateway({
      listTriageInbox: () => ok({ reports: [r1, r2] }),
      whoAmI: whoAmIAs('grid_worker'),
      triageReport: (input) => ok({ report: triaged(input.kind, input.note, input.department ?? null, input.reportId) }),
    })
    view = render(<StaffInbox />)
    await tap(await waitFor(() => buttonByText(card('r1'), '受理自办')))
    await typeInto(field(card('r1'), '处理说明'), '  已联系物业明天更换灯泡 ')
    // A grid worker (listAssignees answers community staff only) takes the item on themselves.
    await tap(await waitFor(() => byText(card('r1'), '.sf-chip', '刘敏（本人）')))
    await tap(buttonByText(card('r1'), '确认提交'))
    await waitFor(() => expect(card('r1').textContent).toContain('社区受理自办'))
    expect(gw.sent('triageReport')).toEqual([{ reportId: 'r1', kind: 'handle', note: '已联系物业明天更换灯泡', dueDate: WEEK_ON(), assigneeOpenid: 'o-grid_worker' }])
    expect(card('r1').textContent).toContain('受理自办：已联系物业明天更换灯泡（陈网格）')
    expect(card('r1').querySelectorAll('.taro-button-core')).toHaveLength(0)
    // The other report is untouched.
    expect(card('r2').textContent).toContain('待处理')
  })

  test('回复解释 can be switched to another kind inside the form before sending', async () => {
    const gw = staffGateway({
      listTriageInbox: () => ok({ reports: [r1] }),
      whoAmI: whoAmIAs('grid_worker'),
      triageReport: (input) => ok({ report: triaged(input.kind, input.note, null) }),
    })
    view = render(<StaffInbox />)
    await tap(await waitFor(() => buttonByText(card('r1'), '受理自办')))
    await tap(byText(card('r1'), '.sf-chip', '回复解释'))
    await typeInto(field(card('r1'), '回复说明（告诉居民原因）'), '该路段属市政管理，已告知热线')
    await tap(buttonByText(card('r1'), '确认提交'))
    await waitFor(() => expect(gw.sent('triageReport')).toHaveLength(1))
    expect(gw.sent('triageReport')[0]).toEqual({ reportId: 'r1', kind: 'reply', note: '该路段属市政管理，已告知热线' })
  })

  test('转交办理 refuses to send without a department, then sends kind, note, the department picked and due date', async () => {
    const gw = staffGateway({
      listTriageInbox: () => ok({ reports: [r1] }),
      whoAmI: whoAmIAs('grid_worker'),
      listDepartments: () => ok({ departments: [{ id: 'dep_house', name: '县住建局', townshipId: null, retiredAt: null }] }),
      triageReport: (input) => ok({ report: triaged(input.kind, input.note, input.departmentId === 'dep_house' ? '县住建局' : null) }),
    })
    view = render(<StaffInbox />)
    await tap(await waitFor(() => buttonByText(card('r1'), '转交办理')))
    await tap(buttonByText(card('r1'), '确认提交'))
    await waitFor(() => expect(card('r1').textContent).toContain('处理说明不能为空'))
    await typeInto(field(card('r1'), '处理说明'), '路灯属市政，转交处理')
    await tap(buttonByText(card('r1'), '确认提交'))
    await waitFor(() => expect(card('r1').textContent).toContain('转交办理须写明部门'))
    // No free-text department: the only way to name one is to pick a registered department.
    expect(() => field(card('r1'), '转交部门')).toThrow('no field labelled')
    expect(gw.sent('triageReport')).toHaveLength(0)

    await tap(await waitFor(() => byText(card('r1'), '.sf-chip', '县住建局')))
    await tap(buttonByText(card('r1'), '确认提交'))
    await waitFor(() => expect(card('r1').textContent).toContain('已转交部门办理'))
    expect(gw.sent('triageReport')).toEqual([{ reportId: 'r1', kind: 'transfer', note: '路灯属市政，转交处理', departmentId: 'dep_house', dueDate: WEEK_ON() }])
    expect(card('r1').textContent).toContain('转交办理（县住建局）')
  })

  test('转交办理 with no department registered: the form says so, offers no text box, and sends nothing', async () => {
    const gw = staffGateway({
      listTriageInbox: () => ok({ reports: [r1] }),
      whoAmI: whoAmIAs('community_staff'),
      listAssignees: () => ok({ assignees: [] }),
      listDepartments: () => ok({ departments: [] }),
      triageReport: (input) => ok({ report: triaged(input.kind, input.note, null) }),
    })
    view = render(<StaffInbox />)
    await tap(await waitFor(() => buttonByText(card('r1'), '转交办理')))
    await waitFor(() => expect(card('r1').textContent).toContain('尚无可转交的部门'))
    expect(() => field(card('r1'), '转交部门')).toThrow('no field labelled')
    await typeInto(field(card('r1'), '处理说明'), '路灯属市政，转交处理')
    await tap(buttonByText(card('r1'), '确认提交'))
    await waitFor(() => expect(card('r1').textContent).toContain('转交办理须写明部门'))
    expect(gw.sent('triageReport')).toHaveLength(0)
  })

  test('转交办理 with registered departments: the department is picked from listDepartments and sent by id', async () => {
    const gw = staffGateway({
      listTriageInbox: () => ok({ reports: [r1] }),
      whoAmI: whoAmIAs('community_staff'),
      listAssignees: () => ok({ assignees: [] }),
      listDepartments: () => ok({ departments: [{ id: 'dep_power', name: '供电公司', townshipId: null, retiredAt: null }, { id: 'dep_house', name: '住建站', townshipId: 'ts1', retiredAt: null }] }),
      triageReport: (input) => ok({ report: triaged(input.kind, input.note, '供电公司') }),
    })
    view = render(<StaffInbox />)
    await tap(await waitFor(() => buttonByText(card('r1'), '转交办理')))
    await typeInto(field(card('r1'), '处理说明'), '线路归供电')
    await tap(await waitFor(() => byText(card('r1'), '.sf-chip', '供电公司')))
    await tap(buttonByText(card('r1'), '确认提交'))
    await waitFor(() => expect(gw.sent('triageReport')).toHaveLength(1))
    expect(gw.sent('triageReport')[0]).toEqual({ reportId: 'r1', kind: 'transfer', note: '线路归供电', departmentId: 'dep_power', dueDate: WEEK_ON() })
    await waitFor(() => expect(card('r1').textContent).toContain('转交办理（供电公司）'))
  })

  test('the submit button is disabled while the call is in flight, so a double tap sends once; a refusal shows the server message', async () => {
    const pending = deferred<unknown>()
    const gw = staffGateway({
      listTriageInbox: () => ok({ reports: [r1] }),
      whoAmI: whoAmIAs('grid_worker'),
      triageReport: () => pending.promise,
    })
    view = render(<StaffInbox />)
    await tap(await waitFor(() => buttonByText(card('r1'), '受理自办')))
    await typeInto(field(card('r1'), '处理说明'), '社区自办')
    await tap(await waitFor(() => byText(card('r1'), '.sf-chip', '刘敏（本人）')))
    const submit = buttonByText(card('r1'), '确认提交')
    await tap(submit)
    await waitFor(() => expect(buttonByText(card('r1'), '确认提交').className).toContain('taro-btn-disabled'))
    await tap(buttonByText(card('r1'), '确认提交'))
    await tap(buttonByText(card('r1'), '确认提交'))
    expect(gw.sent('triageReport')).toHaveLength(1)
    pending.resolve(fail('ALREADY_DONE', '该诉求已被处理'))
    await waitFor(() => expect(card('r1').textContent).toContain('该诉求已被处理'))
    expect(buttonByText(card('r1'), '确认提交').className).not.toContain('taro-btn-disabled')
  })

  test('受理自办 by community staff: the assignee is picked from listAssignees and required, the due date defaults to a week on', async () => {
    const gw = staffGateway({
      listTriageInbox: () => ok({ reports: [r1] }),
      whoAmI: whoAmIAs('community_staff'),
      listAssignees: () => ok({ assignees: [{ openid: 'o-chen', displayName: '陈志强', role: 'grid_worker' }, { openid: 'o-liu', displayName: '刘敏', role: 'community_staff' }] }),
      triageReport: (input) => ok({ report: triaged(input.kind, input.note, null) }),
    })
    view = render(<StaffInbox />)
    await tap(await waitFor(() => buttonByText(card('r1'), '受理自办')))
    await typeInto(field(card('r1'), '处理说明'), '网格员负责更换')
    await waitFor(() => expect(card('r1').textContent).toContain('陈志强'))
    expect(card('r1').querySelector('[data-mode="date"]')!.textContent).toBe(WEEK_ON())
    await tap(buttonByText(card('r1'), '确认提交'))
    await waitFor(() => expect(card('r1').textContent).toContain('受理自办须指定承办人'))
    expect(gw.sent('triageReport')).toHaveLength(0)
    await tap(byText(card('r1'), '.sf-chip', '陈志强'))
    await tap(buttonByText(card('r1'), '确认提交'))
    await waitFor(() => expect(gw.sent('triageReport')).toHaveLength(1))
    expect(gw.sent('triageReport')[0]).toEqual({ reportId: 'r1', kind: 'handle', note: '网格员负责更换', dueDate: WEEK_ON(), assigneeOpenid: 'o-chen' })
  })

  test('标记重复 merges a report into another listed one: sends both ids, drops the duplicate and shows the survivor as answered', async () => {
    const dupOf = aReport({ id: 'r2', text: '3栋那边晚上没灯', allowedActions: ['triageReport', 'markDuplicate'] })
    const survivor = aReport({ id: 'r1', allowedActions: ['triageReport', 'markDuplicate'] })
    const gw = staffGateway({
      listTriageInbox: () => ok({ reports: [survivor, dupOf] }),
      whoAmI: whoAmIAs('community_staff'),
      markDuplicate: () => ok({ report: { ...dupOf, duplicateOf: 'r1', allowedActions: [] }, of: { ...survivor, text: '3 号楼门口路灯坏了一个月（已并入 1 条）' } }),
    })
    view = render(<StaffInbox />)
    await tap(await waitFor(() => buttonByText(card('r2'), '标记重复')))
    await tap(buttonByText(card('r2'), '确认合并'))
    await waitFor(() => expect(card('r2').textContent).toContain('请选择与之重复的诉求'))
    expect(gw.sent('markDuplicate')).toHaveLength(0)
    await tap(byText(card('r2'), '.sf-chip', '3 号楼门口'))
    await tap(buttonByText(card('r2'), '确认合并'))
    await waitFor(() => expect(card('r2')).toBeNull())
    expect(gw.sent('markDuplicate')).toEqual([{ reportId: 'r2', ofReportId: 'r1' }])
    expect(card('r1').textContent).toContain('（已并入 1 条）')
  })

  test('a report others also met shows the 我也遇到 and merged counts', async () => {
    staffGateway({ listTriageInbox: () => ok({ reports: [aReport({ id: 'r1', meTooCount: 2, mergedCount: 1 }), r2] }), whoAmI: whoAmIAs('community_staff') })
    view = render(<StaffInbox />)
    await waitFor(() => expect(card('r1').textContent).toContain('同一问题：2 人也遇到，并入 1 条'))
    expect(card('r2').textContent).not.toContain('同一问题')
  })

  test('selected reports go to a new topic (community staff only)', async () => {
    staffGateway({ listTriageInbox: () => ok({ reports: [r1, r2] }), whoAmI: whoAmIAs('community_staff') })
    view = render(<StaffInbox />)
    await waitFor(() => expect(card('r2')).not.toBeNull())
    await tap(card('r1').querySelector('.inbox__select') as HTMLElement)
    await tap(card('r2').querySelector('.inbox__select') as HTMLElement)
    await waitFor(() => expect(view!.text()).toContain('已选 2 条诉求'))
    await tap(await waitFor(() => buttonByText(view!.container, '纳入新议题')))
    expect(nav.navigateTo).toHaveBeenCalledTimes(1)
    const url = nav.navigateTo.mock.calls[0]![0].url
    expect(url.split('?')[0]).toBe('/staff/publish-topic/index')
    expect(decodeURIComponent(url.split('reports=')[1]!)).toBe('r1,r2')
  })

  test('a grid worker is not offered 纳入新议题 but can add the selection to a topic still before its meeting', async () => {
    const topic = (id: string, stage: 'published' | 'deliberated', title: string) => ({
      id,
      title,
      category: 'infrastructure',
      stage,
      stageLabel: stage === 'published' ? '议题已发布' : '已面对面议事',
      flow: { step: 1, done: true },
      meetingAt: '2026-12-09T11:00:00.000Z',
      meetingPlace: '社区',
      publishedAt: '2026-11-01T00:00:00.000Z',
      noticeClosesAt: null,
      resultPublishedAt: null,
      counts: { joined: 0, followed: 0, support: 0, oppose: 0, opinions: 0, objections: 0, unansweredObjections: 0 },
    })
    let attached = 0
    const gw = staffGateway({
      listTriageInbox: () => ok({ reports: attached ? [] : [r1, r2] }),
      whoAmI: whoAmIAs('grid_worker'),
      listTopics: (input) => ok({ topics: input.stage === 'published' ? [topic('tpA', 'published', '东门停车整治')] : [topic('tpB', 'deliberated', '路灯维修')] }),
      attachReport: (input) => {
        attached++
        return ok({ topic: { id: input.topicId } })
      },
    })
    view = render(<StaffInbox />)
    await waitFor(() => expect(card('r2')).not.toBeNull())
    await tap(card('r1').querySelector('.inbox__select') as HTMLElement)
    await tap(card('r2').querySelector('.inbox__select') as HTMLElement)
    await waitFor(() => buttonByText(view!.container, '并入已有议题'))
    expect(() => buttonByText(view!.container, '纳入新议题')).toThrow()
    await tap(buttonByText(view.container, '并入已有议题'))
    await waitFor(() => expect(view!.text()).toContain('路灯维修（已面对面议事）'))
    expect(gw.sent('listTopics').map((i) => i.stage).sort()).toEqual(['deliberated', 'published'])
    await tap(byText(view.container, '.sf-chip', '路灯维修'))
    await tap(buttonByText(view.container, '并入所选议题'))
    await waitFor(() => expect(view!.text()).toContain('暂无待分类的诉求'))
    expect(gw.sent('attachReport')).toEqual([
      { topicId: 'tpB', reportId: 'r1' },
      { topicId: 'tpB', reportId: 'r2' },
    ])
  })

  test('a load failure is shown, not a blank page', async () => {
    staffGateway({ listTriageInbox: () => fail('FORBIDDEN', '只有网格员和社区工作人员处理诉求'), whoAmI: whoAmIAs('resident') })
    view = render(<StaffInbox />)
    await waitFor(() => expect(view!.text()).toContain('诉求加载失败：只有网格员和社区工作人员处理诉求'))
  })
})

test('the topic list opens each topic’s staff page', async () => {
  const gw = staffGateway({
    listTriageInbox: () => ok({ reports: [] }),
    whoAmI: whoAmIAs('community_staff'),
    listTopics: () =>
      ok({
        topics: [
          {
            id: 'tp7',
            title: '东门停车整治',
            category: 'property',
            stage: 'noticed',
            stageLabel: '拟办意见公告中',
            flow: { step: 3, done: false },
            meetingAt: '2026-12-09T11:00:00.000Z',
            meetingPlace: '社区',
            publishedAt: '2026-11-01T00:00:00.000Z',
            noticeClosesAt: null,
            resultPublishedAt: null,
            counts: { joined: 0, followed: 0, support: 0, oppose: 0, opinions: 0, objections: 1, unansweredObjections: 1 },
          },
        ],
      }),
  })
  view = render(<StaffInbox />)
  await waitFor(() => expect(view!.text()).toContain('暂无待分类的诉求'))
  expect(gw.sent('listTopics')).toHaveLength(0)
  await tap(buttonByText(view.container, '查看议题'))
  const row = await waitFor(() => byText(view!.container, '.inbox__topic', '东门停车整治'))
  expect(row.textContent).toContain('2026-12-09 19:00')
  expect(row.textContent).toContain('未答复异议 1')
  await tap(row)
  expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/staff/topic/index?id=tp7' })
})

test('a photo held for review offers 图片通过 and 移除图片 (media.clearMedia); the inbox reloads, and a refusal is shown', async () => {
  const photo = 'cloud://env.b/uploads/o-res/reports/held.jpg'
  // As the function answers: photos as temporary URLs, the held ones' fileIDs beside them.
  const url = 'https://tmp.example/uploads/o-res/reports/held.jpg?sign=x'
  let cleared = false
  const waiting = aReport({ id: 'r5', photos: [url], pendingPhotos: [url], pendingPhotoIds: [photo], allowedActions: ['triageReport'] })
  const gw = staffGateway({
    listTriageInbox: () => ok({ reports: [cleared ? { ...waiting, pendingPhotos: [], pendingPhotoIds: [] } : waiting, r2] }),
    whoAmI: whoAmIAs('grid_worker'),
    clearMedia: (input) => {
      if (input.verdict === 'remove') return fail('WRONG_STAGE', '该图片已审核')
      cleared = true
      return ok({ fileId: input.fileId, status: 'pass' })
    },
  })
  view = render(<StaffInbox />)
  await waitFor(() => expect(card('r5').textContent).toContain('待审核图片 1'))
  // A photo not held (r2 has none) gets no review buttons.
  expect(card('r2').textContent).not.toContain('图片通过')

  await tap(byText(card('r5'), '.taro-button-core', '移除图片'))
  await waitFor(() => expect(card('r5').textContent).toContain('该图片已审核'))
  expect(gw.sent('clearMedia')).toEqual([{ fileId: photo, verdict: 'remove' }])

  await tap(byText(card('r5'), '.taro-button-core', '图片通过'))
  await waitFor(() => expect(card('r5').textContent).not.toContain('待审核图片'))
  expect(gw.sent('clearMedia')).toEqual([{ fileId: photo, verdict: 'remove' }, { fileId: photo, verdict: 'pass' }])
  expect(gw.sent('listTriageInbox')).toHaveLength(2)
  expect(card('r5').textContent).not.toContain('审核中')
})
