import cloud from 'wx-server-sdk'
import type { z } from 'zod'
import { withTempPhotoUrls } from './photo-urls'
import { actionRequestSchema, type ActionContract, type ActionError, type ErrorCodeOf, type Outcome } from '../../src/contracts/action'

export interface CallContext {
  /** The caller's openid as the platform states it ('' for timers and anonymous H5 calls). */
  openid: string
  appid: string
  /** wx_client, wx_trigger, ... */
  source: string
  /** The moment of this call. The function's clock is UTC; calendar rules convert to Asia/Shanghai in the domain. */
  now: Date
}

/**
 * One action's handler: its input and output are the contract's, and a failure may only carry a code the contract
 * declares or a common one (an undeclared code does not compile).
 */
export type Handler<C extends ActionContract> = (
  input: z.infer<C['input']>,
  ctx: CallContext,
) => Promise<Outcome<z.infer<C['output']>, ErrorCodeOf<C>>>

/** The actions a contract module declares for one cloud function, keyed by action name (the export is named after it). */
export type ContractsOf<Module, Fn extends string> = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [K in keyof Module as Module[K] extends ActionContract<K & string, any, any, any, Fn> ? K : never]: Module[K]
}

/** One handler per action of the function: a missing, extra or misspelt action does not compile. */
export type Handlers<Contracts> = { [K in keyof Contracts]: Contracts[K] extends ActionContract ? Handler<Contracts[K]> : never }

interface Route {
  contract: ActionContract
  handler: (input: unknown, ctx: CallContext) => Promise<Outcome<unknown, string>>
}

export interface Router<Fn extends string = string> {
  functionName: Fn
  routes: Map<string, Route>
}

function isContract(v: unknown): v is ActionContract {
  return !!v && typeof v === 'object' && 'functionName' in v && 'name' in v && 'input' in v && 'output' in v
}

/**
 * Routes a function's actions by name. `contracts` is the contract module(s) (`import * as topics from
 * '../../src/contracts/topics'`); the function serves exactly the actions whose functionName is its own. The types
 * check the table at compile time; the same check runs when the function loads.
 */
export function defineRouter<const Fn extends string, Module extends object>(
  functionName: Fn,
  contracts: Module,
  handlers: NoInfer<Handlers<ContractsOf<Module, Fn>>>,
): Router<Fn> {
  const routes = new Map<string, Route>()
  const table = handlers as unknown as Record<string, Route['handler'] | undefined>
  for (const [key, contract] of Object.entries(contracts)) {
    if (!isContract(contract) || contract.functionName !== functionName) continue
    if (key !== contract.name) throw new Error(`${functionName}: contract ${contract.name} is exported as ${key}`)
    const handler = table[key]
    if (!handler) throw new Error(`${functionName}: no handler for ${key}`)
    routes.set(key, { contract, handler })
  }
  for (const key of Object.keys(table)) if (!routes.has(key)) throw new Error(`${functionName}: ${key} has no contract`)
  return { functionName, routes }
}

export type Failure<Code extends string = string> = { ok: false; error: ActionError<Code> }
export function fail<Code extends string>(code: Code, message: string, issues?: ActionError['issues']): Failure<Code> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } }
}
export function ok<T>(data: T): { ok: true; data: T } {
  return { ok: true, data }
}

let initialised = false
export function initCloud(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    initialised = true
  }
  return cloud
}

/**
 * One cloud function serving several actions. It answers every call with a named outcome: an unknown action or
 * input that breaks the contract is refused with a code before any handler runs; an unexpected error is logged and
 * answered as INTERNAL without leaking its details.
 */
export function createHandler(router: Router, options: { timerAction?: string; platformEvent?: PlatformEventHandler } = {}) {
  const { functionName, routes: byName } = router
  return async function main(event: unknown): Promise<Outcome<unknown, string>> {
    initCloud()
    // A timer trigger's event is { Type: 'Timer', TriggerName, Time }: it runs the function's timer action.
    if (options.timerAction && isTimerEvent(event)) event = { action: options.timerAction, input: {} }
    // A message-push event (no action) goes to the function's platform event handler, which checks who delivered it.
    const platform = options.platformEvent
    if (platform && platform.matches(event)) {
      try {
        return await platform.handle(event, callContext())
      } catch (err) {
        console.error(`${functionName} platform event failed:`, err)
        return fail('INTERNAL', '服务暂时不可用，请稍后再试')
      }
    }
    const request = actionRequestSchema.safeParse(event)
    if (!request.success) return fail('INVALID_INPUT', '请求格式不正确：需要 { action, input }')
    const r = byName.get(request.data.action)
    if (!r) return fail('UNKNOWN_ACTION', `没有这个操作：${request.data.action}`)
    const input = r.contract.input.safeParse(request.data.input)
    if (!input.success) {
      return fail(
        'INVALID_INPUT',
        '输入不符合要求',
        input.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      )
    }
    const wx = cloud.getWXContext()
    const ctx: CallContext = {
      openid: wx.OPENID ?? '',
      appid: wx.APPID ?? '',
      source: wx.SOURCE ?? '',
      now: new Date(),
    }
    try {
      const out = await r.handler(input.data, ctx)
      // Photos leave a function only as temp URLs, to a caller the action let see them (photo-urls.ts).
      return out.ok ? { ok: true, data: await withTempPhotoUrls(out.data) } : out
    } catch (err) {
      console.error(`${functionName}.${r.contract.name} failed:`, err)
      return fail('INTERNAL', '服务暂时不可用，请稍后再试')
    }
  }
}

/** A platform event a function receives without an action (e.g. 消息推送's wxa_media_check), recognised by its shape. */
export interface PlatformEventHandler {
  matches(event: unknown): boolean
  handle(event: unknown, ctx: CallContext): Promise<Outcome<unknown, string>>
}

/** The caller as the platform states it, for a platform event (actions build the same context). */
function callContext(): CallContext {
  const wx = cloud.getWXContext()
  return { openid: wx.OPENID ?? '', appid: wx.APPID ?? '', source: wx.SOURCE ?? '', now: new Date() }
}

function isTimerEvent(event: unknown): boolean {
  return !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer'
}
