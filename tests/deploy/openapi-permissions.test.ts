import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { declaredOpenapi, openapiPermissionProblems, openapiUseIn } from '../../scripts/lib/openapi-calls'

// 云调用 permissions, statically: each function's bundle (as scripts/build-functions.ts makes it) calls exactly the
// openapi APIs its config.json declares. An undeclared one fails in production with -604101; the local CloudBase
// refuses it too (tests/cloud/openapi-permissions.test.ts), but only on the paths a test happens to run.
const root = path.resolve(__dirname, '../..')
const functionNames = fs
  .readdirSync(path.join(root, 'cloudfunctions'))
  .filter((n) => !n.startsWith('_') && fs.statSync(path.join(root, 'cloudfunctions', n)).isDirectory())
  .sort()

/** A throwaway repository with one function folder: index.ts and, unless null, config.json. */
function fixtureRepo(code: string, config: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-openapi-perm-'))
  fs.mkdirSync(path.join(dir, 'cloudfunctions', 'fn'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'cloudfunctions', 'fn', 'index.ts'), code)
  if (config !== null) fs.writeFileSync(path.join(dir, 'cloudfunctions', 'fn', 'config.json'), JSON.stringify(config))
  return dir
}

describe('openapi permissions of the cloud functions', () => {
  test("every function's config.json declares exactly the openapi APIs its bundled code calls", () => {
    expect(functionNames.length).toBeGreaterThan(0)
    const problems = functionNames.flatMap((name) => openapiPermissionProblems(root, name))
    expect(problems).toEqual([])
    // Functions do declare APIs, and a declared API the reader did not see would be a problem: so the reader saw them.
    expect(functionNames.some((name) => declaredOpenapi(root, name).length > 0)).toBe(true)
  }, 60_000)

  test('a function whose code calls an API its config.json does not declare fails the check, naming the API', () => {
    const code = `const cloud = require('wx-server-sdk')
export async function main() {
  await cloud.openapi.security.msgSecCheck({ content: 'x', version: 2, scene: 1, openid: 'o' })
  return cloud.openapi.subscribeMessage.send({ touser: 'o', templateId: 't', data: {} })
}\n`
    const declaresOne = fixtureRepo(code, { permissions: { openapi: ['security.msgSecCheck'] } })
    const noConfig = fixtureRepo(code, null)
    try {
      expect(openapiPermissionProblems(declaresOne, 'fn')).toEqual(['fn: calls subscribeMessage.send but config.json permissions.openapi does not declare it'])
      expect(openapiPermissionProblems(noConfig, 'fn')).toEqual([
        'fn: calls security.msgSecCheck but config.json permissions.openapi does not declare it',
        'fn: calls subscribeMessage.send but config.json permissions.openapi does not declare it',
      ])
    } finally {
      fs.rmSync(declaresOne, { recursive: true, force: true })
      fs.rmSync(noConfig, { recursive: true, force: true })
    }
  })

  test('a permission declared but never called fails the check; a call the bundle leaves out needs none', () => {
    // unused() is never reached from main: the bundle drops it, so its call needs no permission and wxacode is excess.
    const code = `const cloud = require('wx-server-sdk')
function unused() { return cloud.openapi.subscribeMessage.send({}) }
export async function main() { return cloud.openapi.security.msgSecCheck({}) }\n`
    const dir = fixtureRepo(code, { permissions: { openapi: ['security.msgSecCheck', 'wxacode.getUnlimited'] } })
    try {
      expect(openapiPermissionProblems(dir, 'fn')).toEqual(['fn: config.json declares wxacode.getUnlimited but the code never calls it'])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  test('the reader finds calls however they are spaced or chained, and flags uses it cannot follow', () => {
    expect(openapiUseIn('initCloud().openapi.security.msgSecCheck({})').apis).toEqual(['security.msgSecCheck'])
    expect(openapiUseIn('cloud.openapi\n  .subscribeMessage\n  .send({})').apis).toEqual(['subscribeMessage.send'])
    expect(openapiUseIn('cloud?.openapi?.wxacode?.getUnlimited ({})').apis).toEqual(['wxacode.getUnlimited'])
    expect(openapiUseIn('ctx.target === "openapi-3.0" || x === \'openapi\'')).toEqual({ apis: [], unrecognised: [] })
    for (const code of ['const { openapi } = cloud; openapi.security.msgSecCheck({})', 'cloud.openapi[api](params)', 'cloud.openapi({ appid }).subscribeMessage.send({})']) {
      expect(openapiUseIn(code).unrecognised.length).toBeGreaterThan(0)
    }
  })
})
