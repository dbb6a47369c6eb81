import { z } from './zod'
import { TRIAGE_KINDS, FOUR_DELIBERATIONS } from '../domain/model'
import { TOPIC_STAGES, RESOLUTION_STATUSES, REPORT_STATUSES } from '../domain/stages'
import { ROLES } from '../domain/roles'

/** Shared pieces of the action contracts. Limits are part of the contract: oversized input is refused, not cut. */
export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确')
/** An instant on the wire (ISO 8601). Bounded like every input string: a date is never more than a few dozen characters. */
export const isoSchema = z.string().max(40, '时间格式不正确')
export const fileIdSchema = z.string().min(1).max(512).regex(/^cloud:\/\//, '图片须先上传到云存储')
export const photosSchema = z.array(fileIdSchema).max(9, '最多 9 张图片')
/**
 * Of a view's photos, those still awaiting the image check or staff review (shown 审核中). Only their uploader and
 * staff in scope receive them; everyone else receives neither these nor their fileIDs.
 */
export const pendingPhotosView = z.array(z.string()).optional()
/** The same held photos by their fileIDs (cloud://…, not turned into temporary URLs): what media.clearMedia takes. */
export const pendingPhotoIdsView = z.array(z.string()).optional()
export const shortText = (max: number, label: string) => z.string().trim().min(1, `${label}不能为空`).max(max, `${label}最多 ${max} 字`)
/**
 * A category id: the community's list is the source of truth (src/domain/admin.ts), the long-standing ids stay valid;
 * the functions check the id is open in the community.
 */
export const categorySchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '分类编号格式不正确')
export const triageKindSchema = z.enum(TRIAGE_KINDS)
export const deliberationStepSchema = z.enum(FOUR_DELIBERATIONS)
export const topicStageSchema = z.enum(TOPIC_STAGES)
export const resolutionStatusSchema = z.enum(RESOLUTION_STATUSES)
export const reportStatusSchema = z.enum(REPORT_STATUSES)
export const geoSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().trim().max(100),
})
export const pageSchema = z.object({ limit: z.number().int().min(1).max(50).default(20), offset: z.number().int().min(0).max(10000).default(0) })

export const timelineEntryView = z.object({ at: isoSchema, kind: z.string(), text: z.string() })
export const countsView = z.object({
  joined: z.number(),
  followed: z.number(),
  support: z.number(),
  oppose: z.number(),
  opinions: z.number(),
  objections: z.number(),
  unansweredObjections: z.number(),
})

export const roleSchema = z.enum(ROLES)
