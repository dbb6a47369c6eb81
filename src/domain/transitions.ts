import type { CommunitySettings, Resolution } from './model'
import { nextDisclosureDueAt } from './disclosure'

/**
 * Transitions one action causes beyond its own write. Pure: the functions apply what these return.
 */

/**
 * Step 4 (结果公开): a topic's result is published when the last of its passed items has its result. Items the
 * meeting rejected need none; a topic whose items were all rejected has nothing left to publish.
 */
export function topicResultDue(items: readonly Pick<Resolution, 'passed' | 'resultPublishedAt'>[]): boolean {
  return items.every((s) => !s.passed || s.resultPublishedAt)
}

export type CallbackOutcome = 'fixed' | 'not_fixed'

/**
 * 月回访: the callback is recorded against the list month it answers (the month the item was decided or completed).
 * On a completed item "not fixed" reopens it: its result is withdrawn (and with it the topic's), the disclosure clock
 * runs again from the callback, and the item stays open until its own time limit, or until the next disclosure is owed
 * if that limit has already passed. On an item still being handled the finding is recorded and nothing reopens.
 */
export function callbackTransition(
  item: Pick<Resolution, 'resultPublishedAt' | 'dueAt'>,
  callback: { month: string; outcome: CallbackOutcome; note: string; by: string; method?: 'phone' | 'visit' | null; reached?: string | null },
  now: Date,
  settings: Pick<CommunitySettings, 'disclosurePeriodDays'>,
): { patch: Partial<Resolution>; withdrawsTopicResult: boolean } {
  // How and whom (issue 12) are kept when given; a callback without them reads them as null (list-callbacks).
  const record = { month: callback.month, outcome: callback.outcome, note: callback.note, at: now, by: callback.by, ...(callback.method ? { method: callback.method } : {}), ...(callback.reached ? { reached: callback.reached } : {}) }
  if (callback.outcome === 'fixed' || !item.resultPublishedAt) return { patch: { callback: record }, withdrawsTopicResult: false }
  const nextDue = nextDisclosureDueAt(now, settings)
  return {
    patch: {
      callback: record,
      resultPublishedAt: null,
      reopenedAt: now,
      disclosureDueAt: nextDue,
      openDueAt: item.dueAt.getTime() > now.getTime() ? item.dueAt : nextDue,
    },
    withdrawsTopicResult: true,
  }
}

/**
 * The reporter confirms a 三单 item's result (已解决 / 未解决). 已解决 is recorded and closes nothing further. 未解决
 * reopens the item like a callback that found it not fixed: the result is withdrawn, the disclosure clock runs again
 * from the confirmation, and the item stays open until its own time limit, or until the next disclosure is owed if
 * that limit has already passed.
 */
export function confirmTransition(
  item: Pick<Resolution, 'dueAt'>,
  confirmation: { solved: boolean; by: string },
  now: Date,
  settings: Pick<CommunitySettings, 'disclosurePeriodDays'>,
): Partial<Resolution> {
  const record = { solved: confirmation.solved, at: now, by: confirmation.by }
  if (confirmation.solved) return { confirmation: record }
  const nextDue = nextDisclosureDueAt(now, settings)
  return {
    confirmation: record,
    resultPublishedAt: null,
    reopenedAt: now,
    disclosureDueAt: nextDue,
    openDueAt: item.dueAt.getTime() > now.getTime() ? item.dueAt : nextDue,
  }
}
