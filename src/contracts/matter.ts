import { z } from './zod'
import { isoSchema, topicStageSchema } from './common'

/**
 * Issue 11: what a report's matter is doing now, for its reporter (我的诉求). A report taken into a topic follows the
 * topic: its step, meeting, notice deadline, each decided item's result, rating and callback. A report handled by
 * triage (受理自办 handle / 转交办理 transfer) shows the triage and its department; its 三单 handling (dispatch, grid
 * order, completion) belongs in `handling`, which stays null until that work lands.
 */
export const matterView = z.object({
  kind: z.enum(['topic', 'reply', 'handle', 'transfer']),
  topic: z
    .object({
      id: z.string(),
      title: z.string(),
      stage: topicStageSchema,
      stageLabel: z.string(),
      meetingAt: isoSchema,
      meetingPlace: z.string(),
      heldAt: isoSchema.nullable(),
      noticeClosesAt: isoSchema.nullable(),
      resultPublishedAt: isoSchema.nullable(),
      items: z.array(
        z.object({
          title: z.string(),
          statusLabel: z.string(),
          resultPublishedAt: isoSchema.nullable(),
          averageRating: z.number().nullable(),
          ratingCount: z.number(),
          callback: z.object({ month: z.string(), outcome: z.enum(['fixed', 'not_fixed']), note: z.string(), at: isoSchema }).nullable(),
        }),
      ),
    })
    .nullable(),
  department: z.string().nullable(),
  /** 三单 handling of a handle/transfer report (to be filled by that work); null for now. */
  handling: z.null(),
})
export type MatterView = z.infer<typeof matterView>
