import { z } from './zod'
import { defineAction } from './action'
import { matterView } from './matter'
import { categorySchema, geoSchema, idSchema, isoSchema, pageSchema, pendingPhotosView, pendingPhotoIdsView, photosSchema, reportStatusSchema, shortText, timelineEntryView, triageKindSchema } from './common'

export const reportView = z.object({
  id: z.string(),
  text: z.string(),
  category: categorySchema,
  /** The community's label for the category when it is not the default one (a category the community added or renamed). */
  categoryLabel: z.string().optional(),
  photos: z.array(z.string()),
  pendingPhotos: pendingPhotosView,
  pendingPhotoIds: pendingPhotoIdsView,
  location: geoSchema.nullable(),
  submittedAt: isoSchema,
  status: reportStatusSchema,
  statusLabel: z.string(),
  /** Masked unless the caller is staff in scope or the reporter. */
  reporterName: z.string(),
  gridId: z.string(),
  triage: z
    .object({ kind: triageKindSchema, label: z.string(), note: z.string(), department: z.string().nullable(), topicId: z.string().nullable(), byName: z.string() })
    .nullable(),
  timeline: z.array(timelineEntryView),
  allowedActions: z.array(z.string()),
  /** The 三单 item (受理自办 / 转交办理) its triage created: open it with resolutions.getItem. */
  resolutionId: z.string().nullable().optional(),
  /** Marked a duplicate of this report: status, triage and item shown are the survivor's, which its reporter follows. */
  duplicateOf: z.string().nullable().optional(),
  /** 我也遇到 and merged duplicates: how many more residents met the same problem. */
  meTooCount: z.number().optional(),
  mergedCount: z.number().optional(),
  /** Issue 11: the matter's live status, for its reporter (listMyReports, getReport); absent elsewhere. */
  matter: matterView.nullable().optional(),
})
export type ReportView = z.infer<typeof reportView>

/** A neighbour's report as the nearby hint shows it, with its 我也遇到 count. */
export const nearbyReportView = z.object({
  id: z.string(),
  category: categorySchema,
  /** The community's label for the category when it is not the default one (a category the community added or renamed). */
  categoryLabel: z.string().optional(),
  statusLabel: z.string(),
  /** 50米内 / 200米内 / 500米内: never the exact distance. */
  distanceBand: z.string(),
  /** The first characters of the report, redacted, every digit masked. */
  summary: z.string(),
  submittedAt: isoSchema,
  meTooCount: z.number(),
  meTooByMe: z.boolean(),
})
export type NearbyReportView = z.infer<typeof nearbyReportView>

export const submitReport = defineAction({
  functionName: 'reports',
  name: 'submitReport',
  summary: '随手拍：提交诉求（照片、位置、分类、一句话）。同一 clientRequestId 重试只生成一条。',
  input: z.object({
    clientRequestId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
    text: shortText(200, '诉求内容'),
    category: categorySchema,
    photos: photosSchema,
    location: geoSchema.nullable(),
  }).strict(),
  output: z.object({
    report: reportView,
    /** True when this request id was already submitted: the earlier report is returned. */
    duplicateRequest: z.boolean(),
    /**
     * Neighbours' open reports of the same category nearby: possibly the same problem. Never the caller's own, never
     * one held for review; shown as a resident may see it (no text, phone or house number, a distance band).
     */
    similarNearby: z.array(nearbyReportView),
  }),
  errors: ['CONTENT_RISKY', 'NOT_IN_COMMUNITY', 'UNKNOWN_CATEGORY', 'RATE_LIMITED'],
})

export const listMyReports = defineAction({
  functionName: 'reports',
  name: 'listMyReports',
  summary: '我的诉求及处理进度',
  audience: '已登录用户（只看本人）',
  input: pageSchema.strict().optional(),
  output: z.object({ reports: z.array(reportView) }),
  errors: [],
})

export const getReport = defineAction({
  functionName: 'reports',
  name: 'getReport',
  summary: '一条诉求的详情与时间线（本人或辖区工作人员）',
  audience: '诉求人本人；辖区网格员、社区工作人员、街道督办、县级办公室',
  input: z.object({ reportId: idSchema }).strict(),
  output: z.object({ report: reportView }),
  errors: [],
})

export const listTriageInbox = defineAction({
  functionName: 'reports',
  name: 'listTriageInbox',
  summary: '待分类处理的诉求（网格员看本网格，社区工作人员看全社区）',
  audience: '网格员（本网格）、社区工作人员（本社区）',
  input: pageSchema.strict().optional(),
  output: z.object({ reports: z.array(reportView) }),
  errors: [],
})

export const clearReport = defineAction({
  functionName: 'reports',
  name: 'clearReport',
  summary: '人工审核通过一条被内容安全标记为“待审核”的诉求',
  input: z.object({ reportId: idSchema }).strict(),
  output: z.object({ report: reportView }),
  errors: ['WRONG_STAGE'],
})

export const triageReport = defineAction({
  functionName: 'reports',
  name: 'triageReport',
  summary: '分类处理诉求：回复解释 / 受理自办 / 转交部门（纳入议题见 publishTopic、attachReport）。受理自办须指定承办人，转交办理须选定已登记的部门（account.listDepartments），二者都须给出办理期限，并生成一项按 7 日公示期限办理的事项',
  input: z.object({
    reportId: idSchema,
    kind: z.enum(['reply', 'handle', 'transfer']),
    note: shortText(500, '处理说明'),
    /**
     * 转交办理 names a registered department (account.listDepartments): open, county-level or of the community's
     * township (UNKNOWN_DEPARTMENT otherwise). There is no free-text department: a transferred item must land in a
     * department's inbox. Reports triaged before this rule keep the name they stored (reportView.triage.department).
     */
    departmentId: idSchema.optional(),
    /** 定人: one of account.listAssignees (the community's staff and grid workers); required for 受理自办. */
    assigneeOpenid: z.string().min(1).max(64).optional(),
    /** 限时: a Beijing date (YYYY-MM-DD), today or later; required for 受理自办 and 转交办理. */
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').optional(),
  }).strict()
    .refine((v) => v.kind !== 'transfer' || !!v.departmentId, { message: '转交办理须写明部门', path: ['departmentId'] })
    .refine((v) => v.kind !== 'handle' || !!v.assigneeOpenid, { message: '受理自办须指定承办人', path: ['assigneeOpenid'] })
    .refine((v) => v.kind === 'reply' || !!v.dueDate, { message: '受理自办、转交办理须写明办理期限', path: ['dueDate'] }),
  output: z.object({ report: reportView }),
  errors: ['WRONG_STAGE', 'ALREADY_DONE', 'UNKNOWN_ASSIGNEE', 'INVALID_DUE_DATE', 'UNKNOWN_DEPARTMENT'],
})

export const meTooReport = defineAction({
  functionName: 'reports',
  name: 'meTooReport',
  summary: '我也遇到：在附近的相同问题上 +1（每人每条一次，重复点击不重复计数）',
  audience: '同社区居民、居民代表（不能对自己的诉求）',
  input: z.object({ reportId: idSchema }).strict(),
  output: z.object({ reportId: z.string(), meTooCount: z.number(), meTooByMe: z.boolean() }),
  errors: ['WRONG_STAGE', 'ALREADY_DONE', 'RATE_LIMITED'],
})

export const markDuplicate = defineAction({
  functionName: 'reports',
  name: 'markDuplicate',
  summary: '标记重复诉求：与另一条同类诉求合并处理，两条互相关联，重复诉求的反映人随主诉求获知进展',
  audience: '网格员（本网格）、社区工作人员（本社区）',
  input: z.object({ reportId: idSchema, ofReportId: idSchema }).strict(),
  output: z.object({ report: reportView, of: reportView }),
  errors: ['WRONG_STAGE', 'ALREADY_DONE', 'NOT_DUPLICABLE'],
})
