import { z } from './zod'
import { isoSchema, topicStageSchema } from './common'
import { callbackView } from './topics'

/**
 * Issue 11: what a report's matter is doing now, for its reporter (我的诉求). A report taken into a topic follows the
 * topic: its step, meeting, notice deadline, each decided item's result, rating and callback. A report handled by
 * triage (受理自办 handle / 转交办理 transfer) shows the triage, its department and its 三单 item (`handling`).
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
          callback: callbackView.nullable(),
          callbacks: z.array(callbackView),
        }),
      ),
    })
    .nullable(),
  department: z.string().nullable(),
  /** The 三单 item of a handle/transfer report (受理自办 / 转交办理): who answers for it, by when, and where it stands. */
  handling: z
    .object({
      resolutionId: z.string(),
      assigneeName: z.string(),
      dueAt: isoSchema,
      statusLabel: z.string(),
      disclosures: z.number(),
      resultPublishedAt: isoSchema.nullable(),
      confirmed: z.enum(['solved', 'unsolved']).nullable(),
    })
    .nullable(),
})
export type MatterView = z.infer<typeof matterView>
