import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { Worker } from 'node:worker_threads'
import type { Clock } from '../types'
import type { AdminKey } from '../admin-auth'
import { valueTooDeep } from '../json-limits'

/** Who a call runs as: what cloud.getWXContext() returns inside the function. */
export interface CallerIdentity {
  openid: string
  appid?: string
  unionid?: string
  clientIp?: string
  /** TCB_SOURCE: wx_client (mini-program), wx_trigger (timer); a function-to-function call appends ",scf" to the caller's. */
  source: string
}

export type InvokeResult = { ok: true; result: unknown } | { ok: false; errCode: number; errMsg: string }

/** The platform reports a function that threw or timed out as FUNCTIONS_EXECUTE_FAIL. */
export const FUNCTIONS_EXECUTE_FAIL = -504002
/** An event the platform cannot take (here: nested too deep to hand to an instance) is INVALID_PARAM, -501007. */
export const INVALID_PARAM = -501007
const DEFAULT_TIMEOUT_S = 20
/** How long an instance may take to load its function (SCF's initialisation timeout is separate and longer). */
const INIT_TIMEOUT_MS = 60_000
const MAX_INSTANCES_PER_FUNCTION = 4
const LOCAL_APPID = 'wxlocal0000000000'

interface Instance {
  worker: Worker
  busy: boolean
  /** Settles when the instance has loaded its function: null, or why it could not (or the init time ran out). */
  ready: Promise<string | null>
}

interface Pending {
  resolve: (r: InvokeResult) => void
  timer: NodeJS.Timeout
  instance: Instance
}

export interface FunctionConfig {
  timeout?: number
  triggers?: { name: string; type: string; config: string }[]
  /** 云调用 permissions: the openapi APIs (e.g. "subscribeMessage.send") the function may call; none when absent. */
  permissions?: { openapi?: string[] }
}

/** The running invocation an SDK request's wxCloudApiToken belongs to: which function, as whom, allowed what. */
export interface Invocation {
  functionName: string
  identity: CallerIdentity
  /** permissions.openapi of the function's config.json as the invocation started (WeChat reads it at upload). */
  openapi: readonly string[]
}

/** permissions.openapi of a config, keeping only strings: anything else declares nothing. */
function declaredOpenapi(config: FunctionConfig): string[] {
  const list = config.permissions?.openapi
  return Array.isArray(list) ? list.filter((api): api is string => typeof api === 'string') : []
}

export function readFunctionConfig(dir: string): FunctionConfig {
  const file = path.join(dir, 'config.json')
  if (!fs.existsSync(file)) return {}
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FunctionConfig
}

export interface WorkerPool {
  /** The folder of a built function (index.js present), or undefined for an unknown or malformed name. */
  functionDir(name: string): string | undefined
  invoke(name: string, event: unknown, identity: CallerIdentity): Promise<InvokeResult>
  /** The identity of the invocation an SDK request's wxCloudApiToken belongs to, while that invocation runs. */
  callerOf(apiToken: string): CallerIdentity | undefined
  /** The invocation (function, identity, declared openapi permissions) a wxCloudApiToken belongs to, while it runs. */
  invocationOf(apiToken: string): Invocation | undefined
  /** Calls `listener(apiToken)` when an invocation ends, however it ends (result, error, timeout, instance death). */
  onInvocationEnd(listener: (apiToken: string) => void): void
  /** Refuses new calls, ends pending ones' timers and terminates every worker. */
  close(): Promise<void>
}

/**
 * Runs the built functions in worker threads: one invocation at a time per worker, up to a few warm workers per
 * function. Each call carries the caller's identity in the worker's process.env and a fresh WX_API_TOKEN, which ties
 * the function's own SDK requests (a function calling another) back to this call.
 */
export function createWorkerPool(options: {
  functionsDir: string
  adminUrl: () => string
  env: string
  clock: Clock
  log: (message: string) => void
  /** The data directory's admin key: instances sign their SDK requests with it, as SCF hands a function its key. */
  adminKey: AdminKey
}): WorkerPool {
  const pools = new Map<string, Instance[]>()
  const queues = new Map<string, (() => void)[]>()
  const pending = new Map<string, Pending>()
  const callers = new Map<string, Invocation>()
  const endListeners: ((apiToken: string) => void)[] = []
  let closed = false

  const functionDir = (name: string) => {
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(name)) return undefined
    const dir = path.join(options.functionsDir, name)
    return fs.existsSync(path.join(dir, 'index.js')) ? dir : undefined
  }

  /** What an instance's environment holds from its start, as the runtime sets it: where the API is, the key, the env. */
  const instanceEnv = (name: string): Record<string, string> => ({
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: options.adminUrl() }),
    TENCENTCLOUD_SECRETID: options.adminKey.secretId,
    TENCENTCLOUD_SECRETKEY: options.adminKey.secretKey,
    TENCENTCLOUD: 'true',
    SCF_NAMESPACE: options.env,
    TCB_ENV: options.env,
    SCF_FUNCTIONNAME: name,
  })

  const spawn = (name: string, file: string): Instance => {
    const worker = new Worker(path.join(__dirname, 'worker.cjs'), {
      workerData: { file },
      // A private copy: identity set inside never reaches another worker. The function loads with it at start.
      env: { ...process.env, ...instanceEnv(name) },
      stdout: false,
      stderr: false,
    })
    let settleReady: (why: string | null) => void = () => undefined
    const ready = new Promise<string | null>((resolve) => {
      const initTimer = setTimeout(() => resolve(`function initialisation timed out after ${INIT_TIMEOUT_MS / 1000} seconds`), INIT_TIMEOUT_MS)
      initTimer.unref()
      settleReady = (why) => {
        clearTimeout(initTimer)
        resolve(why)
      }
    })
    const instance: Instance = { worker, busy: false, ready }
    worker.on('message', (msg: { id?: string; ok?: boolean; ready?: boolean; result?: unknown; error?: { message: string; stack: string } }) => {
      if (msg.ready !== undefined) {
        if (!msg.ready) options.log(`function ${name} failed to load: ${msg.error?.stack || msg.error?.message}`)
        return settleReady(msg.ready ? null : (msg.error?.message ?? 'function failed to load'))
      }
      if (!msg.id) return
      const p = pending.get(msg.id)
      if (!p) return
      pending.delete(msg.id)
      clearTimeout(p.timer)
      if (msg.ok) p.resolve({ ok: true, result: msg.result })
      else {
        options.log(`function ${name} failed: ${msg.error?.stack || msg.error?.message}`)
        p.resolve({ ok: false, errCode: FUNCTIONS_EXECUTE_FAIL, errMsg: `errCode: -504002 functions execute fail | errMsg: ${msg.error?.message}` })
      }
    })
    const drop = (why: string) => {
      const pool = pools.get(name)
      if (pool) pools.set(name, pool.filter((i) => i !== instance))
      for (const [id, p] of pending) {
        if (p.instance === instance) {
          pending.delete(id)
          clearTimeout(p.timer)
          p.resolve({ ok: false, errCode: FUNCTIONS_EXECUTE_FAIL, errMsg: `errCode: -504002 functions execute fail | errMsg: ${why}` })
        }
      }
    }
    worker.on('error', (err) => {
      settleReady(String(err?.message ?? err))
      drop(String(err?.stack ?? err))
    })
    worker.on('exit', (code) => {
      settleReady(`instance exited with code ${code}`)
      drop(`instance exited with code ${code}`)
    })
    const pool = pools.get(name) ?? []
    pool.push(instance)
    pools.set(name, pool)
    return instance
  }

  const acquire = async (name: string, file: string): Promise<Instance> => {
    for (;;) {
      const pool = pools.get(name) ?? []
      const idle = pool.find((i) => !i.busy)
      if (idle) {
        idle.busy = true
        return idle
      }
      if (pool.length < MAX_INSTANCES_PER_FUNCTION) {
        const fresh = spawn(name, file)
        fresh.busy = true
        return fresh
      }
      await new Promise<void>((resolve) => {
        const q = queues.get(name) ?? []
        q.push(resolve)
        queues.set(name, q)
      })
    }
  }
  const releaseInstance = (name: string, instance: Instance) => {
    instance.busy = false
    queues.get(name)?.shift()?.()
  }

  const invoke = async (name: string, event: unknown, identity: CallerIdentity): Promise<InvokeResult> => {
    if (closed) return { ok: false, errCode: FUNCTIONS_EXECUTE_FAIL, errMsg: 'local cloudbase is shutting down' }
    const dir = functionDir(name)
    if (!dir) return { ok: false, errCode: -501000, errMsg: `FunctionName parameter could not be found: ${name}` }
    // Refused before an instance is taken: cloning such an event into the worker would overflow the stack.
    if (valueTooDeep(event)) return { ok: false, errCode: INVALID_PARAM, errMsg: 'errCode: -501007 invalid parameters | errMsg: the event nests too deep' }
    const config = readFunctionConfig(dir)
    const timeoutMs = (Number(config.timeout) > 0 ? Number(config.timeout) : DEFAULT_TIMEOUT_S) * 1000
    const instance = await acquire(name, path.join(dir, 'index.js'))
    const loadFailure = await instance.ready
    if (loadFailure) {
      // An instance that could not load its function serves nothing: the next call starts a fresh one.
      pools.set(name, (pools.get(name) ?? []).filter((i) => i !== instance))
      void instance.worker.terminate()
      releaseInstance(name, instance)
      return { ok: false, errCode: FUNCTIONS_EXECUTE_FAIL, errMsg: `errCode: -504002 functions execute fail | errMsg: ${loadFailure}` }
    }
    const id = crypto.randomBytes(12).toString('hex')
    const token = crypto.randomBytes(24).toString('hex')
    callers.set(token, { functionName: name, identity, openapi: declaredOpenapi(config) })
    const env: Record<string, string> = {
      ...instanceEnv(name),
      TCB_SOURCE: identity.source,
      WX_API_TOKEN: token,
      // WX_API_TOKEN must be listed here: @cloudbase/node-sdk reads it only through WX_CONTEXT_KEYS/TCB_CONTEXT_KEYS
      // (getWXContext() hides it), and without it a function's own callFunction loses the caller's identity.
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_API_TOKEN',
      WX_OPENID: identity.openid,
      WX_APPID: identity.appid ?? LOCAL_APPID,
      WX_UNIONID: identity.unionid ?? '',
      WX_CLIENTIP: identity.clientIp ?? '',
    }
    const context = {
      request_id: id,
      function_name: name,
      namespace: options.env,
      memory_limit_in_mb: 256,
      time_limit_in_ms: timeoutMs,
      environment: JSON.stringify(env),
    }
    try {
      return await new Promise<InvokeResult>((resolve) => {
        // Hand the call over first: if the event cannot be sent, no timer is armed, so none is left behind to
        // terminate this instance while it serves a later call.
        try {
          instance.worker.postMessage({ id, event, context, env, clearEnv: [], offsetMs: options.clock.offsetMs() })
        } catch (err) {
          resolve({ ok: false, errCode: INVALID_PARAM, errMsg: `errCode: -501007 invalid parameters | errMsg: ${(err as Error).message}` })
          return
        }
        const timer = setTimeout(() => {
          pending.delete(id)
          // A timed-out instance is discarded, as the platform does; the next call gets a fresh one.
          pools.set(name, (pools.get(name) ?? []).filter((i) => i !== instance))
          void instance.worker.terminate()
          resolve({ ok: false, errCode: FUNCTIONS_EXECUTE_FAIL, errMsg: `errCode: -504002 functions execute fail | errMsg: Invoking task timed out after ${timeoutMs / 1000} seconds` })
        }, timeoutMs)
        pending.set(id, { resolve, timer, instance })
      })
    } finally {
      callers.delete(token)
      releaseInstance(name, instance)
      // What the invocation left open (a transaction) ends with it.
      for (const listener of endListeners) listener(token)
    }
  }

  return {
    functionDir,
    invoke,
    callerOf: (apiToken) => callers.get(apiToken)?.identity,
    invocationOf: (apiToken) => callers.get(apiToken),
    onInvocationEnd: (listener) => void endListeners.push(listener),
    async close() {
      closed = true
      for (const p of pending.values()) clearTimeout(p.timer)
      const all = [...pools.values()].flat()
      pools.clear()
      await Promise.all(all.map((i) => i.worker.terminate()))
    },
  }
}
