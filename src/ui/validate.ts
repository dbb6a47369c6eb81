const MAX_COUNT = 100000

/** A count typed by a person: digits only — no sign, no decimals, no exponent — up to 100000. Null otherwise. */
export function parseCount(text: string): number | null {
  const s = text.trim()
  if (!/^\d+$/.test(s)) return null
  const n = Number(s)
  return Number.isSafeInteger(n) && n <= MAX_COUNT ? n : null
}
