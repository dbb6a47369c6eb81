/**
 * Mini-program package budgets, measured on the built dist/weapp (npm run build:weapp):
 * the main package at most 500 KB, each subpackage under 2 MB, lazyCodeLoading on. Also counts the copies of zod
 * in the JS files of dist/weapp and, when built, dist/h5 (zod should ship once per build). Prints markdown; `--write` puts it into docs/benchmarks.md under "## Mini-program package sizes".
 */
import fs from 'node:fs'
import path from 'node:path'

export const MAIN_BUDGET = 500 * 1024
export const SUBPACKAGE_BUDGET = 2 * 1024 * 1024
/** The main package of a Taro 4.2.1 React hello-world with the same pins (bytes, license notes not counted). */
export const HELLO_WORLD_MAIN = 304_244
/** The main package stays within this multiple of the hello-world: what a page adds beyond it must earn its place. */
export const MAIN_RATIO_BUDGET = 1.5

const ROOT = path.resolve(__dirname, '..')
const WEAPP = path.join(ROOT, 'dist', 'weapp')
const H5 = path.join(ROOT, 'dist', 'h5')
/** A string only zod's own code carries (its base schema's constructor name). */
const ZOD_MARK = '$ZodType'

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

export interface ZodCopies {
  /** JS files (relative to the build) that carry zod. */
  files: string[]
  /** Bytes of all the build's JS files. */
  jsBytes: number
}

export interface Budgets {
  main: number
  subpackages: { root: string; bytes: number }[]
  lazyCodeLoading: string | null
  zod: { weapp: ZodCopies; h5: ZodCopies | null }
}

/** Which JS files of a build carry zod, and how much JS the build has; null when it was not built. */
export function zodCopies(dir: string): ZodCopies | null {
  const js = filesUnder(dir).filter((f) => f.endsWith('.js'))
  if (!js.length) return null
  return {
    files: js.filter((f) => fs.readFileSync(f, 'utf8').includes(ZOD_MARK)).map((f) => path.relative(dir, f)),
    jsBytes: js.reduce((n, f) => n + fs.statSync(f).size, 0),
  }
}

/** What WeChat counts: every file of the build except license notes; subpackage roots counted apart. */
export function measure(weapp = WEAPP): Budgets {
  const app = JSON.parse(fs.readFileSync(path.join(weapp, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[]; lazyCodeLoading?: string }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''))
  const counted = (f: string) => !f.endsWith('.LICENSE.txt')
  const subpackages = roots.map((root) => ({ root, bytes: filesUnder(path.join(weapp, root)).filter(counted).reduce((n, f) => n + fs.statSync(f).size, 0) }))
  const inSub = (f: string) => roots.some((r) => path.relative(path.join(weapp, r), f).split(path.sep)[0] !== '..')
  const main = filesUnder(weapp).filter((f) => counted(f) && !inSub(f)).reduce((n, f) => n + fs.statSync(f).size, 0)
  return { main, subpackages, lazyCodeLoading: app.lazyCodeLoading ?? null, zod: { weapp: zodCopies(weapp) ?? { files: [], jsBytes: 0 }, h5: weapp === WEAPP ? zodCopies(H5) : null } }
}

export function render(b: Budgets): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
  const lines = [
    '## Mini-program package sizes',
    '',
    `Measured by \`npx tsx scripts/measure-budgets.ts\` on the built \`dist/weapp\`, ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| package | size | budget | within |',
    '| --- | --- | --- | --- |',
    `| main | ${kb(b.main)} | ${kb(MAIN_BUDGET)} | ${b.main <= MAIN_BUDGET ? 'yes' : 'NO'} |`,
    ...b.subpackages.map((s) => `| ${s.root} (subpackage) | ${kb(s.bytes)} | ${kb(SUBPACKAGE_BUDGET)} | ${s.bytes < SUBPACKAGE_BUDGET ? 'yes' : 'NO'} |`),
    '',
    `lazyCodeLoading: \`${b.lazyCodeLoading ?? 'off'}\`. A Taro 4.2.1 React hello-world with the same pins builds a 304,244-byte main package (see "Taro hello-world, for scale" above).`,
    '',
    `The main package is ${(b.main / HELLO_WORLD_MAIN).toFixed(2)}× the hello-world (budget ${MAIN_RATIO_BUDGET}×: ${b.main <= HELLO_WORLD_MAIN * MAIN_RATIO_BUDGET ? 'within' : 'OVER'}).`,
    '',
    `zod ships in ${b.zod.weapp.files.length} weapp file(s): ${b.zod.weapp.files.map((f) => `\`${f}\``).join(', ') || 'none'}.`,
    ...(b.zod.h5 ? ['', `H5 (\`dist/h5\`): ${kb(b.zod.h5.jsBytes)} of JS; zod in ${b.zod.h5.files.length} file(s): ${b.zod.h5.files.map((f) => `\`${f}\``).join(', ') || 'none'}.`] : []),
    '',
  ]
  return lines.join('\n')
}

export function writeSection(markdown: string, file = path.join(ROOT, 'docs', 'benchmarks.md')): void {
  const heading = '## Mini-program package sizes'
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n'
  const start = current.indexOf(heading)
  let next = start >= 0 ? current.indexOf('\n## ', start + heading.length) : -1
  if (next < 0) next = current.length
  const updated = start >= 0 ? current.slice(0, start) + markdown + current.slice(next).replace(/^\n/, '') : `${current.trimEnd()}\n\n${markdown}`
  fs.writeFileSync(file, updated)
}

if (require.main === module) {
  const md = render(measure())
  console.log(md)
  if (process.argv.includes('--write')) writeSection(md)
}
