import fs from 'node:fs'
import path from 'node:path'
import { WEAPP_ROOT, assertBuilt, listFiles } from '../support/weapp-simulate'

/**
 * The main package (everything in dist/weapp outside the subpackage roots, *.LICENSE.txt aside) stays within the
 * resident side's budget of 500 KB, well under WeChat's 2 MB. zod is what would break it (~140 KB minified): the
 * resident pages reach the contracts only as types (src/ui/actions.ts), so zod must live in the staff subpackage only.
 */
const BUDGET = 500 * 1024

beforeAll(() => assertBuilt())

interface AppJson {
  pages: string[]
  tabBar?: { list: { pagePath: string }[] }
  subPackages?: { root: string; pages: string[] }[]
  lazyCodeLoading?: string
  requiredPrivateInfos?: string[]
}
const app = (): AppJson => JSON.parse(fs.readFileSync(path.join(WEAPP_ROOT, 'app.json'), 'utf8'))

function mainPackageFiles(): string[] {
  const roots = (app().subPackages ?? []).map((p) => `${p.root.replace(/\/$/, '')}/`)
  return listFiles(WEAPP_ROOT, ['']).filter((f) => !f.endsWith('.LICENSE.txt') && !roots.some((r) => f.startsWith(r)))
}

describe('main package of dist/weapp', () => {
  test(`is at most ${BUDGET} bytes`, () => {
    const sizes = mainPackageFiles().map((f) => [f, fs.statSync(path.join(WEAPP_ROOT, f)).size] as const)
    const total = sizes.reduce((n, [, s]) => n + s, 0)
    const biggest = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([f, s]) => `${f} ${s}`)
    expect({ total, withinBudget: total <= BUDGET, biggest }).toMatchObject({ withinBudget: true })
  })

  test('carries no zod (its jitless switch and error class stay in subpackages)', () => {
    const offenders = mainPackageFiles()
      .filter((f) => f.endsWith('.js'))
      .filter((f) => /jitless|\$ZodError|ZodError/.test(fs.readFileSync(path.join(WEAPP_ROOT, f), 'utf8')))
    expect(offenders).toEqual([])
  })

  test('registers the resident pages, home first, with lazy code loading, tabs and the location APIs declared', () => {
    const a = app()
    expect(a.pages).toEqual(['pages/home/index', 'pages/topic/index', 'pages/board/index', 'pages/me/index'])
    // 随手拍, 我的诉求 and 消息 load as one-page subpackages under the same paths.
    const rooted = (a.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))
    expect(rooted).toEqual(expect.arrayContaining(['pages/report/index', 'pages/my-reports/index', 'pages/messages/index']))
    expect(a.lazyCodeLoading).toBe('requiredComponents')
    expect(a.tabBar?.list.map((t) => t.pagePath)).toEqual(['pages/home/index', 'pages/board/index', 'pages/me/index'])
    expect(a.requiredPrivateInfos).toEqual(expect.arrayContaining(['getLocation', 'chooseLocation']))
  })

  test('carries no policy table (ACTION_RULES stays with the functions and the staff pages)', () => {
    // A denial code only src/domain/policy.ts and the contracts (kept out above) spell: the resident pages read
    // their labels and roles from src/domain/resident-actions.ts.
    const offenders = mainPackageFiles()
      .filter((f) => f.endsWith('.js'))
      .filter((f) => fs.readFileSync(path.join(WEAPP_ROOT, f), 'utf8').includes('OBJECTIONS_UNANSWERED'))
    expect(offenders).toEqual([])
  })
})
