import { z } from './zod'
import { defineAction } from './action'
import { idSchema, isoSchema, pendingPhotosView, pendingPhotoIdsView, photosSchema, shortText } from './common'
import { boardLineView } from './board'

/** The township supervisor's workbench (督办) and the county office's cycle (月回访 / 季盘点 / 年总结). */

export const supervisionView = z.object({
  at: isoSchema,
  byName: z.string(),
  note: z.string(),
  replyDueAt: isoSchema,
  replyOverdue: z.boolean(),
  answer: z.object({ text: z.string(), at: isoSchema, byName: z.string() }).nullable(),
  /** Issue 12: when the sweep sent it, unanswered past its reply due date, to the county office; null until then. */
  escalatedToCountyAt: isoSchema.nullable().optional(),
})
export const escalationView = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  resolutionId: z.string(),
  topicId: z.string().nullable(),
  deadline: z.string(),
  dueAt: isoSchema,
  escalatedAt: isoSchema,
  text: z.string(),
  supervision: supervisionView.nullable(),
  allowedActions: z.array(z.string()),
})

export const getTownshipOverview = defineAction({
  functionName: 'supervision',
  name: 'getTownshipOverview',
  summary: '街道督办工作台：辖区各社区与承办人的红黑榜排名，及待督办、待回复的逾期事项',
  audience: '街道督办（本街道）；县级办公室（指定街道或全县）',
  input: z.object({ townshipId: idSchema.optional() }).strict().optional(),
  output: z.object({
    communities: z.array(boardLineView),
    assignees: z.array(boardLineView),
    escalations: z.array(escalationView),
  }),
  errors: [],
})

const escalationOut = z.object({ escalation: escalationView })

export const superviseEscalation = defineAction({
  functionName: 'supervision',
  name: 'superviseEscalation',
  summary: '督办：对逾期提请的事项下达督办意见，社区须在 3 个工作日内回复',
  audience: '街道督办（本街道社区）',
  input: z.object({ escalationId: idSchema, note: shortText(500, '督办意见') }).strict(),
  output: escalationOut,
  errors: ['WRONG_STAGE', 'ALREADY_DONE'],
})

export const answerSupervision = defineAction({
  functionName: 'supervision',
  name: 'answerSupervision',
  summary: '社区回复街道督办意见',
  audience: '社区工作人员（本社区）',
  input: z.object({ escalationId: idSchema, text: shortText(1000, '督办回复') }).strict(),
  output: escalationOut,
  errors: ['WRONG_STAGE', 'ALREADY_DONE'],
})

const cycleKind = z.enum(['month', 'quarter', 'year'])
const cyclePeriod = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, '期间格式为 2026、2026-Q2 或 2026-05')
const cycleInput = z
  .object({ kind: cycleKind, period: cyclePeriod })
  .strict()
  .refine((v) => (v.kind === 'year' ? /^\d{4}$/ : v.kind === 'quarter' ? /^\d{4}-Q[1-4]$/ : /^\d{4}-\d{2}$/).test(v.period), { message: '期间与类型不符', path: ['period'] })

/** A report as sheets: each sheet a title, its column headers and its rows (what the screen and the xlsx show alike). */
export const sheetView = z.object({ name: z.string(), columns: z.array(z.string()), rows: z.array(z.array(z.union([z.string(), z.number()]))) })

export const getCountyCycle = defineAction({
  functionName: 'supervision',
  name: 'getCountyCycle',
  summary: '县级周期报表：月回访清单（上月决定或办结的全部事项，20 日前回访）、季盘点、年总结',
  audience: '县级办公室（全县）；街道督办（本街道）',
  input: cycleInput,
  output: z.object({
    kind: cycleKind,
    period: z.string(),
    headline: z.string(),
    /** Plain bars for the screen: label, value and the share of the largest (0–1). */
    bars: z.array(z.object({ label: z.string(), value: z.number(), share: z.number() })),
    sheets: z.array(sheetView),
  }),
  errors: [],
})

export const exportCountyCycle = defineAction({
  functionName: 'supervision',
  name: 'exportCountyCycle',
  summary: '导出县级周期报表为 xlsx（写入云存储，返回临时链接）',
  audience: '县级办公室（全县）；街道督办（本街道）',
  input: cycleInput,
  output: z.object({ fileID: z.string(), tempFileURL: z.string(), rows: z.number() }),
  errors: ['EXPORT_FAILED'],
})

const listInput = {
  /** The community: staff their own; township and county staff name one in reach. */
  communityId: idSchema.optional(),
  list: z.enum(['reports', 'plan', 'tasks', 'resources']),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 2026-05'),
}

export const getCommunityList = defineAction({
  functionName: 'supervision',
  name: 'getCommunityList',
  summary: '社区清单（按月）：需求清单/问题清单、议事计划、任务清单/决议清单、资源清单',
  audience: '社区工作人员、网格员（本社区）；街道督办、县级办公室（指定辖区内社区）',
  input: z.object(listInput).strict(),
  output: z.object({ communityId: z.string(), communityName: z.string(), title: z.string(), sheets: z.array(sheetView) }),
  errors: ['NOT_IN_COMMUNITY'],
})

export const exportCommunityList = defineAction({
  functionName: 'supervision',
  name: 'exportCommunityList',
  summary: '导出社区清单为 xlsx 或 csv（写入云存储，返回临时链接）',
  audience: '社区工作人员、网格员（本社区）；街道督办、县级办公室（指定辖区内社区）',
  input: z.object({ ...listInput, format: z.enum(['xlsx', 'csv']) }).strict(),
  output: z.object({ fileID: z.string(), tempFileURL: z.string(), rows: z.number() }),
  errors: ['NOT_IN_COMMUNITY', 'EXPORT_FAILED'],
})

export const urgeItem = defineAction({
  functionName: 'supervision',
  name: 'urgeItem',
  summary: '催办：提醒承办人尽快办理（每项每天至多一次，计入催办次数）',
  audience: '街道督办（本街道）；社区工作人员（本社区）',
  input: z.object({ resolutionId: idSchema, note: shortText(200, '催办说明').optional() }).strict(),
  output: z.object({ resolutionId: z.string(), urgeCount: z.number(), lastUrgedOn: z.string(), notified: z.number() }),
  errors: ['WRONG_STAGE', 'ALREADY_DONE'],
})

/** 一月一问效: the township's monthly evaluation of each community (评价, 实地察看, 照片); one per community per month. */
export const REVIEW_EVALUATIONS = ['excellent', 'good', 'fair', 'poor'] as const
const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 2026-05')
const reviewEntryView = z.object({
  evaluation: z.enum(REVIEW_EVALUATIONS),
  evaluationLabel: z.string(),
  notes: z.string(),
  photos: z.array(z.string()),
  /** Of the photos, those still under the image check (审核中): given only to their supervisor and the staff who decide them. */
  pendingPhotos: pendingPhotosView,
  pendingPhotoIds: pendingPhotoIdsView,
  byName: z.string(),
  at: isoSchema,
})
export const monthlyReviewView = z.object({
  communityId: z.string(),
  communityName: z.string(),
  month: z.string(),
  review: reviewEntryView.nullable(),
  /** Earlier versions of this month's record, newest first: a corrected record keeps what it replaced. */
  revisions: z.array(reviewEntryView),
  allowedActions: z.array(z.string()),
})

export const recordMonthlyReview = defineAction({
  functionName: 'supervision',
  name: 'recordMonthlyReview',
  summary: '一月一问效：街道对社区的月度评价、实地察看记录与照片（每社区每月一份，修改保留历史）',
  audience: '街道督办（本街道社区）',
  input: z
    .object({ communityId: idSchema, month: monthSchema, evaluation: z.enum(REVIEW_EVALUATIONS), notes: shortText(1000, '察看记录'), photos: photosSchema.default([]) })
    .strict(),
  output: z.object({ review: monthlyReviewView }),
  errors: ['NOT_IN_COMMUNITY'],
})

export const listMonthlyReviews = defineAction({
  functionName: 'supervision',
  name: 'listMonthlyReviews',
  summary: '一月一问效：某月各社区的评价记录（街道、县级看辖区，社区看本社区）',
  audience: '街道督办、县级办公室（辖区内社区）；社区工作人员（本社区）',
  input: z.object({ month: monthSchema }).strict(),
  output: z.object({ month: z.string(), reviews: z.array(monthlyReviewView) }),
  errors: [],
})

/** Issue 12: the 督办 addressed to the caller's community, those still owing an answer first (the staff 工作台). */
export const listSupervisions = defineAction({
  functionName: 'supervision',
  name: 'listSupervisions',
  summary: '本社区收到的街道督办：待回复的在前（含回复期限与是否逾期），社区在工作台上回复',
  audience: '社区工作人员（本社区）',
  input: z.object({}).strict().optional(),
  output: z.object({ escalations: z.array(escalationView) }),
  errors: [],
})

// ——— 资源清单: the community's units, Party members and volunteers; 接单 and 揭榜 (issue 12) ———

export const resourceKindSchema = z.enum(['unit', 'party_member', 'volunteer'])
export const resourceView = z.object({
  id: z.string(),
  communityId: z.string(),
  name: z.string(),
  kind: resourceKindSchema,
  kindLabel: z.string(),
  offer: z.string(),
  /** Staff only: every caller of the resource actions is staff. */
  contact: z.string(),
  /** The volunteer is a registered resident (may take 揭榜 items in person). */
  registeredVolunteer: z.boolean(),
  retiredAt: isoSchema.nullable(),
  allowedActions: z.array(z.string()),
})

export const saveResource = defineAction({
  functionName: 'supervision',
  name: 'saveResource',
  summary: '资源清单：登记或修改本社区的单位、党员、志愿者及其可提供的服务（志愿者可关联一名本社区居民）',
  audience: '社区工作人员（本社区）',
  input: z
    .object({
      /** Absent: a new entry; present: the entry to edit. */
      resourceId: idSchema.optional(),
      name: shortText(60, '名称'),
      kind: resourceKindSchema,
      offer: shortText(300, '可提供的服务'),
      contact: shortText(60, '联系方式'),
      /** A volunteer who is a resident of the community: their openid (from the community's residents). */
      volunteerOpenid: z.string().min(1).max(128).nullable().optional(),
    })
    .strict(),
  output: z.object({ resource: resourceView }),
  errors: ['WRONG_STAGE', 'NOT_IN_COMMUNITY'],
})

export const retireResource = defineAction({
  functionName: 'supervision',
  name: 'retireResource',
  summary: '资源清单：资源退出（不再接单，保留已承办的事项）',
  audience: '社区工作人员（本社区）',
  input: z.object({ resourceId: idSchema }).strict(),
  output: z.object({ resource: resourceView }),
  errors: ['WRONG_STAGE', 'ALREADY_DONE'],
})

export const listResources = defineAction({
  functionName: 'supervision',
  name: 'listResources',
  summary: '资源清单：本社区在册（可含已退出）的资源，含联系方式',
  audience: '社区工作人员、网格员（本社区）；街道督办、县级办公室（指定辖区内社区）',
  input: z.object({ communityId: idSchema.optional(), includeRetired: z.boolean().default(false) }).strict(),
  output: z.object({ communityId: z.string(), resources: z.array(resourceView), allowedActions: z.array(z.string()) }),
  errors: ['NOT_IN_COMMUNITY'],
})

const takenOut = z.object({ resolutionId: z.string(), resourceId: z.string(), assigneeName: z.string() })

export const assignItemToResource = defineAction({
  functionName: 'supervision',
  name: 'assignItemToResource',
  summary: '接单：把办理中的事项交给资源清单中的单位、党员或志愿者承办（承办人改为该资源）',
  audience: '社区工作人员（本社区）',
  input: z.object({ resolutionId: idSchema, resourceId: idSchema }).strict(),
  output: takenOut,
  errors: ['WRONG_STAGE'],
})

export const publishItemForTaking = defineAction({
  functionName: 'supervision',
  name: 'publishItemForTaking',
  summary: '揭榜：把办理中的事项张榜，由资源清单中的单位、党员或志愿者揭榜承办（先揭先得）',
  audience: '社区工作人员（本社区）',
  input: z.object({ resolutionId: idSchema, /** What the item needs from a taker (shown on the 揭榜 page). */ need: shortText(200, '需要的帮助').optional() }).strict(),
  output: z.object({ resolutionId: z.string(), openForTakingAt: isoSchema }),
  errors: ['WRONG_STAGE', 'ALREADY_DONE'],
})

export const takeItem = defineAction({
  functionName: 'supervision',
  name: 'takeItem',
  summary: '揭榜承办：社区工作人员代资源揭榜，或登记为志愿者的居民本人揭榜；先揭者得，后来者答 ALREADY_DONE',
  audience: '社区工作人员（代资源）、登记为志愿者的居民本人（本社区）',
  input: z.object({ resolutionId: idSchema, resourceId: idSchema }).strict(),
  output: takenOut,
  errors: ['WRONG_STAGE', 'ALREADY_DONE'],
})

/** 揭榜 list (issue 12): the community's items published for taking and not yet taken, as residents see them. */
export const openItemView = z.object({
  id: z.string(),
  /** The item's title, redacted (a 三单 item's title is its reporter's words: no phone or house number). */
  title: z.string(),
  sourceLabel: z.string(),
  /** What the item needs from a taker, as staff wrote it when publishing ('' when none). */
  need: z.string(),
  dueAt: isoSchema,
  openForTakingAt: isoSchema,
  /** takeItem when the caller may take it (the registered volunteer in person, or staff). */
  allowedActions: z.array(z.string()),
})

export const listItemsOpenForTaking = defineAction({
  functionName: 'supervision',
  name: 'listItemsOpenForTaking',
  summary: '揭榜：本社区已张榜、尚未被揭榜的办理事项（标题、所需帮助、办理期限、张榜时间；不含诉求人信息），及本人登记的志愿者身份',
  audience: '居民、居民代表、网格员、社区工作人员（本社区）',
  input: z.object({}).strict().optional(),
  output: z.object({
    communityId: z.string(),
    items: z.array(openItemView),
    /** The caller's own volunteer entry on the roll (to take items in person); null when not registered. */
    myVolunteer: z.object({ id: z.string(), name: z.string() }).nullable(),
  }),
  errors: ['NOT_IN_COMMUNITY'],
})

/**
 * 资源清单 (issue 12): the residents of the caller's community that staff may link to a volunteer entry (the one safe
 * way to name a volunteer's openid in saveResource), found by name.
 */
export const listVolunteerCandidates = defineAction({
  functionName: 'supervision',
  name: 'listVolunteerCandidates',
  summary: '资源清单：按姓名查找本社区的居民（含居民代表），供登记志愿者时关联本人（关联后可本人揭榜）',
  audience: '社区工作人员（本社区）',
  input: z.object({ name: z.string().trim().max(20).default('') }).strict(),
  output: z.object({ residents: z.array(z.object({ openid: z.string(), displayName: z.string(), roleLabel: z.string() })), more: z.boolean() }),
  errors: ['NOT_IN_COMMUNITY'],
})
