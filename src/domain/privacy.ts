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

// Also as written by hand: 138-1234-5678, 138 1234 5678, +8613812345678.
const PHONE = /(?<!\d)((?:\+?86[ -]?)?1[3-9]\d)[ -]?\d{4}[ -]?(\d{4})(?!\d)/g
const HOUSE = /(\d+)\s*(栋|幢|号楼)\s*(\d+)\s*(单元)?\s*(\d+)(?:\s*(室|号))?/g

/** Free text written by residents may contain a phone or a house number: public views blank them. */
export function redactText(text: string): string {
  return text.replace(PHONE, '$1****$2').replace(HOUSE, '$1$2**$4**$6')
}
