import { z } from './zod'
import { defineAction } from './action'
import { fileIdSchema } from './common'

/** The image check (security.mediaCheckAsync) of every photo residents and staff publish. */

export const MEDIA_CHECK_STATUSES = ['pending', 'pass', 'risky', 'review', 'removed'] as const
export const mediaCheckStatusSchema = z.enum(MEDIA_CHECK_STATUSES)

/**
 * The verdict WeChat pushes through 消息推送 (event type wxa_media_check) to the media function. It is a platform
 * event, not an action: it has no `action`, the router recognises its shape, and only the platform may deliver it.
 * The platform's own fields (ToUserName, FromUserName, CreateTime, detail…) are accepted and ignored.
 */
export const mediaCheckEventSchema = z.looseObject({
  MsgType: z.literal('event').optional(),
  Event: z.literal('wxa_media_check'),
  trace_id: z.string().min(1).max(128),
  result: z.looseObject({ suggest: z.enum(['pass', 'risky', 'review']), label: z.number().optional() }),
})

/** What the media function answers a verdict event with (the platform ignores the answer; tests read it). */
export interface MediaVerdictAnswer {
  applied: boolean
  status: (typeof MEDIA_CHECK_STATUSES)[number] | null
}

export const clearMedia = defineAction({
  functionName: 'media',
  name: 'clearMedia',
  summary: '工作人员审核检测结果为“需人工复审”（或检测不可用）的图片：pass 公开，remove 移除并删除文件、告知上传人',
  audience: '社区工作人员、网格员（本社区的诉求、异议、公示图片）；街道督办、县级办公室（辖区内一月一问效的图片）',
  input: z.object({ fileId: fileIdSchema, verdict: z.enum(['pass', 'remove']) }).strict(),
  output: z.object({ fileId: z.string(), status: mediaCheckStatusSchema }),
  errors: ['WRONG_STAGE'],
})
