import { z } from './zod'
import { defineAction } from './action'
import { idSchema, isoSchema } from './common'
import { topicSummaryView } from './topics'

export const boardLineView = z.object({
  key: z.string(),
  label: z.string(),
  items: z.number(),
  done: z.number(),
  disclosuresDue: z.number(),
  disclosuresOnTime: z.number(),
  onTimeRate: z.number().nullable(),
  overdue: z.number(),
  averageDaysToResult: z.number().nullable(),
  list: z.enum(['red', 'black', 'none']),
})
export const overdueItemView = z.object({
  resolutionId: z.string(),
  /** Null for a 三单 item (no topic): open it by resolutionId. */
  topicId: z.string().nullable(),
  title: z.string(),
  assigneeName: z.string(),
  deadline: z.enum(['disclosure', 'handling', 'ratingReply']),
  deadlineLabel: z.string(),
  dueAt: isoSchema,
  escalatedAt: isoSchema.nullable(),
})
export const boardView = z.object({
  community: boardLineView,
  assignees: z.array(boardLineView),
  overdue: z.array(overdueItemView),
})

export const getHomeFeed = defineAction({
  functionName: 'board',
  name: 'getHomeFeed',
  summary: '居民首页一次取齐：各阶段议题、下一个议事日、近期结果、红黑榜',
  audience: '本社区成员；街道督办、县级办公室（指定辖区内社区）',
  input: z.object({ communityId: idSchema.optional() }).strict().optional(),
  output: z.object({
    community: z.object({ id: z.string(), name: z.string() }),
    nextDeliberationDay: z.object({ date: z.string(), startsAt: isoSchema, label: z.string() }),
    byStage: z.object({
      published: z.array(topicSummaryView),
      deliberated: z.array(topicSummaryView),
      noticed: z.array(topicSummaryView),
      handling: z.array(topicSummaryView),
    }),
    recentResults: z.array(topicSummaryView),
    board: boardView,
  }),
  errors: ['NOT_IN_COMMUNITY'],
})

export const getBoard = defineAction({
  functionName: 'board',
  name: 'getBoard',
  summary: '红黑榜：社区与承办人的按时公示率、逾期数、平均办结天数，及逾期督办清单',
  audience: '本社区成员；街道督办、县级办公室（指定辖区内社区）',
  input: z.object({ communityId: idSchema.optional() }).strict().optional(),
  output: z.object({ communityId: z.string(), board: boardView }),
  errors: ['NOT_IN_COMMUNITY'],
})

export const sweepDeadlines = defineAction({
  functionName: 'sweep',
  name: 'sweepDeadlines',
  summary: '定时巡检（每小时）：到期前一天与当天提醒，逾期提请街道督办。只由定时触发器或工作人员手动触发；重复执行不重复发送。',
  audience: '定时触发器；社区工作人员、街道督办、县级办公室可手动执行',
  input: z.object({}).strict().optional(),
  output: z.object({ planned: z.number(), sent: z.number(), escalated: z.number(), skipped: z.number() }),
  errors: [],
})
