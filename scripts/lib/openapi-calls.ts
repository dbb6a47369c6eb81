/**
 * Which 云调用 (cloud.openapi) APIs a cloud function's code calls, read from its bundle: in production a function may
 * call only the APIs its config.json lists under permissions.openapi (anything else fails with -604101), so what the
 * bundle calls and what config.json declares must be the same list.
 */
import fs from 'node:fs'
import path from 'node:path'
import { buildSync } from 'esbuild'

export interface OpenapiUse {
  /** "group.method" of every recognised call, e.g. "subscribeMessage.send", sorted and without repeats. */
  apis: string[]
  /** Every other use of `openapi` (destructured, computed, cloud.openapi({ appid })...), with its surroundings. */
  unrecognised: string[]
}

/** `openapi` as an identifier or property name: not inside a word or a string such as "openapi-3.0". */
const OPENAPI = /(?<![\w$'"-])openapi(?![\w$'"-])/g
/** What must follow it: `.group.method(` (optional chaining and whitespace allowed). */
const CALL = /^\s*\??\.\s*([A-Za-z_$][\w$]*)\s*\??\.\s*([A-Za-z_$][\w$]*)\s*\(/

export function openapiUseIn(code: string): OpenapiUse {
  const apis = new Set<string>()
  const unrecognised: string[] = []
  for (const match of code.matchAll(OPENAPI)) {
    const at = match.index ?? 0
    const call = CALL.exec(code.slice(at + match[0].length, at + match[0].length + 200))
    if (call) apis.add(`${call[1]}.${call[2]}`)
    else unrecognised.push(code.slice(Math.max(0, at - 40), at + 60).replace(/\s+/g, ' '))
  }
  return { apis: [...apis].sort(), unrecognised }
}

/**
 * A function's bundle as scripts/build-functions.ts makes it (esbuild, bundled, node, cjs, wx-server-sdk external),
 * kept in memory: code of modules the function imports but never reaches is left out, as in the deployed file.
 */
export function bundleFunctionCode(repoRoot: string, name: string): string {
  const result = buildSync({
    entryPoints: [path.join(repoRoot, 'cloudfunctions', name, 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    minify: false,
    legalComments: 'none',
    logLevel: 'silent',
    write: false,
  })
  return result.outputFiles.map((f) => f.text).join('\n')
}

/** permissions.openapi of cloudfunctions/<name>/config.json (none when the file or the field is absent). */
export function declaredOpenapi(repoRoot: string, name: string): string[] {
  const file = path.join(repoRoot, 'cloudfunctions', name, 'config.json')
  if (!fs.existsSync(file)) return []
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { permissions?: { openapi?: unknown } }
  const list = config.permissions?.openapi
  return Array.isArray(list) ? list.map(String) : []
}

/**
 * Where a function's config.json and its code disagree: an API called but not declared (refused in production), one
 * declared but never called (a permission it should not hold), or a use of openapi this reader cannot follow.
 */
export function openapiPermissionProblems(repoRoot: string, name: string): string[] {
  const declared = declaredOpenapi(repoRoot, name)
  const use = openapiUseIn(bundleFunctionCode(repoRoot, name))
  return [
    ...use.apis.filter((api) => !declared.includes(api)).map((api) => `${name}: calls ${api} but config.json permissions.openapi does not declare it`),
    ...declared.filter((api) => !use.apis.includes(api)).map((api) => `${name}: config.json declares ${api} but the code never calls it`),
    ...use.unrecognised.map((at) => `${name}: openapi used in a form this check cannot read (write cloud.openapi.<group>.<method>(...)): ${at}`),
  ]
}
