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
  // Issue 11: optional; unset in production (statusChanged configured) they share statusChanged's template.
  meeting: 'TARO_APP_TEMPLATE_MEETING',
  notice: 'TARO_APP_TEMPLATE_NOTICE',
  result: 'TARO_APP_TEMPLATE_RESULT',
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
  // Issue 11: what 报名/关注 lead to. Each may have its own template; where only statusChanged is configured they go
  // through that one (same field layout), and then share its grants (WeChat counts grants per template id).
  /** A joined meeting is tomorrow / today: topic, 议事提醒, meeting time, place. */
  meeting: { id: configured(process.env.TARO_APP_TEMPLATE_MEETING, configured(process.env.TARO_APP_TEMPLATE_STATUS_CHANGED, 'local-tpl-meeting')), page: 'pages/home/index' },
  /** A followed topic's proposal notice is out: topic, 公告中, objection deadline, note. */
  notice: { id: configured(process.env.TARO_APP_TEMPLATE_NOTICE, configured(process.env.TARO_APP_TEMPLATE_STATUS_CHANGED, 'local-tpl-notice')), page: 'pages/home/index' },
  /** A followed topic's handling result is published: topic, 已办结, time, note. */
  result: { id: configured(process.env.TARO_APP_TEMPLATE_RESULT, configured(process.env.TARO_APP_TEMPLATE_STATUS_CHANGED, 'local-tpl-result')), page: 'pages/home/index' },
} as const

export type TemplateKey = keyof typeof MESSAGE_TEMPLATES
export const TEMPLATE_KEYS = Object.keys(MESSAGE_TEMPLATES) as TemplateKey[]

/**
 * The key whose grants a kind spends: the first key with the same template id (WeChat grants per id, so kinds that
 * share a template share its grants). Distinct ids (always locally): the kind itself.
 */
export function grantKeyOf(kind: TemplateKey): TemplateKey {
  return TEMPLATE_KEYS.find((k) => MESSAGE_TEMPLATES[k].id === MESSAGE_TEMPLATES[kind].id) ?? kind
}

/** The distinct template ids a request asks for (WeChat takes each id once, at most 3 per request). */
export function templateIdsOf(kinds: readonly TemplateKey[]): string[] {
  return [...new Set(kinds.map((k) => MESSAGE_TEMPLATES[k].id))]
}

/**
 * Which templates each tap asks for (requestSubscribeMessage, inside the tap): what that tap will lead to being told.
 * 随手拍 → the report's status changes; 报名/关注 → the meeting, the notice and the result; 异议 → its answer;
 * 评价 → the reply; staff and supervisors' 接收到期提醒 → deadline reminders and escalations.
 */
export const SUBSCRIBE_AT = {
  report: ['statusChanged'],
  // 报名 → the meeting reminder (sweep, the day before and on the day), the notice, the result; 关注 → the notice and
  // the result (only joiners are reminded of the meeting).
  join: ['meeting', 'notice', 'result'],
  follow: ['notice', 'result'],
  objection: ['statusChanged'],
  rating: ['statusChanged'],
  deadlines: ['deadline'],
} as const satisfies Record<string, readonly TemplateKey[]>

/** Staff are offered 接收到期提醒 again when fewer deadline sends than this are left. */
export const LOW_GRANTS = 2

/**
 * The page a message or a notification opens: the item itself, by id (WeChat's `page` field, no leading slash).
 */
export const ITEM_PAGES = {
  report: (id: string) => `pages/my-reports/index?id=${encodeURIComponent(id)}`,
  topic: (id: string) => `pages/topic/index?id=${encodeURIComponent(id)}`,
  staffTopic: (id: string) => `staff/topic/index?id=${encodeURIComponent(id)}`,
  // A 三单 item (受理自办 / 转交办理) as its handler works on it.
  staffItem: (id: string) => `staff/item/index?id=${encodeURIComponent(id)}`,
} as const
export type ItemKind = keyof typeof ITEM_PAGES
export interface ItemLink {
  kind: ItemKind
  id: string
}
export const HOME_PAGE = 'pages/home/index'
export const pageOf = (link: ItemLink | null | undefined): string => (link ? ITEM_PAGES[link.kind](link.id) : HOME_PAGE)
