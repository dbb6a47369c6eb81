/**
 * Subscription-message templates. The ids are those of the mini-program's own templates in the WeChat admin console,
 * taken from configuration, never edited here: `templates` in config/deploy.json reaches the functions as the
 * environment variables below (set by the deploy kit, scripts/deploy) and the mini-program as the same names defined
 * at build time (config/index.ts). Unset, the local ids apply; the local CloudBase records sends to its outbox.
 * Field keys follow WeChat's types (thing ≤ 20 chars, phrase ≤ 5 Chinese characters, time). The front end asks for
 * these ids with Taro.requestSubscribeMessage at the taps where WeChat allows it.
 */
export const TEMPLATE_ENV = {
  statusChanged: 'TARO_APP_TEMPLATE_STATUS_CHANGED',
  deadline: 'TARO_APP_TEMPLATE_DEADLINE',
} as const

/** A configured id wins; an absent or blank one keeps the local default. */
function configured(value: string | undefined, fallback: string): string {
  return value && value.trim() ? value.trim() : fallback
}

// Each read is spelled out (not process.env[name]) so the front-end build can replace it with the configured text.
export const MESSAGE_TEMPLATES = {
  /** A resident's report or a followed topic changed: title, new status, time. */
  statusChanged: { id: configured(process.env.TARO_APP_TEMPLATE_STATUS_CHANGED, 'local-tpl-status-changed'), page: 'pages/home/index' },
  /** A deadline reminder or escalation for staff: item, what is due, due time, note. */
  deadline: { id: configured(process.env.TARO_APP_TEMPLATE_DEADLINE, 'local-tpl-deadline'), page: 'pages/home/index' },
} as const
