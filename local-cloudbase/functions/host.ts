import { CloudError, type AdminRequest, type Clock, type CloudModule } from '../types'
import { createWorkerPool, type CallerIdentity, type Invocation, type InvokeResult } from './pool'
import { createTimers } from './timers'
import type { AdminKey } from '../admin-auth'
import { jsonTooDeep } from '../json-limits'

export { FUNCTIONS_EXECUTE_FAIL, readFunctionConfig, type CallerIdentity, type Invocation, type InvokeResult } from './pool'

export interface FunctionsModule extends CloudModule {
  invoke(name: string, event: unknown, identity: CallerIdentity): Promise<InvokeResult>
  fireTimer(name: string): Promise<InvokeResult & { attempts: number }>
  runDueTimers(): Promise<void>
  timers(): { functionName: string; triggerName: string; cron: string; next: string | null }[]
  /** The identity of the running invocation an SDK request's wxCloudApiToken belongs to. */
  callerOf(apiToken: string): CallerIdentity | undefined
  /** The running invocation a wxCloudApiToken belongs to: its function and that function's openapi permissions. */
  invocationOf(apiToken: string): Invocation | undefined
  /** Calls `listener(apiToken)` whenever an invocation ends, however it ends. */
  onInvocationEnd(listener: (apiToken: string) => void): void
  start(): void
}

/**
 * Cloud functions in the local CloudBase: the worker pool that runs them (pool.ts) and their timer triggers
 * (timers.ts), answering the SDK's functions.invokeFunction.
 */
export function createFunctionsModule(options: {
  functionsDir: string
  adminUrl: () => string
  env: string
  clock: Clock
  log: (message: string) => void
  timers: boolean
  adminKey: AdminKey
}): FunctionsModule {
  const pool = createWorkerPool(options)
  const timers = createTimers({ functionsDir: options.functionsDir, clock: options.clock, log: options.log, pool })
  return {
    name: 'functions',
    adminActions: {
      'functions.invokeFunction': async (req: AdminRequest) => {
        const name = String(req.body.function_name ?? '')
        let event: unknown
        if (typeof req.body.request_data === 'string' && jsonTooDeep(req.body.request_data)) {
          throw new CloudError('INVALID_PARAM', 'request_data nests too deep')
        }
        try {
          event = req.body.request_data ? JSON.parse(String(req.body.request_data)) : {}
        } catch {
          throw new CloudError('INVALID_PARAM', 'request_data is not valid JSON')
        }
        // The callee runs as the caller's user; SOURCE follows the call chain, as CloudBase documents: a function
        // called by a function the mini-program called sees "wx_client,scf".
        const caller = pool.callerOf(req.apiToken)
        const identity: CallerIdentity = caller ? { ...caller, source: `${caller.source},scf` } : { openid: '', source: 'wx_unknown' }
        const r = await pool.invoke(name, event, identity)
        if (!r.ok) throw new CloudError(r.errCode === -501000 ? 'FUNCTIONS_NOT_EXIST' : 'FUNCTIONS_EXECUTE_FAIL', r.errMsg)
        return { data: { response_data: JSON.stringify(r.result) } }
      },
    },
    invoke: pool.invoke,
    fireTimer: timers.fireTimer,
    runDueTimers: timers.runDueTimers,
    timers: timers.list,
    callerOf: pool.callerOf,
    invocationOf: pool.invocationOf,
    onInvocationEnd: pool.onInvocationEnd,
    start() {
      timers.start(options.timers)
    },
    async close() {
      timers.stop()
      await pool.close()
    },
  }
}
