import { z } from './zod'
import { defineAction } from './action'
import { idSchema, isoSchema, photosSchema, shortText } from './common'
import { resolutionView } from './topics'

const resolutionOut = z.object({ resolution: resolutionView })
const FLOW_ERRORS = ['WRONG_STAGE', 'ALREADY_DONE'] as const

export const publishProgress = defineAction({
  functionName: 'resolutions',
  name: 'publishProgress',
  summary: '公示办理情况：每次公示后重新计算下一次公示期限（默认 7 天）',
  input: z.object({ resolutionId: idSchema, text: shortText(1000, '办理情况'), photos: photosSchema.default([]) }).strict(),
  output: resolutionOut,
  errors: [...FLOW_ERRORS],
})

export const publishResult = defineAction({
  functionName: 'resolutions',
  name: 'publishResult',
  summary: '第四步：公示办理结果（须先答复全部异议）',
  input: z.object({ resolutionId: idSchema, text: shortText(1000, '办理结果'), photos: photosSchema.default([]) }).strict(),
  output: resolutionOut,
  errors: [...FLOW_ERRORS, 'OBJECTIONS_UNANSWERED', 'CONFLICT'],
})

export const rateResult = defineAction({
  functionName: 'resolutions',
  name: 'rateResult',
  summary: '居民对办理结果打分（1–5，可修改）；2 分及以下须在期限内公开回复',
  input: z.object({ resolutionId: idSchema, stars: z.number().int().min(1).max(5), comment: z.string().trim().max(300).default('') }).strict(),
  output: resolutionOut,
  errors: [...FLOW_ERRORS, 'CONTENT_RISKY'],
})

export const replyToRating = defineAction({
  functionName: 'resolutions',
  name: 'replyToRating',
  summary: '公开回复一条差评',
  input: z.object({ ratingId: idSchema, text: shortText(500, '回复') }).strict(),
  output: resolutionOut,
  errors: [...FLOW_ERRORS, 'NOT_LOW_RATING'],
})

/** How a 月回访 was made (issue 12): by phone or on site. */
export const CALLBACK_METHODS = ['phone', 'visit'] as const
export const CALLBACK_METHOD_LABELS: Record<(typeof CALLBACK_METHODS)[number], string> = { phone: '电话', visit: '实地' }

export const callbackItemView = z.object({
  resolutionId: z.string(),
  /** Null for a 三单 item (no topic): open it by resolutionId. */
  topicId: z.string().nullable(),
  title: z.string(),
  assigneeName: z.string(),
  /** Null for an item decided in the month and still being handled. */
  resultPublishedAt: isoSchema.nullable(),
  decidedAt: isoSchema.nullable(),
  /** Why the item is on the month's list: decided in it, completed in it, or both. */
  reason: z.enum(['decided', 'completed', 'both']),
  callbackDueAt: isoSchema,
  callback: z
    .object({
      outcome: z.enum(['fixed', 'not_fixed']),
      note: z.string(),
      at: isoSchema,
      // Issue 12: how the callback was made and who was reached; null on callbacks recorded before they were asked.
      method: z.enum(CALLBACK_METHODS).nullable().optional(),
      reached: z.string().nullable().optional(),
    })
    .nullable(),
})

export const listCallbacks = defineAction({
  functionName: 'resolutions',
  name: 'listCallbacks',
  summary: '月回访：上月决定或办结的事项清单（议事决议与三单事项，每月 20 日前回访）',
  audience: '社区工作人员、街道督办、县级办公室',
  input: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional() }).strict().optional(),
  output: z.object({ month: z.string(), callbackDueAt: isoSchema, items: z.array(callbackItemView) }),
  errors: [],
})

export const recordCallback = defineAction({
  functionName: 'resolutions',
  name: 'recordCallback',
  summary: '记录某月回访的结果（电话/实地、回访对象）；已办结事项“未解决”则重新打开并重启公示期限',
  input: z
    .object({
      resolutionId: idSchema,
      outcome: z.enum(['fixed', 'not_fixed']),
      note: shortText(500, '回访记录'),
      // Issue 12: 电话 / 实地 and who was reached (the page asks for both; optional for callers written before).
      method: z.enum(CALLBACK_METHODS).optional(),
      reached: shortText(50, '回访对象').optional(),
      // The 月回访 list month the callback answers (the list page sends the month it shows); default: the result's
      // month once done, else the month the item was decided.
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(),
    })
    .strict(),
  output: resolutionOut,
  errors: [...FLOW_ERRORS],
})

// ----- Issue 12: 三单 items (受理自办 / 转交办理) to the end -----

export const confirmResult = defineAction({
  functionName: 'resolutions',
  name: 'confirmResult',
  summary: '诉求人确认办理结果：已解决，或未解决（重新打开该事项并重启公示期限）',
  audience: '反映该问题的居民（受理自办、转交办理事项）',
  input: z.object({ resolutionId: idSchema, solved: z.boolean() }).strict(),
  output: resolutionOut,
  errors: [...FLOW_ERRORS, 'CONFLICT'],
})

export const getItem = defineAction({
  functionName: 'resolutions',
  name: 'getItem',
  summary: '一项办理事项（议事决议或受理自办、转交办理）的详情：公示、结果、确认与评价',
  audience: '辖区工作人员；议事决议为本社区居民，受理自办、转交办理为反映该问题的居民',
  input: z.object({ resolutionId: idSchema }).strict(),
  output: resolutionOut,
  errors: [],
})

// ----- Issue 12: a department's inbox -----

export const departmentItemView = z.object({
  id: z.string(),
  title: z.string(),
  communityId: z.string(),
  assigneeName: z.string(),
  dueAt: isoSchema,
  disclosureDueAt: isoSchema.nullable(),
  resultPublishedAt: isoSchema.nullable(),
  /** 办理中 or 已办结. */
  done: z.boolean(),
})
export const departmentTopicView = z.object({ id: z.string(), title: z.string(), communityId: z.string(), meetingAt: isoSchema, meetingPlace: z.string() })

export const listDepartmentItems = defineAction({
  functionName: 'resolutions',
  name: 'listDepartmentItems',
  summary: '部门待办：转交本部门办理的事项（未办结在前、按公示期限排序）与邀请本部门参加的联席会议议题',
  audience: '部门工作人员（本部门）',
  input: z.object({}).strict().optional(),
  output: z.object({ departmentId: z.string(), items: z.array(departmentItemView), topics: z.array(departmentTopicView) }),
  errors: [],
})
