import { initCloud } from './router'
import { formatBeijing } from '../../src/domain/calendar'
import { MESSAGE_TEMPLATES } from '../../src/contracts/messages'

/** Fits a text into a template field's limit (thing: 20 characters). */
export function clip(text: string, max = 20): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/**
 * Tells a person through a subscription message. A resident who has not subscribed makes WeChat refuse (43101):
 * that is logged, never fails the action that triggered it.
 */
export async function notify(touser: string | null | undefined, kind: keyof typeof MESSAGE_TEMPLATES, fields: { title: string; status: string; note?: string; at: Date }): Promise<boolean> {
  if (!touser) return false
  const template = MESSAGE_TEMPLATES[kind]
  const phrase = Array.from(fields.status.replace(/[^\u4e00-\u9fa5]/g, '')).slice(0, 5).join('') || '有更新'
  try {
    await initCloud().openapi.subscribeMessage.send({
      touser,
      templateId: template.id,
      page: template.page,
      data: {
        thing1: { value: clip(fields.title) },
        phrase2: { value: phrase },
        // Shown to people in China as wall time: Beijing, not the function's UTC clock.
        time3: { value: formatBeijing(fields.at, 'YYYY-MM-DD HH:mm') },
        thing4: { value: clip(fields.note ?? fields.status) },
      },
    })
    return true
  } catch (err) {
    console.warn(`subscribeMessage to ${touser.slice(0, 6)}… not sent:`, (err as Error).message)
    return false
  }
}
