import Taro from '@tarojs/taro'
import type { ActionContract, ErrorCodeOf, InputOf, Outcome, OutputOf } from '../contracts/action'

/**
 * The one door from pages to cloud functions. In the mini-program it is wx.cloud.callFunction; in the H5 build it
 * is the local gateway, which answers in the same shape. Pages never know which.
 */

const SESSION_KEY = 'jy.session'
/** CloudBase environment id for the mini-program; DYNAMIC_CURRENT_ENV-style default when unset. */
const CLOUD_ENV = process.env.TARO_APP_CLOUD_ENV

export function initCloud(): void {
  if (process.env.TARO_ENV === 'weapp') {
    Taro.cloud.init(CLOUD_ENV ? { env: CLOUD_ENV, traceUser: true } : { traceUser: true })
  }
}

export class TransportError extends Error {
  constructor(
    readonly errCode: string | number,
    message: string,
  ) {
    super(message)
    this.name = 'TransportError'
  }
}

/** H5 only: the gateway's signed dev session (issued by the dev login), kept in storage. */
export function setGatewaySession(token: string | null): void {
  if (token) Taro.setStorageSync(SESSION_KEY, token)
  else Taro.removeStorageSync(SESSION_KEY)
}
export function getGatewaySession(): string | null {
  const token = Taro.getStorageSync(SESSION_KEY)
  return typeof token === 'string' && token ? token : null
}

/** Raw callFunction: resolves with the function's return value, rejects with TransportError. */
export async function callFunction<T = unknown>(name: string, data: unknown): Promise<T> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> })
      return res.result as T
    } catch (err) {
      const e = err as { errCode?: number; errMsg?: string }
      throw new TransportError(e.errCode ?? 'CALL_FAILED', e.errMsg ?? String(err))
    }
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const session = getGatewaySession()
  if (session) headers.authorization = `Bearer ${session}`
  let response: Response
  try {
    // The gateway serves the H5 app, so its functions are on the same origin.
    response = await fetch(`/api/functions/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(data ?? {}),
    })
  } catch (err) {
    throw new TransportError('NETWORK', String(err))
  }
  const body = (await response.json().catch(() => null)) as
    | { result: T }
    | { errCode: string | number; errMsg: string }
    | null
  if (!body) throw new TransportError('BAD_RESPONSE', `HTTP ${response.status}`)
  if ('result' in body) return body.result
  throw new TransportError(body.errCode, body.errMsg)
}

/** Typed call of one contract action. Transport failures become an INTERNAL outcome so pages handle one shape. */
export async function callAction<C extends ActionContract>(
  contract: C,
  input: InputOf<C>,
): Promise<Outcome<OutputOf<C>, ErrorCodeOf<C>>> {
  try {
    return await callFunction<Outcome<OutputOf<C>, ErrorCodeOf<C>>>(contract.functionName, {
      action: contract.name,
      input,
    })
  } catch (err) {
    const message = err instanceof TransportError ? `${err.errCode}: ${err.message}` : String(err)
    return { ok: false, error: { code: 'INTERNAL' as ErrorCodeOf<C>, message } }
  }
}
