/** What every benchmark script reads the same way: its flags, its clock units, its quantiles and its log. */

export const DAY = 86400_000
export const MIN = 60_000

/** `--name value` from the command line, or the fallback (a following `--flag` is not taken as the value). */
export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1]!.startsWith('--') ? process.argv[i + 1]! : fallback
}

/** The q-quantile of the samples (nearest rank). */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!
}

/** Progress goes to stderr; stdout carries only the markdown a run prints. */
export const log = (m: string) => process.stderr.write(`${m}\n`)
