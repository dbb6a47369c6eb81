/**
 * Issue 12: the 月回访 clock. From the 15th (Beijing) the county office is reminded once of last month's callbacks
 * not yet recorded; after the 20th each item still not called back is escalated once — an escalation record (shown on
 * the township and county workbench) and a message to the township's supervisors and the county office. The items
 * are read through index ranges on the month (result published, decided, handling from), only from the 15th on; the
 * rules are src/domain/reminders.ts plannedCallbackSends; each send is claimed in the ledger like the other clocks.
 */
import { database, findAll, isDuplicate } from '../_shared/db'
import { notify } from '../_shared/notify'
import { itemsTouchingMonth } from '../_shared/callback-items'
import type { ItemLink } from '../../src/contracts/messages'
import type { Resolution } from '../../src/domain/model'
import { beijingDateOf, beijingMonthOf, previousMonth } from '../../src/domain/calendar'
import type { CycleItem } from '../../src/domain/reports-cycle'
import { CALLBACK_REMIND_FROM_DAY, callbackSendText, plannedCallbackSends, type PlannedCallbackSend } from '../../src/domain/reminders'
import { claim, type SweepResult } from './sweep'

async function openidsOf(where: Record<string, string>): Promise<string[]> {
  return (await findAll<{ openid: string }>('users', where, { limit: 50 })).map((u) => u.openid)
}

async function deliver(send: PlannedCallbackSend, items: Map<string, Resolution>, now: Date): Promise<void> {
  const text = callbackSendText(send)
  const county = await openidsOf({ role: 'county_office' })
  if (send.kind === 'remindBefore') {
    for (const openid of county) await notify(openid, 'deadline', { title: `${send.month} 月回访`, status: '回访将到期', note: text, at: send.dueAt, link: null })
    return
  }
  const row = send.rows[0]!
  const item = items.get(row.resolutionId)!
  const link: ItemLink = item.topicId ? { kind: 'staffTopic', id: item.topicId } : { kind: 'staffItem', id: item._id }
  // The escalation is a record like the deadline sweep's: its id is the send key, so it is stored once.
  await database()
    .collection('escalations')
    .add({ data: { _id: send.key, communityId: item.communityId, townshipId: item.townshipId, resolutionId: item._id, ratingId: null, topicId: item.topicId ?? null, deadline: 'callback', dueAt: send.dueAt, escalatedAt: now, text } })
    .catch((err: Error) => {
      if (!isDuplicate(err)) throw err
    })
  const township = await openidsOf({ townshipId: item.townshipId, role: 'township_supervisor' })
  for (const openid of new Set([...township, ...county])) await notify(openid, 'deadline', { title: item.title, status: '回访已逾期', note: text, at: send.dueAt, link })
}

/** Adds its sends to the run's counts (a reminder as sent, an item's escalation as escalated, a ledger hit as skipped). */
export async function runCallbackClock(now: Date, result: SweepResult): Promise<void> {
  if (Number(beijingDateOf(now).slice(8, 10)) < CALLBACK_REMIND_FROM_DAY) return
  const items = await itemsTouchingMonth(previousMonth(beijingMonthOf(now)), 10000)
  const sends = plannedCallbackSends(now, items as unknown as CycleItem[])
  if (!sends.length) return
  const _ = database().command
  const done = new Set<string>()
  for (let i = 0; i < sends.length; i += 500) {
    const keys = sends.slice(i, i + 500).map((s) => s.key)
    for (const e of await findAll<{ _id: string }>('sweep_ledger', { _id: _.in(keys), state: 'sent' }, { limit: 500 })) done.add(e._id)
  }
  const byId = new Map(items.map((r) => [r._id, r]))
  result.planned += sends.length
  for (const send of sends) {
    if (done.has(send.key) || !(await claim(send.key, now))) {
      result.skipped++
      continue
    }
    await deliver(send, byId, now)
    await database().collection('sweep_ledger').doc(send.key).update({ data: { state: 'sent', sentAt: now } })
    if (send.kind === 'escalate') result.escalated++
    else result.sent++
  }
}
