import { initCloud } from './router'
import { database, findAll, isDuplicate, newId, pairId } from './db'
import { readIn, type Tx } from './pipeline'
import { formatBeijing } from '../../src/domain/calendar'
import { MESSAGE_TEMPLATES, TEMPLATE_KEYS, grantKeyOf, pageOf, type ItemLink, type TemplateKey } from '../../src/contracts/messages'

/** Fits a text into a template field's limit (thing: 20 characters). */
export function clip(text: string, max = 20): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/**
 * The one switch for long-term subscriptions (granted to 政务民生 and a few other categories after approval): set
 * SUBSCRIPTION_LONG_TERM=true in the functions' environment and sends are no longer counted against grants (the user
 * still has to have accepted the template once; WeChat refuses otherwise).
 */
export const LONG_TERM_ENV = 'SUBSCRIPTION_LONG_TERM'
export function longTermSubscriptions(): boolean {
  return /^(1|true|yes)$/i.test(process.env.SUBSCRIPTION_LONG_TERM ?? '')
}

/** A user's grants for one template, as the server counts them (server-only collection subscription_grants). */
interface Grant {
  _id: string
  openid: string
  template: TemplateKey
  remaining: number
  updatedAt: Date
}
const GRANTS = 'subscription_grants'
const grantId = (openid: string, template: TemplateKey) => pairId('sg', openid, template)

/** Why a subscription message did or did not go out, as the notification records it. */
export type MessageOutcome = 'sent' | 'noGrant' | 'refused' | 'failed'

/**
 * Records acceptances: each accepted template gains one send (one acceptance in requestSubscribeMessage = one
 * message). The increment is a single-document update, so concurrent taps each count. The client's word is not
 * the last one: WeChat itself refuses a send it holds no grant for (43101), which is then recorded as refused.
 */
export async function addGrants(openid: string, accepted: readonly TemplateKey[], now: Date): Promise<void> {
  const _ = database().command
  const grants = database().collection(GRANTS)
  // One request accepts a template at most once (WeChat lists each id once), so repeats in the list count once;
  // kinds sharing a template id share its grants (grantKeyOf).
  for (const template of new Set(accepted.map(grantKeyOf))) {
    const id = grantId(openid, template)
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await grants.where({ _id: id }).update({ data: { remaining: _.inc(1), updatedAt: now } })
      if (res.stats.updated === 1) break
      try {
        await grants.add({ data: { _id: id, openid, template, remaining: 1, updatedAt: now } satisfies Grant })
        break
      } catch (err) {
        if (!isDuplicate(err)) throw err // a twin tap created it first: increment it instead
      }
    }
  }
}

/** The user's sends left per template ('long-term' when the switch is on). */
export async function grantsOf(openid: string): Promise<Record<string, number | 'long-term'>> {
  if (longTermSubscriptions()) return Object.fromEntries(TEMPLATE_KEYS.map((k) => [k, 'long-term' as const]))
  const out: Record<string, number | 'long-term'> = Object.fromEntries(TEMPLATE_KEYS.map((k) => [k, 0]))
  const held = new Map((await findAll<Grant>(GRANTS, { openid }, { limit: 20 })).map((g) => [g.template, g.remaining]))
  for (const k of TEMPLATE_KEYS) out[k] = held.get(grantKeyOf(k)) ?? 0
  return out
}

/** Spends one grant, in a transaction (read and decrement together): false when none is left. */
async function spendGrant(openid: string, template: TemplateKey, now: Date): Promise<boolean> {
  let spent = false
  await database().runTransaction(async (tx: Tx) => {
    const id = grantId(openid, template)
    const grant = await readIn<Grant>(tx, GRANTS, id)
    spent = !!grant && grant.remaining >= 1
    if (spent) await tx.collection(GRANTS).doc(id).update({ data: { remaining: grant!.remaining - 1, updatedAt: now } })
  })
  return spent
}

/** Gives back a grant WeChat did not use (a send that failed for another reason than the user's refusal). */
async function refundGrant(openid: string, template: TemplateKey, now: Date): Promise<void> {
  const _ = database().command
  await database().collection(GRANTS).where({ _id: grantId(openid, template) }).update({ data: { remaining: _.inc(1), updatedAt: now } })
}

export interface NotifyFields {
  title: string
  status: string
  note?: string
  /** The moment the message is about (the event, or the deadline). */
  at: Date
  /** The item the message and the notification open (the home page when absent). */
  link?: ItemLink | null
}

/**
 * Tells a person about an event. Every event is stored for them in the notification centre (collection
 * notifications), whether or not a subscription message can go out. The message goes out only with a grant: one
 * is spent per send (unless long-term subscriptions are switched on); without one nothing is sent and the
 * notification records why. A refused or failed send is logged and recorded, never fails the action that triggered it.
 */
export async function notify(touser: string | null | undefined, kind: TemplateKey, fields: NotifyFields): Promise<boolean> {
  if (!touser) return false
  const now = new Date()
  const template = MESSAGE_TEMPLATES[kind]
  const page = pageOf(fields.link)
  const phrase = Array.from(fields.status.replace(/[^\u4e00-\u9fa5]/g, '')).slice(0, 5).join('') || '有更新'
  const counted = !longTermSubscriptions()
  let outcome: MessageOutcome = 'noGrant'
  let errcode: number | null = null
  try {
    if (!counted || (await spendGrant(touser, grantKeyOf(kind), now))) {
      try {
        await initCloud().openapi.subscribeMessage.send({
          touser,
          templateId: template.id,
          page,
          data: {
            thing1: { value: clip(fields.title) },
            phrase2: { value: phrase },
            // Shown to people in China as wall time: Beijing, not the function's UTC clock.
            time3: { value: formatBeijing(fields.at, 'YYYY-MM-DD HH:mm') },
            thing4: { value: clip(fields.note ?? fields.status) },
          },
        })
        outcome = 'sent'
      } catch (err) {
        errcode = Number((err as { errCode?: unknown }).errCode) || null
        outcome = errcode === 43101 ? 'refused' : 'failed'
        console.warn(`subscribeMessage to ${touser.slice(0, 6)}… not sent:`, (err as Error).message)
        // 43101: WeChat holds no grant (our count was ahead of it), so there is nothing to give back.
        if (counted && outcome === 'failed') await refundGrant(touser, grantKeyOf(kind), now)
      }
    }
  } catch (err) {
    outcome = 'failed'
    console.warn(`subscribeMessage to ${touser.slice(0, 6)}… not sent:`, (err as Error).message)
  }
  await recordNotification({ openid: touser, template: kind, fields, page, outcome, errcode, now })
  return outcome === 'sent'
}

/** A stored notification (server-only collection notifications): what the person sees under 消息. */
export interface NotificationDoc {
  _id: string
  openid: string
  template: TemplateKey
  title: string
  status: string
  note: string | null
  at: Date
  page: string
  createdAt: Date
  readAt: Date | null
  message: MessageOutcome
  errcode: number | null
}

async function recordNotification(n: { openid: string; template: TemplateKey; fields: NotifyFields; page: string; outcome: MessageOutcome; errcode: number | null; now: Date }): Promise<void> {
  const doc: NotificationDoc = {
    _id: newId('nt'),
    openid: n.openid,
    template: n.template,
    title: n.fields.title,
    status: n.fields.status,
    note: n.fields.note ?? null,
    at: n.fields.at,
    page: n.page,
    createdAt: n.now,
    readAt: null,
    message: n.outcome,
    errcode: n.errcode,
  }
  try {
    await database().collection('notifications').add({ data: doc })
  } catch (err) {
    console.error(`notification for ${n.openid.slice(0, 6)}… not stored:`, (err as Error).message)
  }
}
