import { z } from './zod'
import { defineAction } from './action'
import {
  categorySchema, countsView, deliberationStepSchema, idSchema, isoSchema, pageSchema, pendingPhotosView, pendingPhotoIdsView, photosSchema, resolutionStatusSchema,
  shortText, topicStageSchema,
} from './common'

export const flowStepView = z.object({ step: z.number(), done: z.boolean() })

export const topicSummaryView = z.object({
  id: z.string(),
  title: z.string(),
  category: categorySchema,
  /** The community's label for the category when it is not the default one (a category the community added or renamed). */
  categoryLabel: z.string().optional(),
  stage: topicStageSchema,
  stageLabel: z.string(),
  flow: flowStepView,
  meetingAt: isoSchema,
  meetingPlace: z.string(),
  publishedAt: isoSchema,
  noticeClosesAt: isoSchema.nullable(),
  resultPublishedAt: isoSchema.nullable(),
  counts: countsView,
})
export type TopicSummaryView = z.infer<typeof topicSummaryView>

export const disclosureView = z.object({ at: isoSchema, dueAt: isoSchema, onTime: z.boolean(), text: z.string(), photos: z.array(z.string()), pendingPhotos: pendingPhotosView, pendingPhotoIds: pendingPhotoIdsView, final: z.boolean() })
export const ratingView = z.object({
  id: z.string(),
  raterName: z.string(),
  stars: z.number(),
  comment: z.string(),
  at: isoSchema,
  replyDueAt: isoSchema.nullable(),
  reply: z.object({ text: z.string(), at: isoSchema }).nullable(),
  allowedActions: z.array(z.string()),
})
/** A 月回访 callback as residents and staff read it on an item: the list month it answers, the finding, its note. */
export const callbackView = z.object({ month: z.string(), outcome: z.enum(['fixed', 'not_fixed']), note: z.string(), at: isoSchema })
export const resolutionView = z.object({
  id: z.string(),
  /** Null for a 三单 item (受理自办 / 转交办理), which has no topic. */
  topicId: z.string().nullable(),
  title: z.string(),
  vote: z.object({ for: z.number(), against: z.number(), abstain: z.number() }),
  passed: z.boolean(),
  assigneeName: z.string(),
  dueAt: isoSchema,
  status: resolutionStatusSchema,
  statusLabel: z.string(),
  disclosureDueAt: isoSchema.nullable(),
  disclosures: z.array(disclosureView),
  resultPublishedAt: isoSchema.nullable(),
  averageRating: z.number().nullable(),
  ratingCount: z.number(),
  ratings: z.array(ratingView),
  myRating: z.number().nullable(),
  /** The latest callback (月回访). */
  callback: callbackView.nullable(),
  /** Every callback, one per 月回访 list month the item was on, oldest month first. */
  callbacks: z.array(callbackView),
  allowedActions: z.array(z.string()),
  // Issue 12 (三单 items): where the item came from, its report, and the reporter's confirmation of the result.
  source: z.enum(['meeting', 'handle', 'transfer']).optional(),
  sourceLabel: z.string().optional(),
  reportId: z.string().nullable().optional(),
  confirmation: z.object({ solved: z.boolean(), at: isoSchema }).nullable().optional(),
  // Issue 12 (揭榜): published for taking (when, what it needs) and, once taken, when (the taker is the assignee).
  taking: z.object({ openForTakingAt: isoSchema, need: z.string(), takenAt: isoSchema.nullable() }).nullable().optional(),
})
export type ResolutionView = z.infer<typeof resolutionView>

export const noticeView = z.object({ revision: z.number(), text: z.string(), publishedAt: isoSchema, closesAt: isoSchema, reason: z.string().nullable() })
export const objectionView = z.object({
  id: z.string(),
  authorName: z.string(),
  text: z.string(),
  at: isoSchema,
  noticeRevision: z.number(),
  answer: z.object({ text: z.string(), at: isoSchema }).nullable(),
  /** Held by the content check until staff clear it: then only its author and staff see it. */
  heldForReview: z.boolean().optional(),
  allowedActions: z.array(z.string()),
})

export const topicDetailView = topicSummaryView.extend({
  description: z.string(),
  invitees: z.array(z.string()),
  requiresFourDeliberations: z.boolean(),
  deliberations: z.array(z.object({ step: deliberationStepSchema, label: z.string(), at: isoSchema, note: z.string() })),
  heldAt: isoSchema.nullable(),
  minutes: z.string().nullable(),
  attendance: z.object({ households: z.number(), invitedHouseholds: z.number() }).nullable(),
  quorumMet: z.boolean().nullable(),
  meetingPhotos: z.array(z.string()),
  pendingMeetingPhotos: pendingPhotosView,
  pendingMeetingPhotoIds: pendingPhotoIdsView,
  notice: noticeView.nullable(),
  noticeHistory: z.array(noticeView),
  resolutions: z.array(resolutionView),
  objections: z.array(objectionView),
  opinions: z.array(z.object({ authorName: z.string(), text: z.string(), at: isoSchema })),
  reports: z.array(z.object({ id: z.string(), text: z.string(), photos: z.array(z.string()), pendingPhotos: pendingPhotosView, pendingPhotoIds: pendingPhotoIdsView, submittedAt: isoSchema })),
  timeline: z.array(z.object({ at: isoSchema, type: z.string(), summary: z.string() })),
  me: z.object({ joined: z.boolean(), followed: z.boolean(), stance: z.enum(['support', 'oppose']).nullable() }),
  allowedActions: z.array(z.string()),
})
export type TopicDetailView = z.infer<typeof topicDetailView>

const topicRef = z.object({ topicId: idSchema })
const topicOut = z.object({ topic: topicDetailView })
const FLOW_ERRORS = ['WRONG_STAGE', 'ALREADY_DONE'] as const

export const publishTopic = defineAction({
  functionName: 'topics',
  name: 'publishTopic',
  summary: '第一步：发布议题（可并入多条诉求）；议事时间默认为社区下一个议事日；可邀请部门参加（联席会议，departmentIds）',
  input: z.object({
    title: shortText(60, '议题标题'),
    description: shortText(2000, '议题说明'),
    category: categorySchema,
    reportIds: z.array(idSchema).max(50).default([]),
    meetingAt: isoSchema.optional(),
    meetingPlace: shortText(100, '议事地点'),
    invitees: z.array(shortText(40, '受邀人')).max(40).default([]),
    requiresFourDeliberations: z.boolean().default(false),
    clientRequestId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
    /** 联席会议: registered, open departments (account.listDepartments) invited too; each sees the topic in its inbox. */
    departmentIds: z.array(idSchema).max(20).optional(),
  }).strict(),
  output: topicOut,
  errors: ['REPORT_NOT_AVAILABLE', 'INVALID_MEETING_TIME', 'UNKNOWN_CATEGORY', 'UNKNOWN_DEPARTMENT'],
})

export const attachReport = defineAction({
  functionName: 'topics',
  name: 'attachReport',
  summary: '把一条诉求并入已发布的议题',
  input: z.object({ topicId: idSchema, reportId: idSchema }).strict(),
  output: topicOut,
  errors: [...FLOW_ERRORS],
})

export const getTopic = defineAction({
  functionName: 'topics',
  name: 'getTopic',
  summary: '议题详情：四步进度、议事记录、公告、异议、议决事项、评价与时间线（公开视图脱敏）',
  audience: '本社区成员；辖区工作人员',
  input: topicRef.strict(),
  output: topicOut,
  errors: [],
})

export const listTopics = defineAction({
  functionName: 'topics',
  name: 'listTopics',
  summary: '本社区的议题（可按阶段筛选）',
  audience: '已加入社区者（本社区）',
  input: pageSchema.extend({ stage: topicStageSchema.optional() }).strict().optional(),
  output: z.object({ topics: z.array(topicSummaryView) }),
  errors: [],
})

export const joinTopic = defineAction({ functionName: 'topics', name: 'joinTopic', summary: '报名参加面对面议事', input: topicRef.strict(), output: topicOut, errors: [...FLOW_ERRORS] })
export const followTopic = defineAction({
  functionName: 'topics',
  name: 'followTopic',
  summary: '关注或取消关注议题',
  input: topicRef.extend({ follow: z.boolean() }).strict(),
  output: topicOut,
  errors: [...FLOW_ERRORS],
})
export const supportTopic = defineAction({
  functionName: 'topics',
  name: 'supportTopic',
  summary: '表态支持或反对议题（可更改）',
  input: topicRef.extend({ stance: z.enum(['support', 'oppose']) }).strict(),
  output: topicOut,
  errors: [...FLOW_ERRORS],
})
export const postOpinion = defineAction({
  functionName: 'topics',
  name: 'postOpinion',
  summary: '发表意见（经内容安全检测）',
  input: topicRef.extend({ text: shortText(300, '意见') }).strict(),
  output: topicOut,
  errors: [...FLOW_ERRORS, 'CONTENT_RISKY', 'RATE_LIMITED'],
})

export const recordDeliberationStep = defineAction({
  functionName: 'topics',
  name: 'recordDeliberationStep',
  summary: '“四议两公开”：按顺序记录党组织提议、两委会商议、党员大会审议',
  input: topicRef.extend({ step: deliberationStepSchema, note: shortText(500, '记录') }).strict(),
  output: topicOut,
  errors: [...FLOW_ERRORS, 'OUT_OF_ORDER'],
})

export const resolutionInput = z.object({
  title: shortText(100, '议决事项'),
  vote: z.object({ for: z.number().int().min(0).max(100000), against: z.number().int().min(0).max(100000), abstain: z.number().int().min(0).max(100000) }),
  assigneeName: shortText(20, '承办人'),
  assigneeOpenid: z.string().max(64).nullable().default(null),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
})

export const recordMeeting = defineAction({
  functionName: 'topics',
  name: 'recordMeeting',
  summary: '第二步：记录面对面议事会（到会户数、纪要、照片、各项决议的表决、承办人与期限）',
  input: topicRef.extend({
    heldAt: isoSchema.optional(),
    attendance: z.object({ households: z.number().int().min(0).max(100000), invitedHouseholds: z.number().int().min(1).max(100000) }),
    minutes: shortText(5000, '会议纪要'),
    photos: photosSchema.default([]),
    resolutions: z.array(resolutionInput).min(1, '至少一项议决事项').max(20),
  }).strict(),
  output: topicOut,
  errors: [...FLOW_ERRORS, 'FOUR_DELIBERATIONS_INCOMPLETE', 'INVALID_DUE_DATE', 'CONFLICT', 'UNKNOWN_ASSIGNEE'],
})

export const publishNotice = defineAction({
  functionName: 'topics',
  name: 'publishNotice',
  summary: '第三步：发布拟办意见公告，开启异议期（天数默认取社区设置）',
  input: topicRef.extend({ text: shortText(3000, '公告内容'), objectionWindowDays: z.number().int().min(1).max(30).optional() }).strict(),
  output: topicOut,
  errors: [...FLOW_ERRORS, 'FOUR_DELIBERATIONS_INCOMPLETE', 'NO_PASSED_RESOLUTION', 'CONFLICT'],
})

export const reviseNotice = defineAction({
  functionName: 'topics',
  name: 'reviseNotice',
  summary: '修改拟办意见公告：保留历史版本并重新计算异议期',
  input: topicRef.extend({
    text: shortText(3000, '公告内容'),
    reason: shortText(300, '修改原因'),
    /** The revision the editor is revising (as shown to them): if another revision was published since, CONFLICT. */
    revision: z.number().int().min(1).max(10000).optional(),
  }).strict(),
  output: topicOut,
  errors: [...FLOW_ERRORS, 'CONFLICT'],
})

export const fileObjection = defineAction({
  functionName: 'topics',
  name: 'fileObjection',
  summary: '对拟办意见提出异议（公告期内）',
  input: topicRef.extend({ text: shortText(500, '异议内容') }).strict(),
  output: topicOut,
  errors: [...FLOW_ERRORS, 'CONTENT_RISKY', 'RATE_LIMITED'],
})

export const answerObjection = defineAction({
  functionName: 'topics',
  name: 'answerObjection',
  summary: '公开答复一条异议',
  input: z.object({ objectionId: idSchema, text: shortText(1000, '答复') }).strict(),
  output: topicOut,
  errors: [...FLOW_ERRORS],
})


export const clearObjection = defineAction({
  functionName: 'topics',
  name: 'clearObjection',
  summary: '人工审核通过一条被内容安全标记为“待审核”的异议（通过后其他居民可见）',
  audience: '社区工作人员（本社区）',
  input: z.object({ objectionId: idSchema }).strict(),
  output: topicOut,
  errors: ['WRONG_STAGE'],
})

// Issue 11: withdrawing a join before the meeting (after it: WRONG_STAGE; not joined: ALREADY_DONE).
export const withdrawJoin = defineAction({ functionName: 'topics', name: 'withdrawJoin', summary: '议事会开始前取消报名', input: topicRef.strict(), output: topicOut, errors: [...FLOW_ERRORS] })

// Issue 11: 我关注的 — the topics the caller follows or joined (only those they may still read), newest first.
export const listFollowedTopics = defineAction({
  functionName: 'topics',
  name: 'listFollowedTopics',
  summary: '我关注的：本人关注或报名的议题（最新在前），注明是否已报名',
  audience: '已登录用户（只看本人）',
  input: pageSchema.strict().optional(),
  output: z.object({ topics: z.array(z.object({ topic: topicSummaryView, joined: z.boolean(), followed: z.boolean() })) }),
  errors: [],
})
// Search and the notice poster (issue 11, second half).

/** A neighbour's report as a search finds it: no name, no photo, no place; its text redacted with every digit masked. */
export const searchReportView = z.object({
  id: z.string(),
  category: categorySchema,
  statusLabel: z.string(),
  summary: z.string(),
  submittedAt: isoSchema,
  /** The topic it joined, when staff made it part of one. */
  topicId: z.string().nullable(),
})
export type SearchReportView = z.infer<typeof searchReportView>

export const searchTopics = defineAction({
  functionName: 'topics',
  name: 'searchTopics',
  summary: '按关键词（标题、说明、诉求内容）、分类和阶段搜索本社区的议题和诉求，分页',
  audience: '已加入社区者（本社区）',
  input: z
    .object({
      /** Words separated by spaces; every word must occur (in the title or description of a topic, the text of a report). */
      words: z.string().trim().max(30).default(''),
      category: categorySchema.optional(),
      stage: topicStageSchema.optional(),
      limit: z.number().int().min(1).max(20).default(10),
      offset: z.number().int().min(0).max(200).default(0),
    })
    .strict(),
  output: z.object({
    topics: z.array(topicSummaryView),
    /** Reports only when no stage is asked for (a stage is a topic's). */
    reports: z.array(searchReportView),
    /** True when another page has more topics or reports. */
    more: z.boolean(),
  }),
  errors: [],
})

/** What the staff page draws the paper notice's poster from: the notice, its objection deadline and the code. */
export const noticePosterView = z.object({
  topicId: z.string(),
  title: z.string(),
  noticeText: z.string(),
  noticeRevision: z.number(),
  closesAt: isoSchema,
  /** The objection deadline in Beijing time, as printed: 2026年12月15日 23:59 */
  closesLabel: z.string(),
  /** The mini-program code (wxacode.getUnlimited, scene = the topic id, page = the topic page), stored as a PNG. */
  codeFileId: z.string(),
  /** A temporary link to the code image, for drawing it. */
  codeUrl: z.string(),
  page: z.string(),
  scene: z.string(),
})
export type NoticePosterView = z.infer<typeof noticePosterView>

export const makeNoticePoster = defineAction({
  functionName: 'topics',
  name: 'makeNoticePoster',
  summary: '为公告中的拟办意见生成张贴海报素材：公告全文、异议截止时间和打开该议题的小程序码',
  audience: '社区工作人员（本社区，公告期内）',
  input: topicRef.strict(),
  output: z.object({ poster: noticePosterView }),
  errors: ['NOT_FOUND', 'WRONG_STAGE', 'CODE_UNAVAILABLE'],
})
