import cloud from 'wx-server-sdk'
import type { z } from 'zod'
import { actionRequestSchema, type ActionContract, type ActionError, type Outcome } from '../../src/contracts/action'

export interface CallContext {
  /** The caller's openid as the platform states it ('' for timers and anonymous H5 calls). */
  openid: string
  appid: string
  /** wx_client, wx_trigger, ... */
  source: string
  /** The moment of this call. The function's clock is UTC; calendar rules convert to Asia/Shanghai in the domain. */
  now: Date
}

export type Handler<C extends ActionContract> = (
  input: z.infer<C['input']>,
  ctx: CallContext,
) => Promise<Outcome<z.infer<C['output']>, string>>

export interface Route {
  contract: ActionContract
  handler: (input: unknown, ctx: CallContext) => Promise<Outcome<unknown, string>>
}

export function route<C extends ActionContract>(contract: C, handler: Handler<C>): Route {
  return { contract, handler: handler as Route['handler'] }
}

export function fail<Code extends string>(code: Code, message: string, issues?: ActionError['issues']): { ok: false; error: ActionError<Code> } {
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
export function createHandler(functionName: string, routes: Route[], options: { timerAction?: string } = {}) {
  const byName = new Map(routes.map((r) => [r.contract.name, r]))
  for (const r of routes) {
    if (r.contract.functionName !== functionName) throw new Error(`${r.contract.name} belongs to ${r.contract.functionName}, not ${functionName}`)
  }
  return async function main(event: unknown): Promise<Outcome<unknown, string>> {
    initCloud()
    // A timer trigger's event is { Type: 'Timer', TriggerName, Time }: it runs the function's timer action.
    if (options.timerAction && isTimerEvent(event)) event = { action: options.timerAction, input: {} }
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
      return await r.handler(input.data, ctx)
    } catch (err) {
      console.error(`${functionName}.${r.contract.name} failed:`, err)
      return fail('INTERNAL', '服务暂时不可用，请稍后再试')
    }
  }
}

function isTimerEvent(event: unknown): boolean {
  return !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer'
}
