import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { WEAPP_ROOT, assertBuilt, compileAllWxml, compileAllWxss, listFiles } from '../support/weapp-simulate'

/**
 * Every template and style sheet of the built mini-program must pass WeChat's own compilers (wcc/wcsc), which is what
 * DevTools runs before upload. A broken file fails this layer with file:line:column.
 */
beforeAll(() => assertBuilt())

interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
}

function appPages(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(WEAPP_ROOT, 'app.json'), 'utf8')) as AppJson
  const sub = (app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))
  return [...app.pages, ...sub]
}

describe('dist/weapp compiles with WeChat wcc/wcsc (miniprogram-compiler)', () => {
  test('every WXML compiles and every page and used component has a template', () => {
    const { files, gwx } = compileAllWxml()
    expect(files.length).toBeGreaterThan(0)
    const needed = new Set<string>()
    for (const page of appPages()) {
      needed.add(`${page}.wxml`)
      const json = JSON.parse(fs.readFileSync(path.join(WEAPP_ROOT, `${page}.json`), 'utf8')) as { usingComponents?: Record<string, string> }
      for (const ref of Object.values(json.usingComponents ?? {})) {
        const target = ref.startsWith('/') ? ref.slice(1) : path.posix.join(path.posix.dirname(page), ref)
        needed.add(`${path.posix.normalize(target)}.wxml`)
      }
    }
    const missing = [...needed].filter((file) => typeof gwx(file) !== 'function')
    expect(missing).toEqual([])
  })

  test('every WXSS compiles', () => {
    const { files, style } = compileAllWxss()
    expect(files).toEqual(expect.arrayContaining(appPages().filter((p) => fs.existsSync(path.join(WEAPP_ROOT, `${p}.wxss`))).map((p) => `${p}.wxss`)))
    // Sheets that are only @imported (common.wxss, app-origin.wxss, a subpackage's sub-vendors.wxss) are merged
    // into their importers by wcsc and get no entry of their own; every other sheet must have its style function.
    const imported = new Set<string>()
    for (const file of files) {
      for (const m of fs.readFileSync(path.join(WEAPP_ROOT, file), 'utf8').matchAll(/@import\s+["']([^"']+\.wxss)["']/g)) {
        imported.add(path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)))
      }
    }
    const standalone = files.filter((f) => !imported.has(f))
    expect(standalone).toEqual(expect.arrayContaining(['app.wxss']))
    for (const file of standalone) expect([file, typeof style(file)]).toEqual([file, 'function'])
  })

  test('the built code uses no Node global the mini-program lacks (process, Buffer), unless guarded by typeof', () => {
    // jsdom has `process`, so the simulate layer cannot see this; on a phone it throws at load.
    const offenders: string[] = []
    for (const file of listFiles(WEAPP_ROOT, ['.js'])) {
      const code = fs.readFileSync(path.join(WEAPP_ROOT, file), 'utf8')
      for (const m of code.matchAll(/(?<![.\w$])(process|Buffer)(?![\w$])/g)) {
        if (/typeof\s*$/.test(code.slice(Math.max(0, m.index - 8), m.index))) continue
        // Not the global: an object key (`{process: …}`) or a method named process (`}process(e){…}`, as zod has).
        const after = code.slice(m.index + m[0].length, m.index + m[0].length + 2)
        const before = code.slice(Math.max(0, m.index - 1), m.index)
        if (/^:(?!:)/.test(after) && /[{,]$/.test(before)) continue
        if (m[1] === 'process' && after.startsWith('(') && /[{},;]$/.test(before)) continue
        offenders.push(`${file}: …${code.slice(Math.max(0, m.index - 40), m.index + 40)}…`)
      }
    }
    expect(offenders).toEqual([])
  })

  describe('the gate itself: a broken file fails with its location', () => {
    let broken: string
    beforeAll(() => {
      broken = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-weapp-broken-'))
      fs.cpSync(WEAPP_ROOT, broken, { recursive: true })
    })
    afterAll(() => fs.rmSync(broken, { recursive: true, force: true }))

    test('an unclosed tag in a page template names file:line:column', () => {
      const page = `${appPages()[0]}.wxml`
      const file = path.join(broken, page)
      fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8').trimEnd()}\n<view class="oops">\n`)
      const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').length
      expect(() => compileAllWxml(broken)).toThrow(new RegExp(`${page.replace(/[./]/g, '\\$&')}:${lines}:\\d+: end tag missing`))
    })

    test('a stray brace in a style sheet names file:line:column', () => {
      const sheet = listFiles(broken, ['.wxss'])[0]!
      fs.writeFileSync(path.join(broken, sheet), '.a { color: red; }\n}}} .b { width: 10rpx; }\n')
      expect(() => compileAllWxss(broken)).toThrow(new RegExp(`${sheet.replace(/[./]/g, '\\$&')}:2:1`))
    })
  })
})
