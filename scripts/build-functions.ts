/**
 * Bundles each cloud function into a self-contained folder WeChat DevTools deploys unchanged:
 *   cloudfunctions/<name>/index.ts (+ what it imports: domain, contracts, _shared, zod, dayjs)
 *     → dist/cloudfunctions/<name>/index.js, package.json, config.json
 * wx-server-sdk stays external: the cloud installs it from the function's package.json.
 */
import fs from 'node:fs'
import path from 'node:path'
import { buildSync } from 'esbuild'
import { parseCron } from './lib/cron'

const root = path.resolve(__dirname, '..')
const sourceDir = path.join(root, 'cloudfunctions')
const outDir = path.join(process.argv[2] ?? path.join(root, 'dist', 'cloudfunctions'))
const sdkVersion = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
  .dependencies['wx-server-sdk']

function fail(message: string): never {
  console.error(`build-functions: ${message}`)
  process.exit(1)
}

/** A function's config.json: at most one trigger, a timer with a 7-field cron (CloudBase's rule). */
function checkConfig(name: string, file: string): void {
  if (!fs.existsSync(file)) fail(`${name}: missing config.json`)
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { triggers?: { name?: string; type?: string; config?: string }[] }
  const triggers = config.triggers ?? []
  if (triggers.length > 1) fail(`${name}: CloudBase allows one trigger per function`)
  for (const t of triggers) {
    if (t.type !== 'timer' || !t.name || !t.config) fail(`${name}: a trigger needs name, type "timer" and config`)
    parseCron(t.config)
  }
}

const names = fs
  .readdirSync(sourceDir)
  .filter((n) => !n.startsWith('_') && fs.statSync(path.join(sourceDir, n)).isDirectory())
  .sort()
if (!names.length) fail('no functions under cloudfunctions/')

const started = Date.now()
fs.mkdirSync(outDir, { recursive: true })
for (const name of names) {
  const src = path.join(sourceDir, name)
  const entry = path.join(src, 'index.ts')
  if (!fs.existsSync(entry)) fail(`${name}: missing index.ts`)
  const pkg = JSON.parse(fs.readFileSync(path.join(src, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
  if (pkg.dependencies?.['wx-server-sdk'] !== sdkVersion) fail(`${name}: package.json must depend on wx-server-sdk ${sdkVersion}`)
  checkConfig(name, path.join(src, 'config.json'))
  const target = path.join(outDir, name)
  fs.rmSync(target, { recursive: true, force: true })
  fs.mkdirSync(target, { recursive: true })
  const result = buildSync({
    entryPoints: [entry],
    outfile: path.join(target, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16', // the oldest Node.js runtime CloudBase offers for functions
    format: 'cjs',
    external: ['wx-server-sdk'],
    sourcemap: false,
    minify: false,
    legalComments: 'none',
    logLevel: 'silent',
    metafile: false,
  })
  if (result.errors.length) fail(`${name}: ${result.errors.map((e) => e.text).join('; ')}`)
  fs.copyFileSync(path.join(src, 'package.json'), path.join(target, 'package.json'))
  fs.copyFileSync(path.join(src, 'config.json'), path.join(target, 'config.json'))
}
console.log(`build-functions: ${names.length} functions → ${path.relative(root, outDir)} in ${Date.now() - started} ms`)
