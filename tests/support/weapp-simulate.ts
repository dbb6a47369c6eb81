import fs from 'node:fs'
import path from 'node:path'

/**
 * Loads a page of the built mini-program (dist/weapp) into miniprogram-simulate, with the WXML compiled by WeChat's
 * own compiler. Taro's output expects the mini-program globals, so this supplies small stand-ins: App/getApp/
 * getCurrentPages, Page(config) registered as a Component (simulate only knows components), and a wx.cloud whose
 * callFunction is a test double that records every call and answers through the test's handler.
 *
 * Rules: one loadWeappPage per test file (simulate and the Taro runtime are module singletons); the first render
 * is asynchronous, so tests poll (waitFor) instead of sleeping.
 */

export const WEAPP_ROOT = path.resolve(__dirname, '../../dist/weapp')

export interface CloudCall {
  name: string
  data: unknown
}

/** Answers one callFunction: return the function's result, or throw { errCode, errMsg } as the platform would. */
export type CloudHandler = (call: CloudCall) => unknown

export interface LoadOptions {
  rootPath?: string
  /** Query the page is opened with (onLoad options). */
  query?: Record<string, string>
  callFunction: CloudHandler
}

export interface WeappPage {
  /** The j-component instance of the page. */
  page: any
  /** The page's rendered DOM. */
  root: HTMLElement
  /** Every wx.cloud.callFunction the page made, in order. */
  cloudCalls: CloudCall[]
  /** wx.cloud.init calls. */
  cloudInits: unknown[]
  /** Visible text, whitespace collapsed. */
  text(): string
  /** Polls until check() stops throwing; fails with its last error. */
  waitFor<T>(check: () => T, timeoutMs?: number): Promise<T>
  /** Taps the Taro Button (rendered as wx-button) whose text includes `label`. */
  tapButton(label: string): Promise<void>
  /** Detaches the page and clears the globals this loader set. */
  dispose(): void
}

type Wx = Record<string, any>

/** A tap as the mini-program sees a finger: touchstart then touchend in place; j-component turns it into `tap`. */
function fingerTap(el: HTMLElement): void {
  const TouchCtor = (globalThis as any).Touch
  const touch = new TouchCtor({ identifier: 1, target: el, clientX: 1, clientY: 1, pageX: 1, pageY: 1 })
  const init = (touches: unknown[]) => ({ bubbles: true, cancelable: true, touches, targetTouches: touches, changedTouches: [touch] })
  el.dispatchEvent(new TouchEvent('touchstart', init([touch]) as TouchEventInit))
  el.dispatchEvent(new TouchEvent('touchend', init([]) as TouchEventInit))
}

export function assertBuilt(rootPath: string = WEAPP_ROOT): void {
  if (!fs.existsSync(path.join(rootPath, 'app.json'))) {
    throw new Error(`${rootPath} has no app.json: run "npm run build:weapp" first (scripts/test.sh does)`)
  }
}

export async function loadWeappPage(pagePath: string, options: LoadOptions): Promise<WeappPage> {
  const rootPath = options.rootPath ?? WEAPP_ROOT
  assertBuilt(rootPath)
  const g = globalThis as any

  // miniprogram-simulate registers Component/Behavior and merges its wx API stubs into global.wx on require.
  const simulate = require('miniprogram-simulate')
  const wx: Wx = g.wx

  const cloudCalls: CloudCall[] = []
  const cloudInits: unknown[] = []
  wx.cloud = {
    init(config: unknown) {
      cloudInits.push(config)
    },
    // Both calling styles of the platform: callbacks, or a promise when none is given.
    callFunction(opts: { name: string; data?: unknown; success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void }) {
      const call: CloudCall = { name: opts.name, data: JSON.parse(JSON.stringify(opts.data ?? {})) }
      cloudCalls.push(call)
      const promise = (async () => {
        const result = await options.callFunction(call)
        return { errMsg: 'cloud.callFunction:ok', result, requestID: `test-${cloudCalls.length}` }
      })()
      if (opts.success || opts.fail || opts.complete) {
        promise.then(
          (r) => {
            opts.success?.(r)
            opts.complete?.(r)
          },
          (e) => {
            opts.fail?.(e)
            opts.complete?.(e)
          },
        )
        return undefined
      }
      return promise
    },
  }

  // The app and page stack the Taro runtime asks for.
  let app: any
  const pageStack: any[] = []
  g.App = (config: any) => {
    app = config
  }
  g.getApp = () => app
  g.getCurrentPages = () => pageStack.slice()

  // Page(config) → a Component whose methods are the page's functions and whose lifetimes drive the page's.
  const pageRoute = pagePath.replace(/^\//, '')
  const query = options.query ?? {}
  g.Page = (config: Record<string, any>) => {
    const methods: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(config)) if (typeof value === 'function') methods[key] = value
    g.Component({
      data: config.data ?? {},
      options: config.options,
      methods,
      lifetimes: {
        attached(this: any) {
          this.route = pageRoute
          this.options = query
          pageStack.push(this)
          this.onLoad?.(query)
          this.onShow?.()
        },
        ready(this: any) {
          this.onReady?.()
        },
        detached(this: any) {
          this.onUnload?.()
          pageStack.splice(pageStack.indexOf(this), 1)
        },
      },
    })
  }

  // The app first (it pulls in runtime, taro, vendors, common), then launch it as the platform would.
  require(path.join(rootPath, 'app.js'))
  if (!app) throw new Error('app.js did not call App()')
  app.onLaunch?.call(app, { path: pageRoute, query, scene: 1001 })
  app.onShow?.call(app, { path: pageRoute, query, scene: 1001 })

  const id = simulate.load(path.join(rootPath, pageRoute), { rootPath, compiler: 'official' })
  const page = simulate.render(id)
  const parent = document.createElement('parent-wrapper')
  document.body.appendChild(parent)
  page.attach(parent)

  const text = () => (page.dom.textContent ?? '').replace(/\s+/g, ' ').trim()
  const waitFor = async <T>(check: () => T, timeoutMs = 3000): Promise<T> => {
    const start = Date.now()
    for (;;) {
      try {
        return check()
      } catch (err) {
        if (Date.now() - start > timeoutMs) throw err
      }
      await new Promise((r) => setTimeout(r, 10))
    }
  }

  return {
    page,
    root: page.dom as HTMLElement,
    cloudCalls,
    cloudInits,
    text,
    waitFor,
    async tapButton(label: string) {
      const buttons = Array.from(page.dom.querySelectorAll('wx-button')) as HTMLElement[]
      const button = buttons.find((b) => (b.textContent ?? '').includes(label))
      if (!button) throw new Error(`no wx-button with text "${label}" among: ${buttons.map((b) => b.textContent).join(' | ')}`)
      fingerTap(button)
      await new Promise((r) => setTimeout(r, 0))
    },
    dispose() {
      page.detach()
      parent.remove()
      for (const key of ['App', 'getApp', 'getCurrentPages', 'Page']) delete g[key]
    },
  }
}

/** Every file under root with one of the extensions, as paths relative to root with forward slashes. */
export function listFiles(root: string, exts: string[]): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full)
      } else if (exts.some((e) => entry.name.endsWith(e))) out.push(path.relative(root, full).split(path.sep).join('/'))
    }
  }
  walk(root)
  return out.sort()
}

/** WeChat's compilers say `file.wxss(2:4)`; report every location as `file:line:column`. */
function normaliseLocations(message: string): string {
  return message.replace(/([\w./-]+\.wxss)\((\d+):(\d+)\)/g, '$1:$2:$3').trim()
}

/**
 * Compiles all WXML (and WXS) of a built mini-program with WeChat's wcc, as the real toolchain does. Answers the
 * $gwx lookup (path → render function factory); a broken template throws with its file:line:column.
 */
export function compileAllWxml(rootPath: string = WEAPP_ROOT): { files: string[]; gwx: (file: string) => unknown } {
  const compiler = require('miniprogram-compiler')
  const files = listFiles(rootPath, ['.wxml'])
  let source: string
  try {
    source = compiler.wxmlToJs(rootPath, { maxBuffer: 64 * 1024 * 1024 })
  } catch (err) {
    throw new Error(`WXML does not compile: ${normaliseLocations((err as Error).message)}`, { cause: err })
  }
  const gwx = new Function(source)() as (file: string) => unknown
  return { files, gwx }
}

/** `file` and every sheet it imports, transitively (paths relative to root, `file` first). */
function wxssImportClosure(rootPath: string, file: string): string[] {
  const seen = new Set<string>()
  const visit = (rel: string) => {
    if (seen.has(rel)) return
    seen.add(rel)
    let source: string
    try {
      source = fs.readFileSync(path.join(rootPath, rel), 'utf8')
    } catch {
      return // a missing import is reported by wcsc itself
    }
    for (const m of source.matchAll(/@import\s+["']([^"']+\.wxss)["']/g)) {
      const target = m[1]!.startsWith('/') ? m[1]!.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1]!))
      visit(target)
    }
  }
  visit(file)
  return [...seen]
}

/**
 * Compiles every WXSS of a built mini-program with WeChat's wcsc. Each file is also compiled alone so every broken
 * file is named (the bundled wxssToJs loses wcsc's message). Answers the lookup file → style function.
 */
export function compileAllWxss(rootPath: string = WEAPP_ROOT): { files: string[]; style: (file: string) => unknown } {
  const compiler = require('miniprogram-compiler')
  const wcsc = require('miniprogram-compiler/src/wcsc') as (root: string, files: string[], o?: object) => unknown
  const files = listFiles(rootPath, ['.wxss'])
  const failures: string[] = []
  for (const file of files) {
    // A sheet is compiled with the sheets it @imports (app.wxss imports common.wxss; a subpackage page its
    // sub-vendors.wxss), as wcsc needs every imported file in the same run.
    const closure = wxssImportClosure(rootPath, file)
    const result = wcsc(rootPath, closure.map((f) => f.replace(/\.wxss$/, '')), { maxBuffer: 64 * 1024 * 1024 })
    if (result instanceof Error) failures.push(normaliseLocations(result.message.replace(/^编译 \.wxss 文件错误：/, '')))
  }
  if (failures.length) throw new Error(`WXSS does not compile:\n${failures.join('\n')}`)
  const source = compiler.wxssToJs(rootPath, { maxBuffer: 64 * 1024 * 1024 })
  const style = new Function(source)() as (file: string) => unknown
  return { files, style }
}
