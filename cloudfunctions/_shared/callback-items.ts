import { database, findAll } from './db'
import type { Resolution } from '../../src/domain/model'
import { monthRange, type BeijingMonth } from '../../src/domain/calendar'

/**
 * The candidates for month M's 月回访 list (items decided or completed in M: src/domain/reports-cycle.ts
 * callbackReason), read through the month's index ranges on the three milestones — result published, decided, and
 * handling from (old items without decidedAt) — each item once.
 */
export async function itemsTouchingMonth(month: BeijingMonth, limit: number): Promise<Resolution[]> {
  const _ = database().command
  const range = monthRange(month)
  const inMonth = _.gte(range.from).and(_.lte(range.to))
  const byId = new Map<string, Resolution>()
  for (const field of ['resultPublishedAt', 'decidedAt', 'handlingFrom']) {
    for (const r of await findAll<Resolution>('resolutions', { [field]: inMonth }, { limit })) byId.set(r._id, r)
  }
  return [...byId.values()]
}
