import crypto from 'node:crypto'
import type { Store } from '../../local-cloudbase/database/store'
import type { StorageFiles } from '../../local-cloudbase/storage'
import { COMMUNITIES, COUNTY_NAME, DEMO_DEPARTMENTS, DEMO_DEPARTMENT_USERS, DEMO_USERS, TOWNSHIPS } from './places'
import { BOOTSTRAP_EVENT_ID, countyOfficeUser, newAdminEvent } from '../../src/domain/admin'
import { ratingId } from '../../cloudfunctions/_shared/opaque-id'
import { addDays, beijingDateOf, deadlineAfter, formatBeijing, nextDeliberationDay } from '../../src/domain/calendar'
import { DEFAULT_SETTINGS, type Category, type NoticeRevision, type Objection, type Rating, type Report, type Resolution, type Topic, type TopicEvent } from '../../src/domain/model'
import { firstDisclosureDueAt, nextDisclosureDueAt } from '../../src/domain/disclosure'
import { newItemEvent, newObjection, newRating, newReport, newResolutions, newTopic, newTopicEvent, newTriageItem } from '../../src/domain/records'
import { newDepartment } from '../../src/domain/departments'
import { newResource, type Resource } from '../../src/domain/resources'

/**
 * Demo data for the run command: the places and people of places.ts, and topics in every step modelled on the
 * source documents (e-bike charging sheds, a broken street light, a collapsed farm road, estate greening, a farmers'
 * market), dated relative to now so each sits in its step. Written straight to the store, as a migration would,
 * in the shapes the functions write (the domain's record builders, src/domain/records.ts). Seeding twice changes nothing.
 */
const DAY = 86_400_000
const STAFF = DEMO_USERS.find((u) => u.role === 'community_staff' && u.communityId === 'c_pingshan')!
const GRID = DEMO_USERS.find((u) => u.openid === 'demo-grid-chen')!
const WANG = DEMO_USERS.find((u) => u.openid === 'demo-resident-wang')!
const LI = DEMO_USERS.find((u) => u.openid === 'demo-resident-li')!
const ZHAO = DEMO_USERS.find((u) => u.openid === 'demo-rep-zhao')!
const PHOTO = (name: string) => `cloud://local-env.6c6f-local-env/demo/${name}.svg`

/** Demo photos are drawn, not shot: a labelled picture per scene, so the H5 demo shows images that exist. */
const PHOTO_LABELS: Record<string, [string, string]> = {
  shed: ['充电棚顶棚破损', '#8c6d3f'], light: ['路灯不亮', '#2f3b52'], corridor: ['楼道堆放杂物', '#6b5b4b'], water: ['东门积水', '#3f6d8c'],
  elderly: ['老年活动室', '#7a5c8c'], pipe: ['水管漏水', '#3f6d8c'],
}
function photoSvg(name: string): string {
  const base = name.split('-')[0]!
  const [label, color] = PHOTO_LABELS[name] ?? [name.endsWith('-meeting') ? '面对面议事会' : name.endsWith('-done') ? '办理完成' : name.endsWith('-progress') ? '办理进展' : '现场', PHOTO_LABELS[base]?.[1] ?? '#4a7c59']
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480" viewBox="0 0 640 480"><rect width="640" height="480" fill="${color}"/><rect x="40" y="300" width="560" height="140" rx="16" fill="rgba(255,255,255,0.85)"/><text x="320" y="390" font-size="56" text-anchor="middle" font-family="sans-serif" fill="#222">${label}</text><circle cx="520" cy="110" r="60" fill="rgba(255,255,255,0.35)"/></svg>`
}

function id(prefix: string, ...parts: string[]) {
  return `${prefix}_${crypto.createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 16)}`
}

interface TopicPlan {
  key: string
  title: string
  description: string
  category: Category
  place: string
  /** Days before now each milestone happened; null = not yet. */
  publishedDaysAgo: number
  heldDaysAgo: number | null
  noticedDaysAgo: number | null
  resultDaysAgo: number | null
  requiresFourDeliberations?: boolean
  resolutions: { title: string; assignee: string; vote: [number, number, number]; dueInDays: number; progressDaysAgo: number[]; result?: string }[]
  report?: DemoReportPlan
  objection?: { text: string; by: typeof WANG; answer: string | null }
  rating?: { by: typeof WANG; stars: number; comment: string; reply: string | null }
  minutes?: string
  attendance?: [number, number]
  noticeText?: string
}

const PLANS: TopicPlan[] = [
  {
    key: 'charging-shed',
    title: '2栋电动车充电棚改造',
    description: '2栋楼下充电棚顶棚破损、线路老化，雨天有漏电风险，居民随手拍反映 6 次。',
    category: 'infrastructure',
    place: '社区议事厅',
    publishedDaysAgo: 48,
    heldDaysAgo: 41,
    noticedDaysAgo: 40,
    resultDaysAgo: 12,
    resolutions: [
      { title: '更换充电棚顶棚并加装智能充电桩', assignee: '刘书记', vote: [21, 1, 1], dueInDays: -10, progressDaysAgo: [30, 22], result: '顶棚更换完成，新增 12 个智能充电桩，已投入使用' },
    ],
    report: { text: '2栋楼下充电棚顶棚破了，下雨漏电很危险', by: WANG, category: 'infrastructure', photo: 'shed', lat: 28.6421, lng: 104.1632, placeName: '屏山社区2栋' },
    rating: { by: LI, stars: 2, comment: '充电桩还是不够用，晚上排队', reply: '已协调物业下月再增加 6 个充电桩' },
    minutes: '物业、居民代表与 2 栋住户面对面商议，同意维修基金列支改造费用。',
    attendance: [24, 30],
    noticeText: '拟由物业公司 30 日内完成充电棚改造，费用从维修基金列支，公示期 5 天。',
  },
  {
    key: 'street-light',
    title: '西区 5 栋至 6 栋路灯不亮',
    description: '5 栋至 6 栋之间 4 盏路灯损坏，夜间老人出行不便。',
    category: 'infrastructure',
    place: '西区网格服务站',
    publishedDaysAgo: 30,
    heldDaysAgo: 26,
    noticedDaysAgo: 25,
    resultDaysAgo: null,
    resolutions: [{ title: '更换 4 盏损坏路灯并检修线路', assignee: '黄丽', vote: [15, 0, 2], dueInDays: 5, progressDaysAgo: [] }],
    report: { text: '5栋到6栋之间路灯坏了一个多月，晚上很黑', by: LI, category: 'infrastructure', photo: 'light', lat: 28.6405, lng: 104.1601, placeName: '屏山社区5栋' },
    minutes: '网格员与供电所、住户代表现场查看，确定由社区联系供电所维修。',
    attendance: [12, 18],
    noticeText: '拟由社区联系供电所于 20 日内更换路灯，费用由街道城建经费列支。',
  },
  {
    key: 'farm-road',
    title: '东山组机耕道垮塌修复',
    description: '连日降雨导致东山组机耕道约 30 米垮塌，农用车无法通行，需议定修复方案与投工投劳。',
    category: 'infrastructure',
    place: '东山组院坝（坝坝会）',
    publishedDaysAgo: 9,
    heldDaysAgo: 4,
    noticedDaysAgo: 2,
    resultDaysAgo: null,
    requiresFourDeliberations: true,
    resolutions: [
      { title: '以工代赈修复机耕道 30 米', assignee: '陈志强', vote: [31, 3, 2], dueInDays: 40, progressDaysAgo: [] },
      { title: '沿线加装防护栏', assignee: '刘书记', vote: [12, 20, 4], dueInDays: 40, progressDaysAgo: [] },
    ],
    objection: { text: '投工投劳的补贴标准没有写清楚', by: LI, answer: null },
    minutes: '“四议两公开”：党支部提议、两委商议、党员审议后，提交居民代表会议决议。',
    attendance: [36, 48],
    noticeText: '拟以工代赈方式修复机耕道，每日补贴 150 元，公示期 5 天，居民可提出异议。',
  },
  {
    key: 'greening',
    title: '小区绿化提升与停车位规划',
    description: '居民反映绿地被占用停车，议定绿化提升与停车位划线方案。',
    category: 'environment',
    place: '社区议事厅',
    publishedDaysAgo: 6,
    heldDaysAgo: 1,
    noticedDaysAgo: null,
    resultDaysAgo: null,
    resolutions: [{ title: '补植绿化带并在东侧空地划线 20 个车位', assignee: '刘书记', vote: [28, 6, 3], dueInDays: 60, progressDaysAgo: [] }],
    minutes: '300 余名居民线上参与意见征集，面对面议事会上逐条讨论，形成方案。',
    attendance: [37, 45],
  },
  {
    key: 'market',
    title: '便民农贸市场建设选址',
    description: '居民希望在社区附近建设便民农贸市场，请大家对选址提出意见并报名参加议事。',
    category: 'livelihood',
    place: '社区议事厅',
    publishedDaysAgo: 3,
    heldDaysAgo: null,
    noticedDaysAgo: null,
    resultDaysAgo: null,
    resolutions: [],
  },
]

const OPEN_REPORTS = [
  { text: '3栋楼道堆放杂物，存在消防隐患', by: ZHAO, category: 'public_order' as Category, photo: 'corridor', lat: 28.6431, lng: 104.1641, placeName: '屏山社区3栋', daysAgo: 1 },
  { text: '小区东门积水严重，老人出行不便', by: WANG, category: 'infrastructure' as Category, photo: 'water', lat: 28.6419, lng: 104.1629, placeName: '屏山社区东门', daysAgo: 0.5 },
  { text: '希望增设老年人日间照料活动室', by: LI, category: 'elderly_care' as Category, photo: 'elderly', lat: 28.6402, lng: 104.1603, placeName: '屏山社区西区', daysAgo: 2 },
]

type DemoReportPlan = { text: string; by: typeof WANG; category: Category; photo: string; lat: number; lng: number; placeName: string }

/** A report as reports.submitReport stores it, optionally already triaged into a topic. */
function demoReport(
  reportId: string,
  clientRequestId: string,
  r: DemoReportPlan,
  submittedAt: Date,
  triaged: { at: Date; triage: NonNullable<Report['triage']>; text: string } | null,
): Report {
  const report = newReport({
    id: reportId,
    communityId: 'c_pingshan',
    gridId: r.by.gridId!,
    buildingId: r.by.buildingId,
    reporter: r.by,
    clientRequestId,
    text: r.text,
    category: r.category,
    photos: [PHOTO(r.photo)],
    location: { latitude: r.lat, longitude: r.lng, name: r.placeName },
    submittedAt,
    heldForReview: false,
  })
  if (!triaged) return report
  return { ...report, triagedAt: triaged.at, triage: triaged.triage, timeline: [...report.timeline, { at: triaged.at, kind: triaged.triage.kind, text: triaged.text }] }
}

export function seedDemo(store: Store, now: Date, files?: StorageFiles): { seeded: boolean; topics: number } {
  if (store.hasCollection('communities') && store.size('communities') > 0) return { seeded: false, topics: store.size('topics') }
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  // The county office is set up with the records bootstrapCounty writes (src/domain/admin.ts), under the same fixed
  // bootstrap id, so a later bootstrap on the demo data is refused exactly as in production.
  const county = DEMO_USERS.find((u) => u.role === 'county_office')!
  const bootstrapAt = ago(120)
  store.insert('admin_events', [
    { ...newAdminEvent(BOOTSTRAP_EVENT_ID, county, bootstrapAt, { type: 'county_bootstrapped', summary: `初始化县级办公室：${COUNTY_NAME}`, data: { countyName: COUNTY_NAME, displayName: county.displayName } }) },
  ])
  store.insert('townships', TOWNSHIPS.map((t) => ({ ...t })))
  store.insert('communities', COMMUNITIES.map((c) => ({ ...c })))
  store.insert('users', DEMO_USERS.map((u) => (u.role === 'county_office' ? { ...countyOfficeUser(u.openid, u.displayName, bootstrapAt), ...u, joinedAt: bootstrapAt } : { ...u, joinedAt: ago(90) })))
  // Departments as createDepartment stores them, and 供电's member: 转交办理 names one of them. Like the places, they
  // are written as a migration would, without admin_events of their own (the county's history starts at bootstrap).
  const registeredAt = ago(100)
  store.insert('departments', DEMO_DEPARTMENTS.map((d) => ({ ...newDepartment(d._id, d.name, d.townshipId, registeredAt) })))
  store.insert('users', DEMO_DEPARTMENT_USERS.map((u) => ({ ...u, joinedAt: ago(90) })))

  const reports: Report[] = []
  const topics: Topic[] = []
  const resolutions: Resolution[] = []
  const objections: Objection[] = []
  const ratings: Rating[] = []
  const events: TopicEvent[] = []
  const event = (t: Topic, at: Date, type: string, summary: string, actor = STAFF): TopicEvent => ({
    _id: id('ev', t._id, type, String(at.getTime())),
    ...newTopicEvent(t, actor, at, type, summary),
  })

  for (const plan of PLANS) {
    const topicId = id('tp', 'demo', plan.key)
    const publishedAt = ago(plan.publishedDaysAgo)
    const heldAt = plan.heldDaysAgo === null ? null : ago(plan.heldDaysAgo)
    const meetingAt = heldAt ?? nextDeliberationDay(now, DEFAULT_SETTINGS.deliberationDay).startsAt
    const reportIds: string[] = []
    if (plan.report) {
      const r = plan.report
      const submittedAt = ago(plan.publishedDaysAgo + 3)
      const reportId = id('rp', 'demo', plan.key)
      reportIds.push(reportId)
      reports.push(
        demoReport(reportId, `demo-${plan.key}`, r, submittedAt, {
          at: publishedAt,
          triage: { kind: 'topic', by: STAFF.openid, byName: STAFF.displayName, note: plan.title, department: null, topicId },
          text: `已纳入议题「${plan.title}」`,
        }),
      )
    }
    const noticedAt = plan.noticedDaysAgo === null ? null : ago(plan.noticedDaysAgo)
    const notice: NoticeRevision | null = noticedAt
      ? { revision: 1, text: plan.noticeText ?? '', publishedAt: noticedAt, closesAt: deadlineAfter(noticedAt, DEFAULT_SETTINGS.objectionWindowDays), by: STAFF.openid, reason: null }
      : null
    const topic: Topic = {
      ...newTopic({
        id: topicId,
        communityId: 'c_pingshan',
        title: plan.title,
        description: plan.description,
        category: plan.category,
        reportIds,
        meetingPlace: plan.place,
        meetingAt,
        invitees: ['社区两委', '物业公司', '居民代表'],
        requiresFourDeliberations: !!plan.requiresFourDeliberations,
        publishedAt,
        publishedBy: STAFF.openid,
      }),
      // The steps the plan has reached, as the functions record them.
      deliberations: plan.requiresFourDeliberations && heldAt
        ? (['branch_proposal', 'committees_discussion', 'members_review', 'residents_resolution'] as const).map((step, i) => ({ step, at: new Date(heldAt.getTime() - (3 - i) * DAY), by: STAFF.openid, note: '按程序完成' }))
        : [],
      heldAt,
      minutes: heldAt ? plan.minutes ?? null : null,
      attendance: heldAt && plan.attendance ? { households: plan.attendance[0], invitedHouseholds: plan.attendance[1] } : null,
      meetingPhotos: heldAt ? [PHOTO(`${plan.key}-meeting`)] : [],
      quorumMet: heldAt ? true : null,
      noticedAt,
      notice,
      noticeHistory: notice ? [notice] : [],
      resultPublishedAt: plan.resultDaysAgo === null ? null : ago(plan.resultDaysAgo),
      counts: { joined: heldAt ? 23 : 8, followed: 31, support: 19, oppose: 2, opinions: 0, objections: plan.objection ? 1 : 0, unansweredObjections: plan.objection && !plan.objection.answer ? 1 : 0 },
    }
    topics.push(topic)
    events.push(event(topic, publishedAt, 'published', `发布议题，在${plan.place}面对面议事`))
    if (heldAt) events.push(event(topic, heldAt, 'meetingHeld', `召开面对面议事会，到会 ${plan.attendance?.[0]}/${plan.attendance?.[1]} 户`))
    if (noticedAt) events.push(event(topic, noticedAt, 'noticePublished', '发布拟办意见公告'))

    // The demo meetings all had their quorum: an item passes on its vote.
    const decided = newResolutions(
      topic,
      'ts_pingshan',
      { quorumMet: true },
      plan.resolutions.map((r) => ({
        title: r.title,
        vote: { for: r.vote[0], against: r.vote[1], abstain: r.vote[2] },
        assigneeName: r.assignee,
        assigneeOpenid: r.assignee === STAFF.displayName ? STAFF.openid : r.assignee === GRID.displayName ? GRID.openid : null,
        dueDate: addDays(beijingDateOf(heldAt ?? now), Math.max(1, r.dueInDays + (plan.heldDaysAgo ?? 0))),
      })),
    )
    plan.resolutions.forEach((r, i) => {
      const passed = decided[i]!.passed
      const handlingFrom = passed && notice ? notice.closesAt : null
      let dueForNext = handlingFrom ? firstDisclosureDueAt(handlingFrom, DEFAULT_SETTINGS) : null
      const disclosures = r.progressDaysAgo.map((d) => {
        const at = ago(d)
        const entry = { at, dueAt: dueForNext!, text: '按计划推进，已完成阶段性施工', photos: [PHOTO(`${plan.key}-progress`)], by: STAFF.openid, final: false }
        dueForNext = nextDisclosureDueAt(at, DEFAULT_SETTINGS)
        return entry
      })
      const resultAt = plan.resultDaysAgo === null ? null : ago(plan.resultDaysAgo)
      if (resultAt && r.result) disclosures.push({ at: resultAt, dueAt: dueForNext!, text: r.result, photos: [PHOTO(`${plan.key}-done`)], by: STAFF.openid, final: true })
      const resolution: Resolution = {
        ...decided[i]!,
        handlingFrom,
        disclosureDueAt: resultAt || !handlingFrom ? null : dueForNext,
        disclosures,
        resultPublishedAt: resultAt,
        openDueAt: resultAt || !handlingFrom ? null : decided[i]!.dueAt,
      }
      if (plan.rating && resultAt) {
        const at = ago(Math.max(0, plan.resultDaysAgo! - 2))
        const rating = newRating({ id: ratingId(resolution._id, plan.rating.by.openid), resolution, rater: plan.rating.by, stars: plan.rating.stars, comment: plan.rating.comment, at, settings: DEFAULT_SETTINGS })
        ratings.push(
          plan.rating.reply ? { ...rating, pendingReplyDueAt: null, reply: { text: plan.rating.reply, at: new Date(at.getTime() + DAY), by: STAFF.openid } } : rating,
        )
        resolution.ratingCount = 1
        resolution.ratingSum = plan.rating.stars
      }
      resolutions.push(resolution)
      for (const d of disclosures) events.push(event(topic, d.at, d.final ? 'resultPublished' : 'progressPublished', `${d.final ? '公示办理结果' : '公示办理情况'}：${r.title}`))
    })
    if (plan.objection && noticedAt) {
      const objection = newObjection({ id: id('ob', topicId), topic, author: plan.objection.by, noticeRevision: 1, text: plan.objection.text, at: new Date(noticedAt.getTime() + DAY / 2) })
      objections.push(
        plan.objection.answer ? { ...objection, answer: { text: plan.objection.answer, at: new Date(noticedAt.getTime() + DAY), by: STAFF.openid } } : objection,
      )
      events.push(event(topic, new Date(noticedAt.getTime() + DAY / 2), 'objectionFiled', '居民对拟办意见提出异议', plan.objection.by))
    }
  }

  OPEN_REPORTS.forEach((r, i) => {
    reports.push(demoReport(id('rp', 'demo-open', String(i)), `demo-open-${i}`, r, ago(r.daysAgo), null))
  })

  // Issue 12: a report the community transferred to 县供电公司 two days ago (as triageReport writes it: the triage
  // naming the department, the item carrying its departmentId), so 周电工's 部门待办 has an item to answer.
  {
    const department = DEMO_DEPARTMENTS[0]
    const at = ago(2)
    const reportId = id('rp', 'demo-transfer', department._id)
    const plan = { text: '5栋门口路灯线路老化，时常整片断电', by: LI, category: 'infrastructure' as Category, photo: 'light', lat: 28.6405, lng: 104.1609, placeName: '屏山社区5栋' }
    const draft = demoReport(reportId, 'demo-transfer-0', plan, ago(3), null)
    const item = newTriageItem({ report: draft, townshipId: TOWNSHIPS[0]!._id, kind: 'transfer', assigneeName: department.name, assigneeOpenid: null, departmentId: department._id, dueDate: addDays(beijingDateOf(now), 12), at, settings: DEFAULT_SETTINGS })
    const promise = `承办：${department.name}，${formatBeijing(item.dueAt, 'M月D日')}前办结。`
    const triage = { kind: 'transfer' as const, by: STAFF.openid, byName: STAFF.displayName, note: '线路属供电公司维护', department: department.name, topicId: null }
    reports.push({ ...demoReport(reportId, 'demo-transfer-0', plan, ago(3), { at, triage, text: `转交办理：${department.name}。线路属供电公司维护${promise}` }), resolutionId: item._id })
    resolutions.push(item)
    events.push({ _id: id('ev', item._id, 'itemDecided'), ...newItemEvent(item, STAFF, at, 'itemDecided', `转交办理「${item.title}」，承办：${item.assigneeName}`, { kind: 'transfer' }) })
  }

  // Issue 12: 揭榜 — a 受理自办 item staff published yesterday for a volunteer to take, and 王秀英 on the 资源清单 as
  // a volunteer linked to her account, so the 揭榜 page (我的 → 揭榜) shows an item she may take in person.
  const resources: Resource[] = []
  {
    const at = ago(1)
    const reportId = id('rp', 'demo-taking', 'c_pingshan')
    const plan = { text: '7栋老人家中水管老化漏水，独居行动不便，需要有人上门帮忙更换', by: LI, category: 'livelihood' as Category, photo: 'pipe', lat: 28.6411, lng: 104.1612, placeName: '屏山社区7栋' }
    const draft = demoReport(reportId, 'demo-taking-0', plan, ago(2), null)
    const item = newTriageItem({ report: draft, townshipId: TOWNSHIPS[0]!._id, kind: 'handle', assigneeName: GRID.displayName, assigneeOpenid: GRID.openid, departmentId: null, dueDate: addDays(beijingDateOf(now), 10), at, settings: DEFAULT_SETTINGS })
    const promise = `承办：${GRID.displayName}，${formatBeijing(item.dueAt, 'M月D日')}前办结。`
    const triage = { kind: 'handle' as const, by: STAFF.openid, byName: STAFF.displayName, note: '网格员联系志愿者上门', department: null, topicId: null }
    reports.push({ ...demoReport(reportId, 'demo-taking-0', plan, ago(2), { at, triage, text: `受理自办：网格员联系志愿者上门${promise}` }), resolutionId: item._id })
    resolutions.push({ ...item, openForTakingAt: at, takenAt: null, takingNeed: '需要会修水管的志愿者上门更换水管' } as Resolution)
    events.push({ _id: id('ev', item._id, 'itemDecided'), ...newItemEvent(item, STAFF, at, 'itemDecided', `受理自办「${item.title}」，承办：${item.assigneeName}`, { kind: 'handle' }) })
    events.push({ _id: id('ev', item._id, 'published'), ...newItemEvent(item, STAFF, at, 'item_published_for_taking', `揭榜：「${item.title}」张榜待资源揭榜承办`) })
    resources.push(newResource(id('rs', 'c_pingshan', WANG.openid), { communityId: 'c_pingshan', townshipId: TOWNSHIPS[0]!._id }, { name: WANG.displayName, kind: 'volunteer', offer: '水电维修', contact: '13800000001', openid: WANG.openid }, ago(30)))
    resources.push(newResource(id('rs', 'c_pingshan', 'property'), { communityId: 'c_pingshan', townshipId: TOWNSHIPS[0]!._id }, { name: '屏山物业服务中心', kind: 'unit', offer: '公共设施维修、保洁', contact: '0831-7700000', openid: null }, ago(60)))
  }

  const docs = <T extends object>(list: T[]) => list.map((d) => ({ ...d }) as Record<string, unknown>)
  store.insert('reports', docs(reports))
  store.insert('topics', docs(topics.map((t) => ({ ...t, requestKey: t._id }))))
  store.insert('resolutions', docs(resolutions))
  if (objections.length) store.insert('objections', docs(objections))
  if (ratings.length) store.insert('ratings', docs(ratings))
  store.insert('resources', docs(resources))
  store.insert('topic_events', docs(events.sort((a, b) => a.at.getTime() - b.at.getTime())))
  if (files) {
    const photos = new Set<string>()
    for (const r of reports) r.photos.forEach((p) => photos.add(p))
    for (const t of topics) t.meetingPhotos.forEach((p) => photos.add(p))
    for (const r of resolutions) r.disclosures.forEach((d) => d.photos.forEach((p) => photos.add(p)))
    for (const fileId of photos) {
      const name = /demo\/(.+)\.svg$/.exec(fileId)![1]!
      files.put('local-env', `demo/${name}.svg`, Buffer.from(photoSvg(name)))
    }
  }
  return { seeded: true, topics: topics.length }
}

// Exported for the README's description of the demo and for tests of the seed.
export const DEMO_TOPIC_TITLES = PLANS.map((p) => p.title)
