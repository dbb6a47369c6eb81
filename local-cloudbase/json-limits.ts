/**
 * Limits on JSON the local CloudBase accepts from outside. A deeply nested body would overflow the stack of whatever
 * walks it next (EJSON decoding, mingo, structured clone into a worker), so nesting is checked on the text, before
 * anything recursive touches it, and refused with a coded 4xx.
 */

/** Deeper than any document, query or event this project sends (CloudBase itself nests documents at most 100 deep). */
export const MAX_JSON_DEPTH = 100

/** True when the JSON text nests arrays/objects deeper than `max`. Linear, iterative, string-aware. */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
      continue
    }
    if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  return false
}

/** True when a value already parsed nests deeper than `max` (iterative: safe on any depth). */
export function valueTooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length) {
    const [v, d] = stack.pop()!
    if (v === null || typeof v !== 'object') continue
    if (d + 1 > max) return true
    for (const child of Object.values(v as object)) if (child !== null && typeof child === 'object') stack.push([child, d + 1])
  }
  return false
}
