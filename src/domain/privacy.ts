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
