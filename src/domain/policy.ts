import { callbackFor, callbackMonthsOf, defaultCallbackMonth } from './reports-cycle'
import { ROLES, type Role } from './roles'
import type { Actor, Objection, Rating, Report, Resolution, Topic } from './model'
import { FOUR_DELIBERATIONS } from './model'
import { reportStatus, resolutionStatus, topicStage, type TopicStage } from './stages'
import { INVITES_ONE_LEVEL_DOWN, placeManagers, type PlaceKind } from './admin'
import { itemSource } from './items'
import { beijingDateOf } from './calendar'
import { managesDepartment } from './departments'
import { itemOpen, mayTakeFor, type Resource, type Takeable } from './resources'
import { RESIDENTS, REPORTERS, RESIDENT_ACTION_LABELS, TAKING_READERS } from './resident-actions'

/**
 * Who may do what, when: the one table the cloud functions enforce and the pages read to show buttons.
 * A decision needs the actor, the subject as stored, and the moment; it does no I/O.
 */

// Plain data the main package reads without this table (src/domain/resident-actions.ts); the rules below use it.
export { RESIDENTS }
const STAFF = ['community_staff'] as const satisfies readonly Role[]
const FIELD_STAFF = ['community_staff', 'grid_worker'] as const satisfies readonly Role[]
/** Who discloses an item's progress and result: field staff in reach, and a department's staff on its transferred items (inScope). */
const ITEM_HANDLERS = [...FIELD_STAFF, 'department_staff'] as const satisfies readonly Role[]

/** What a decision is about: the community it lives in, and the stored item where there is one. */
export interface Subject {
  communityId: string
  townshipId: string
  gridId?: string | null
  report?: Report
  topic?: Topic
  resolution?: Resolution
  objection?: Objection
  rating?: Rating
  /** For rules over a topic's decided items: have any progress disclosures been published yet? */
  handlingStarted?: boolean
  /** A photo's image check (media_checks), for clearing what the check sent to human review; `subject`: what the
   *  photo belongs to (a report, an objection, a disclosure, a township's 一月一问效 record: 'review'). */
  media?: { status: string; subject?: string }
  /** For set-up actions on a place: which kind of place (a township's subject has communityId ''). */
  placeKind?: PlaceKind
  /** For withdrawing a join: has the caller joined the topic's meeting (participations.joinedAt set)? */
  joined?: boolean
  /** An escalation the sweep raised, with the township's supervision (督办) and the community's answer once given. */
  escalation?: { supervision?: { answer?: unknown | null } | null }
  /** A 资源清单 entry (src/domain/resources.ts): the one edited, retired, given an item or taking one. */
  resource?: Pick<Resource, 'kind' | 'openid' | 'retiredAt'>
  /** For recording a callback: the 月回访 month it answers (default: reports-cycle.ts defaultCallbackMonth). */
  callbackMonth?: string
}

export type DenialCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'OUT_OF_SCOPE'
  | 'WRONG_STAGE'
  | 'ALREADY_DONE'
  | 'FOUR_DELIBERATIONS_INCOMPLETE'
  | 'NO_PASSED_RESOLUTION'
  | 'OBJECTIONS_UNANSWERED'
  | 'NOT_LOW_RATING'
  | 'REPORT_NOT_AVAILABLE'

export type Decision = { allowed: true } | { allowed: false; code: DenialCode; reason: string }

/**
 * How far a role's reach goes from the actor's own place. 'anywhere': the action has no place of its own — a listing
 * that applies reach to each item it lists (inScope), or the deadline sweep.
 */
type Scope = 'community' | 'grid' | 'anywhere'

interface Rule {
  /** The button label, in Chinese, for the pages. */
  label: string
  roles: readonly Role[]
  scope: Scope
  /** Topic stages in which the action is open (topic-bound actions only). */
  stages?: readonly TopicStage[]
  /** Further conditions on the stored subject; null means satisfied. */
  guard?: (s: Subject, now: Date, actor: Actor) => Exclude<Decision, { allowed: true }> | null
}

const deny = <Code extends DenialCode>(code: Code, reason: string) => ({ allowed: false as const, code, reason })

const ALL_ROLES = ROLES satisfies readonly Role[]
/** Everyone bound to a place (department staff are bound to a department, not a community). */
const PLACED_ROLES = ['resident', 'representative', 'grid_worker', 'community_staff', 'township_supervisor', 'county_office'] as const satisfies readonly Role[]

/**
 * A report may join a new topic when it is of the topic's community, not yet triaged, and not held by the content
 * check (or cleared by staff since).
 */
export function reportJoinable(report: Report, communityId: string): boolean {
  return report.communityId === communityId && !report.triagedAt && !(report.heldForReviewAt && !report.clearedAt)
}

function untriaged(s: Subject) {
  if (!s.report) return deny('WRONG_STAGE', '找不到该诉求')
  if (s.report.triage) return deny('ALREADY_DONE', '该诉求已处理')
  return null
}

function resolutionOpen(s: Subject, now: Date) {
  if (!s.resolution) return deny('WRONG_STAGE', '找不到该议决事项')
  const status = resolutionStatus(s.resolution, now)
  if (status === 'done') return deny('ALREADY_DONE', '该事项已办结')
  if (status === 'rejected') return deny('WRONG_STAGE', '该事项未获通过，无需办理')
  if (status === 'awaitingNotice') return deny('WRONG_STAGE', '拟办意见公告期满后才能开始办理公示')
  return null
}

function missingDeliberations(topic: Topic, upTo: number): string[] {
  if (!topic.requiresFourDeliberations) return []
  const recorded = topic.deliberations.map((d) => d.step)
  return FOUR_DELIBERATIONS.slice(0, upTo).filter((step, i) => recorded[i] !== step)
}

function departmentManaged(s: Subject, _now: Date, actor: Actor) {
  return managesDepartment(actor, s.townshipId || null) ? null : deny('OUT_OF_SCOPE', '只能管理本街道的部门')
}

export const ACTION_RULES = {
  submitReport: { label: RESIDENT_ACTION_LABELS.submitReport, roles: REPORTERS, scope: 'community' },
  clearReport: {
    label: '审核通过',
    roles: FIELD_STAFF,
    scope: 'grid',
    guard: (s) => (s.report && reportStatus(s.report) === 'heldForReview' ? null : deny('WRONG_STAGE', '该诉求不在待审核状态')),
  },
  triageReport: {
    label: '分类处理',
    roles: FIELD_STAFF,
    scope: 'grid',
    guard: (s) => untriaged(s) ?? (s.report && reportStatus(s.report) === 'heldForReview' ? deny('WRONG_STAGE', '请先审核该诉求') : null),
  },
  publishTopic: {
    label: '发布议题',
    roles: STAFF,
    scope: 'community',
    // Decided again for each report merged into the topic, inside the publishing transaction.
    guard: (s) => (s.report && !reportJoinable(s.report, s.communityId) ? deny('REPORT_NOT_AVAILABLE', '诉求不存在或已被处理') : null),
  },
  attachReport: {
    label: '并入议题',
    roles: FIELD_STAFF,
    scope: 'grid',
    stages: ['published', 'deliberated'],
    // Attaching is a triage: a report held by the content check joins a topic only once staff have cleared it.
    guard: (s) => untriaged(s) ?? (s.report && reportStatus(s.report) === 'heldForReview' ? deny('WRONG_STAGE', '请先审核该诉求') : null),
  },
  joinTopic: { label: RESIDENT_ACTION_LABELS.joinTopic, roles: RESIDENTS, scope: 'community', stages: ['published'] },
  followTopic: { label: '关注', roles: RESIDENTS, scope: 'community', stages: ['published', 'deliberated', 'noticed', 'handling', 'resultPublished'] },
  supportTopic: { label: '支持/反对', roles: RESIDENTS, scope: 'community', stages: ['published'] },
  postOpinion: { label: RESIDENT_ACTION_LABELS.postOpinion, roles: RESIDENTS, scope: 'community', stages: ['published', 'deliberated', 'noticed'] },
  recordDeliberationStep: {
    label: '记录“四议”',
    roles: STAFF,
    scope: 'community',
    stages: ['published'],
    guard: (s) => {
      const t = s.topic!
      if (!t.requiresFourDeliberations) return deny('WRONG_STAGE', '该议题不适用“四议两公开”')
      if (t.deliberations.length >= 3) return deny('ALREADY_DONE', '前三议已记录，第四议在面对面议事会上决议')
      return null
    },
  },
  recordMeeting: {
    label: '记录议事会',
    roles: STAFF,
    scope: 'community',
    stages: ['published'],
    guard: (s) => {
      const missing = missingDeliberations(s.topic!, 3)
      return missing.length ? deny('FOUR_DELIBERATIONS_INCOMPLETE', '请先按顺序记录“四议”的前三议') : null
    },
  },
  publishNotice: {
    label: '发布拟办意见公告',
    roles: STAFF,
    scope: 'community',
    stages: ['deliberated'],
    guard: (s) => {
      const t = s.topic!
      if (missingDeliberations(t, 4).length) return deny('FOUR_DELIBERATIONS_INCOMPLETE', '“四议”未全部完成，不能公告')
      if (t.quorumMet === false) return deny('NO_PASSED_RESOLUTION', '议事会未达法定人数，决议无效')
      return null
    },
  },
  reviseNotice: {
    label: '修改公告',
    roles: STAFF,
    scope: 'community',
    stages: ['noticed', 'handling'],
    guard: (s) => (s.handlingStarted ? deny('WRONG_STAGE', '已开始公示办理情况，不能再修改公告') : null),
  },
  fileObjection: { label: RESIDENT_ACTION_LABELS.fileObjection, roles: RESIDENTS, scope: 'community', stages: ['noticed'] },
  answerObjection: {
    label: '答复异议',
    roles: STAFF,
    scope: 'community',
    stages: ['noticed', 'handling', 'resultPublished'],
    guard: (s) => (!s.objection ? deny('WRONG_STAGE', '找不到该异议') : s.objection.answer ? deny('ALREADY_DONE', '该异议已答复') : null),
  },
  publishProgress: { label: '公示办理情况', roles: ITEM_HANDLERS, scope: 'community', guard: (s, now) => resolutionOpen(s, now) },
  publishResult: {
    label: '公示办理结果',
    roles: ITEM_HANDLERS,
    scope: 'community',
    guard: (s, now) =>
      resolutionOpen(s, now) ?? (s.topic && s.topic.counts.unansweredObjections > 0 ? deny('OBJECTIONS_UNANSWERED', '还有异议未答复，不能公示结果') : null),
  },
  rateResult: {
    label: '评价',
    roles: RESIDENTS,
    scope: 'community',
    // A meeting item is rated by its community's residents; a 三单 item by the resident who reported it.
    guard: (s, _now, actor) => {
      if (!s.resolution?.resultPublishedAt) return deny('WRONG_STAGE', '结果公示后才能评价')
      return itemSource(s.resolution) !== 'meeting' && s.report?.reporterOpenid !== actor.openid ? deny('FORBIDDEN', '只有反映该问题的居民可以评价') : null
    },
  },
  replyToRating: {
    label: '回复评价',
    roles: [...STAFF, 'department_staff'],
    scope: 'community',
    guard: (s) => {
      if (!s.rating || s.rating.stars > 2) return deny('NOT_LOW_RATING', '只有差评需要公开回复')
      return s.rating.reply ? deny('ALREADY_DONE', '该评价已回复') : null
    },
  },
  recordCallback: {
    label: '记录回访',
    roles: ['community_staff', 'county_office'],
    scope: 'community',
    // 月回访 covers every item decided or completed in a month (src/domain/reports-cycle.ts): one callback per item and
    // list month; a month whose list does not carry the item is refused.
    guard: (s) => {
      const r = s.resolution
      if (!r?.passed) return deny('WRONG_STAGE', '只有通过的决定事项需要回访')
      const month = s.callbackMonth ?? defaultCallbackMonth(r)
      if (!month || !callbackMonthsOf(r).includes(month)) return deny('WRONG_STAGE', '该事项不在这个月的回访清单上')
      return callbackFor(r, month) ? deny('ALREADY_DONE', '该事项本月已回访') : null
    },
  },
  // Published topics are public to their community; staff see them within their reach.
  getTopic: { label: '查看议题', roles: ALL_ROLES, scope: 'community' },
  // 月回访 list: staff who record callbacks and those who supervise them; each item is listed by reach.
  listCallbacks: { label: '查看回访清单', roles: ['community_staff', 'township_supervisor', 'county_office'], scope: 'anywhere' },
  // The sweep runs on its timer (no caller); staff may also start it by hand.
  sweepDeadlines: { label: '手动巡检', roles: ['community_staff', 'township_supervisor', 'county_office'], scope: 'anywhere' },
  // Photos the image check sent to human review (or could not check) are cleared by staff who may see them.
  clearMedia: {
    label: '审核图片',
    roles: [...FIELD_STAFF, 'township_supervisor', 'county_office'],
    scope: 'grid',
    // A 一月一问效 photo is the township's own evidence about a community: the township (or the county) decides it, not
    // the community under review; every other photo is decided by the community's field staff.
    guard: (s, _now, actor) => {
      if (s.media?.status !== 'review') return deny('WRONG_STAGE', '该图片不在待人工审核状态')
      const supervisor = actor.role === 'township_supervisor' || actor.role === 'county_office'
      if (supervisor === (s.media.subject === 'review')) return null
      return deny('FORBIDDEN', supervisor ? '该图片由社区工作人员审核' : '一月一问效的图片由街道或县级审核')
    },
  },
  clearObjection: {
    label: '审核通过',
    roles: STAFF,
    scope: 'community',
    guard: (s) => (s.objection && s.objection.heldForReviewAt && !s.objection.clearedAt ? null : deny('WRONG_STAGE', '该异议不在待审核状态')),
  },
  meTooReport: {
    label: '我也遇到',
    roles: RESIDENTS,
    scope: 'community',
    // On a neighbour's open report that others may see: not one held for review, not one already handled, not one's own.
    guard: (s, _now, actor) => {
      const r = s.report
      if (!r || (r.heldForReviewAt && !r.clearedAt) || r.triagedAt) return deny('WRONG_STAGE', '该诉求不能再附议')
      return r.reporterOpenid === actor.openid ? deny('ALREADY_DONE', '这是你自己反映的问题') : null
    },
  },
  viewPrivateDetails: { label: '查看完整信息', roles: ['community_staff', 'grid_worker', 'township_supervisor', 'county_office'], scope: 'grid' },
  // Set-up and administration (issue 9 §1). Places: the county office creates townships; the county office or the
  // township's supervisor creates its communities; a township is renamed or retired by the county office only.
  createTownship: { label: '新建街道', roles: ['county_office'], scope: 'anywhere' },
  createCommunity: { label: '新建社区', roles: ['county_office', 'township_supervisor'], scope: 'community' },
  renamePlace: {
    label: '改名',
    roles: ['county_office', 'township_supervisor'],
    scope: 'community',
    guard: (s, _now, actor) => (placeManagers(s.placeKind ?? 'community').includes(actor.role) ? null : deny('FORBIDDEN', '街道只能由县级办公室改名或撤销')),
  },
  retirePlace: {
    label: '撤销',
    roles: ['county_office', 'township_supervisor'],
    scope: 'community',
    guard: (s, _now, actor) => (placeManagers(s.placeKind ?? 'community').includes(actor.role) ? null : deny('FORBIDDEN', '街道只能由县级办公室改名或撤销')),
  },
  // Community settings (categories, deliberation day, windows, quorum): read by anyone of the community and the
  // levels above, changed by the community's own staff.
  getCommunitySettings: { label: '查看社区设置', roles: PLACED_ROLES, scope: 'community' },
  updateCommunitySettings: { label: '修改社区设置', roles: STAFF, scope: 'community' },
  // Staff management: each level lists, revokes and unbinds the level right below it (reach: src/domain/admin.ts).
  listStaff: { label: '工作人员', roles: ['county_office', 'township_supervisor', 'community_staff'], scope: 'anywhere' },
  revokeInvitation: { label: '撤回邀请', roles: ['county_office', 'township_supervisor', 'community_staff'], scope: 'anywhere' },
  unbindStaff: { label: '解除岗位', roles: ['county_office', 'township_supervisor', 'community_staff'], scope: 'anywhere' },
  // Issue 12: field staff mark an open report a duplicate of another (the survivor): decided on the duplicate, which
  // must still be untriaged and cleared by the content check, like a triage; the survivor is checked by the action.
  markDuplicate: {
    label: '标记重复',
    roles: FIELD_STAFF,
    scope: 'grid',
    guard: (s) => untriaged(s) ?? (s.report && reportStatus(s.report) === 'heldForReview' ? deny('WRONG_STAGE', '请先审核该诉求') : null),
  },
  // Issue 12 (三单 to the end): the reporter of a 受理自办 / 转交办理 item confirms its published result, once per result.
  confirmResult: {
    label: '确认办理结果',
    roles: RESIDENTS,
    scope: 'community',
    guard: (s, _now, actor) => {
      const r = s.resolution
      if (!r || itemSource(r) === 'meeting' || !r.resultPublishedAt) return deny('WRONG_STAGE', '办结后才能确认办理结果')
      if (s.report?.reporterOpenid !== actor.openid) return deny('FORBIDDEN', '只有反映该问题的居民可以确认')
      const c = r.confirmation
      return c && new Date(c.at).getTime() >= new Date(r.resultPublishedAt).getTime() ? deny('ALREADY_DONE', '已确认过该办理结果') : null
    },
  },
  // Issue 11: a resident who joined may withdraw until the meeting starts (its stored time), never afterwards.
  withdrawJoin: {
    label: RESIDENT_ACTION_LABELS.withdrawJoin,
    roles: RESIDENTS,
    scope: 'community',
    stages: ['published'],
    guard: (s, now) => {
      if (s.topic && now.getTime() >= new Date(s.topic.meetingAt).getTime()) return deny('WRONG_STAGE', '议事会已经开始，不能再取消报名')
      return s.joined ? null : deny('ALREADY_DONE', '你没有报名或已取消报名')
    },
  },
  // Township supervision and the county cycle (issue 12 §3). The workbench and the reports list by reach per item.
  getTownshipOverview: { label: '督办工作台', roles: ['township_supervisor', 'county_office'], scope: 'anywhere' },
  // 督办: the township supervisor acts once on an escalation of a community in the township.
  superviseEscalation: {
    label: '督办',
    roles: ['township_supervisor'],
    scope: 'community',
    guard: (s) => (!s.escalation ? deny('WRONG_STAGE', '找不到该逾期提请') : s.escalation.supervision ? deny('ALREADY_DONE', '该事项已督办') : null),
  },
  // The community answers a supervision once, by its own staff.
  answerSupervision: {
    label: '回复督办',
    roles: STAFF,
    scope: 'community',
    guard: (s) =>
      !s.escalation?.supervision ? deny('WRONG_STAGE', '该事项尚未督办') : s.escalation.supervision.answer ? deny('ALREADY_DONE', '该督办已回复') : null,
  },
  getCountyCycle: { label: '周期报表', roles: ['township_supervisor', 'county_office'], scope: 'anywhere' },
  exportCountyCycle: { label: '导出报表', roles: ['township_supervisor', 'county_office'], scope: 'anywhere' },
  // A community's lists (清单): its staff and grid workers, and the levels above within reach.
  getCommunityList: { label: '社区清单', roles: ['community_staff', 'grid_worker', 'township_supervisor', 'county_office'], scope: 'community' },
  exportCommunityList: { label: '导出清单', roles: ['community_staff', 'grid_worker', 'township_supervisor', 'county_office'], scope: 'community' },
  // 一月一问效: the township supervisor records each community's month; the levels above and the community read it.
  recordMonthlyReview: { label: '一月一问效', roles: ['township_supervisor'], scope: 'community' },
  listMonthlyReviews: { label: '查看一月一问效', roles: ['township_supervisor', 'county_office', 'community_staff'], scope: 'anywhere' },
  // 催办: a reminder to the assignee of an open item, at most once per Beijing day per item (counted on the item).
  urgeItem: {
    label: '催办',
    roles: ['township_supervisor', 'community_staff'],
    scope: 'community',
    guard: (s, now) => {
      const r = s.resolution as (Resolution & { lastUrgedOn?: string | null }) | undefined
      if (!r || !r.passed || r.resultPublishedAt) return deny('WRONG_STAGE', '只有办理中的事项可以催办')
      return r.lastUrgedOn === beijingDateOf(now) ? deny('ALREADY_DONE', '该事项今天已催办') : null
    },
  },
  // Search and share (issue 11): anyone of a community searches its public topics and reports; staff who publish
  // notices make the paper notice's poster.
  searchTopics: { label: '搜索', roles: PLACED_ROLES, scope: 'community' },
  makeNoticePoster: { label: '生成公告海报', roles: STAFF, scope: 'community', stages: ['noticed'] },
  // Issue 12 (departments): the county office registers, renames and retires any department; a township supervisor
  // those of their own township (a county-level department's subject has townshipId '').
  createDepartment: { label: '新建部门', roles: ['county_office', 'township_supervisor'], scope: 'anywhere', guard: departmentManaged },
  renameDepartment: { label: '部门改名', roles: ['county_office', 'township_supervisor'], scope: 'anywhere', guard: departmentManaged },
  retireDepartment: { label: '撤销部门', roles: ['county_office', 'township_supervisor'], scope: 'anywhere', guard: departmentManaged },
  // Staff list the departments they may transfer to or invite; each department is listed by reach (departmentVisibleTo).
  listDepartments: { label: '部门', roles: ['community_staff', 'grid_worker', 'township_supervisor', 'county_office', 'department_staff'], scope: 'anywhere' },
  // A department's inbox: the items transferred to it and the 联席会议 topics it is invited to, its own only.
  listDepartmentItems: { label: '部门待办', roles: ['department_staff'], scope: 'anywhere' },
  // Issue 12: community staff list the 督办 addressed to their own community (to answer them on the 工作台).
  listSupervisions: { label: '街道督办', roles: STAFF, scope: 'community' },
  // 资源清单 (issue 12): community staff keep the roll; a retired entry is no longer edited nor given items.
  saveResource: {
    label: '登记资源',
    roles: STAFF,
    scope: 'community',
    guard: (s) => (s.resource?.retiredAt ? deny('WRONG_STAGE', '该资源已退出，不能修改') : null),
  },
  retireResource: {
    label: '资源退出',
    roles: STAFF,
    scope: 'community',
    guard: (s) => (!s.resource ? deny('WRONG_STAGE', '找不到该资源') : s.resource.retiredAt ? deny('ALREADY_DONE', '该资源已退出') : null),
  },
  listResources: { label: '资源清单', roles: ['community_staff', 'grid_worker', 'township_supervisor', 'county_office'], scope: 'community' },
  // 接单: staff give an open item (passed, not done) to an entry on the roll; its assignee becomes the entry.
  assignItemToResource: {
    label: '接单',
    roles: STAFF,
    scope: 'community',
    guard: (s) => {
      if (!s.resolution || !itemOpen(s.resolution)) return deny('WRONG_STAGE', '只有办理中的事项可以接单')
      return !s.resource || s.resource.retiredAt ? deny('WRONG_STAGE', '该资源不在册') : null
    },
  },
  // 揭榜: staff publish an open item once for a resource to take.
  publishItemForTaking: {
    label: '揭榜',
    roles: STAFF,
    scope: 'community',
    guard: (s) => {
      const r = s.resolution as (Resolution & Takeable) | undefined
      if (!r || !itemOpen(r)) return deny('WRONG_STAGE', '只有办理中的事项可以张榜')
      return r.openForTakingAt ? deny('ALREADY_DONE', '该事项已张榜') : null
    },
  },
  // Taking a published item: staff act for any entry on the roll, a resident only as the registered volunteer; the
  // first taker wins.
  takeItem: {
    label: '揭榜承办',
    roles: ['community_staff', 'resident', 'representative'],
    scope: 'community',
    guard: (s, _now, actor) => {
      const r = s.resolution as (Resolution & Takeable) | undefined
      if (!r || !itemOpen(r) || !r.openForTakingAt) return deny('WRONG_STAGE', '该事项未张榜或已办结')
      if (r.takenAt) return deny('ALREADY_DONE', '该事项已被揭榜')
      if (!s.resource || s.resource.retiredAt) return deny('WRONG_STAGE', '该资源不在册')
      return mayTakeFor(actor, s.resource) ? null : deny('FORBIDDEN', '只有登记为志愿者的居民本人或社区工作人员可以揭榜')
    },
  },
  // 揭榜 list (issue 12): the community's items open for taking, read by its residents and staff (no reporter data).
  listItemsOpenForTaking: { label: '揭榜', roles: TAKING_READERS, scope: 'community' },
  // 资源清单 (issue 12): staff find a resident of their own community to link to a volunteer entry.
  listVolunteerCandidates: { label: '关联居民', roles: STAFF, scope: 'community' },
} as const satisfies Record<string, Rule>

export type ActionName = keyof typeof ACTION_RULES

type GuardCodes<R> = R extends { guard: (...args: never[]) => infer G } ? Extract<G, { code: string }>['code'] : never
type StageCodes<R> = R extends { stages: readonly unknown[] } ? 'WRONG_STAGE' : never
/**
 * Every code `decide(action, …)` can deny with: no caller, wrong role, out of reach, the topic's stage (actions bound
 * to stages) and the codes of the action's own guard. The functions check at compile time that the action's contract
 * declares each of them.
 */
export type DenialCodeOf<A extends ActionName> = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'OUT_OF_SCOPE' | StageCodes<(typeof ACTION_RULES)[A]> | GuardCodes<(typeof ACTION_RULES)[A]>
export const ACTION_NAMES = Object.keys(ACTION_RULES) as ActionName[]

/**
 * Reach: residents, representatives and community staff act in their own community; grid workers in their own grid
 * for grid-scoped work and their community otherwise; the township supervisor across the township's communities;
 * the county office everywhere; department staff only the items whose departmentId is their department and the topics inviting it.
 */
export function inScope(actor: Actor, subject: Pick<Subject, 'communityId' | 'townshipId' | 'gridId' | 'resolution' | 'topic'>, scope: Exclude<Scope, 'anywhere'> = 'community'): boolean {
  switch (actor.role) {
    case 'department_staff':
      // A department member reaches no place: only the items transferred to their department and the 联席会议
      // topics that invite it (the topic alone, not the items decided under it).
      if (!actor.departmentId) return false
      if (subject.resolution) return subject.resolution.departmentId === actor.departmentId
      return !!subject.topic?.invitedDepartmentIds?.includes(actor.departmentId)
    case 'county_office':
      return true
    case 'township_supervisor':
      return actor.townshipId !== null && actor.townshipId === subject.townshipId
    case 'grid_worker':
      if (actor.communityId !== subject.communityId) return false
      return scope !== 'grid' || !subject.gridId || subject.gridId === actor.gridId
    default:
      return actor.communityId !== null && actor.communityId === subject.communityId
  }
}

export function decide(action: ActionName, actor: Actor | null, subject: Subject, now: Date): Decision {
  const rule: Rule = ACTION_RULES[action]
  if (!actor) return deny('UNAUTHENTICATED', '请先登录并加入社区')
  if (!rule.roles.includes(actor.role)) return deny('FORBIDDEN', '当前身份不能进行此操作')
  if (rule.scope !== 'anywhere' && !inScope(actor, subject, rule.scope)) return deny('OUT_OF_SCOPE', '不在你负责的社区或网格范围内')
  if (rule.stages) {
    if (!subject.topic) return deny('WRONG_STAGE', '找不到该议题')
    const stage = topicStage(subject.topic, now)
    if (!rule.stages.includes(stage)) return deny('WRONG_STAGE', `议题当前阶段不能${rule.label}`)
  }
  return rule.guard?.(subject, now, actor) ?? { allowed: true }
}

/** The actions open to this actor on this subject now: the buttons a page shows, the calls the server permits. */
export function allowedActions(actor: Actor | null, subject: Subject, now: Date, among: readonly ActionName[] = ACTION_NAMES): ActionName[] {
  return among.filter((action) => decide(action, actor, subject, now).allowed)
}

/** Actions about a topic as a whole (buttons on the topic page). */
export const TOPIC_ACTIONS = [
  'joinTopic',
  'followTopic',
  'supportTopic',
  'postOpinion',
  'recordDeliberationStep',
  'recordMeeting',
  'publishNotice',
  'reviseNotice',
  'fileObjection',
  'withdrawJoin',
] as const satisfies readonly ActionName[]
export const RESOLUTION_ACTIONS = ['publishProgress', 'publishResult', 'rateResult', 'recordCallback', 'confirmResult'] as const satisfies readonly ActionName[]
export const REPORT_ACTIONS = ['clearReport', 'triageReport', 'attachReport', 'markDuplicate'] as const satisfies readonly ActionName[]

// Issue 9 §4 (privacy and abuse).
/** Who may be named to carry out a decided item: the community's own staff and grid workers (listAssignees offers them). */
export const ASSIGNEE_ROLES = ['community_staff', 'grid_worker'] as const satisfies readonly Role[]

/**
 * Invitations bind staff to a role, issued strictly by the level right above (county → township → community →
 * grid worker / representative); the rule with its place check is src/domain/admin.ts mayInviteTo.
 */
export const INVITABLE_BY: Partial<Record<Role, readonly Role[]>> = INVITES_ONE_LEVEL_DOWN
export function mayInvite(issuer: Actor, role: Role): boolean {
  return (INVITABLE_BY[issuer.role] ?? []).includes(role)
}
