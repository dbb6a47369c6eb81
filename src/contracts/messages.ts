/**
 * Subscription-message templates. The ids are those of the mini-program's own templates in the WeChat admin console;
 * replace these two ids before deploying; the local CloudBase records sends to its outbox. Field keys follow WeChat's types (thing ≤ 20 chars, phrase ≤ 5
 * Chinese characters, time). The front end asks for these ids with Taro.requestSubscribeMessage at the taps
 * where WeChat allows it.
 */
export const MESSAGE_TEMPLATES = {
  /** A resident's report or a followed topic changed: title, new status, time. */
  statusChanged: { id: 'local-tpl-status-changed', page: 'pages/home/index' },
  /** A deadline reminder or escalation for staff: item, what is due, due time, note. */
  deadline: { id: 'local-tpl-deadline', page: 'pages/home/index' },
} as const
