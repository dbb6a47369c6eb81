/**
 * Public views (anyone in the community) show masked names and never phone numbers or house numbers; full details
 * only reach staff in scope (policy `viewPrivateDetails`).
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length === 0) return '居民'
  if (chars.length === 1) return `${chars[0]}*`
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

// A digit as residents write it: ASCII, full-width (１３９…), or a Chinese numeral (一三九…, 幺 read for 1, 〇 for 0).
const D = '[0-9０-９零〇一二三四五六七八九幺]'
const ONE = '[1１一幺]'
const MOBILE_2ND = '[3-9３-９三四五六七八九]'
// Between digit groups: a space (half- or full-width), dash, dot or underscore, as in 139 1234 5678 / 139.1234.5678.
const SEP = '[ \\u3000\\-－—._．·]?'

// 13812345678, 138-1234-5678, 138 1234 5678, 139_1234_5678, +8613812345678, １３９…, 一三九一二三四五六七八.
const PHONE = new RegExp(`(?<!${D})((?:[+＋]?(?:86|８６)${SEP})?${ONE}${MOBILE_2ND}${D})${SEP}${D}{4}${SEP}(${D}{4})(?!${D})`, 'g')
// 2栋1单元302室, 5号楼2单元101号, 二栋一单元三零二.
const HOUSE = new RegExp(`(${D}+)\\s*(栋|幢|号楼)\\s*(${D}+)\\s*(单元)?\\s*(${D}+)(?:\\s*(室|号))?`, 'g')
// 2-1-302室: building-unit-room with dashes (a 1–3 digit building and a 3–4 digit room, so dates are not caught).
const HOUSE_DASHED = new RegExp(`(?<!${D})(${D}{1,3})[-－—](${D}{1,2})[-－—](${D}{3,4})(室|号)?(?!${D})`, 'g')

/**
 * Free text written by residents may contain a phone or a house number, in any of the ways people write them
 * (full-width or Chinese digits, separators): public views blank them.
 */
export function redactText(text: string): string {
  return text.replace(PHONE, '$1****$2').replace(HOUSE, '$1$2**$4**$6').replace(HOUSE_DASHED, '$1-**-**$4')
}

/** Titles that name a staff post: a resident calling themself 刘书记 or 网格员小王 would be mistaken for staff. */
export const STAFF_TITLES = ['书记', '主任', '工作人员', '网格员', '督办', '管理员', '官方', '居委会', '村委会', '社工', '民警', '警官', '县长', '镇长', '乡长'] as const

export type DisplayNameCheck = { ok: true; name: string } | { ok: false; code: 'INVALID_DISPLAY_NAME' | 'RESERVED_TITLE'; reason: string }

// Lone surrogates: a high one not followed by a low one, or a low one not after a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
// Bidi embedding, override and isolate controls and the direction marks: they make a name display reversed.
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/
// Other control characters (C0, DEL, C1).
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/ // eslint-disable-line no-control-regex
// Invisible characters that join or separate without showing: removed from a name (书\u200B记 must still read 书记).
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g

/**
 * A display name as shown to others: NFKC-normalised (full-width letters and compatibility forms folded), invisible
 * zero-width characters removed, spaces collapsed. Refused: lone surrogates, bidi controls, control characters, a name
 * that is empty once invisible characters are removed, more than 20 characters, and — unless the person is staff —
 * a staff title (书记, 主任, 网格员…).
 */
export function checkDisplayName(raw: string, isStaff: boolean): DisplayNameCheck {
  const invalid = (reason: string): DisplayNameCheck => ({ ok: false, code: 'INVALID_DISPLAY_NAME', reason })
  if (LONE_SURROGATE.test(raw)) return invalid('称呼含有无法显示的字符')
  if (BIDI_CONTROL.test(raw)) return invalid('称呼不能含有文字方向控制符')
  if (CONTROL.test(raw)) return invalid('称呼不能含有控制字符')
  const name = raw.normalize('NFKC').replace(ZERO_WIDTH, '').replace(/\s+/g, ' ').trim()
  if (!name) return invalid('称呼不能为空')
  if (Array.from(name).length > 20) return invalid('称呼最多 20 字')
  if (!isStaff) {
    const title = STAFF_TITLES.find((t) => name.includes(t))
    if (title) return { ok: false, code: 'RESERVED_TITLE', reason: `“${title}”是工作人员的称谓，居民称呼不能使用` }
  }
  return { ok: true, name }
}

/**
 * The nearby-duplicate hint shows how far a neighbour's report is only as a band, never the exact distance (which,
 * with the time, would point at where the neighbour stood).
 */
export const DISTANCE_BANDS = [
  [50, '50米内'],
  [200, '200米内'],
  [500, '500米内'],
] as const
export function distanceBand(meters: number): string {
  return (DISTANCE_BANDS.find(([limit]) => meters <= limit) ?? DISTANCE_BANDS[2])[1]
}

const ANY_DIGIT = new RegExp(D, 'g')
/**
 * A neighbour's report as the nearby hint shows it: redacted, every digit in any form masked (no house, phone or
 * room number survives), and cut to its first 8 characters — enough to recognise the same problem, not to quote it.
 */
export function maskedSummary(text: string): string {
  const chars = Array.from(redactText(text).replace(/\s+/g, ' ').trim().replace(ANY_DIGIT, '*'))
  return chars.length > 8 ? `${chars.slice(0, 8).join('')}…` : chars.join('')
}
