import fs from 'node:fs'
import type { Clock } from '../types'
import { nextFireAfter, parseCron, type CronSchedule } from '../../scripts/lib/cron'
import { FUNCTIONS_EXECUTE_FAIL, readFunctionConfig, type FunctionConfig, type InvokeResult, type WorkerPool } from './pool'

/** A timer call that fails is retried twice, as CloudBase retries asynchronous invocations. */
const TIMER_RETRIES = 2

interface TimerState {
  functionName: string
  triggerName: string
  schedule: CronSchedule
  next: Date | null
  running: boolean
}

export interface Timers {
  fireTimer(name: string): Promise<InvokeResult & { attempts: number }>
  runDueTimers(): Promise<void>
  list(): { functionName: string; triggerName: string; cron: string; next: string | null }[]
  /** Reads the triggers; with `tick`, checks every second (unref'd: it never keeps the process alive) for due ones. */
  start(tick: boolean): void
  stop(): void
}

/** Timer triggers of the built functions (config.json), fired on the local clock through the worker pool. */
export function createTimers(options: { functionsDir: string; clock: Clock; log: (message: string) => void; pool: WorkerPool }): Timers {
  const timers = new Map<string, TimerState>()
  const invoke = options.pool.invoke
  const functionDir = options.pool.functionDir
  let ticker: NodeJS.Timeout | undefined

  const scanTimers = () => {
    let names: string[]
    try {
      names = fs.readdirSync(options.functionsDir)
    } catch {
      return
    }
    for (const name of names) {
      const dir = functionDir(name)
      if (!dir) continue
      let config: FunctionConfig
      try {
        config = readFunctionConfig(dir)
      } catch (err) {
        options.log(`function ${name}: unreadable config.json: ${(err as Error).message}`)
        continue
      }
      for (const trigger of config.triggers ?? []) {
        if (trigger.type !== 'timer') continue
        const key = `${name}/${trigger.name}`
        const existing = timers.get(key)
        if (existing && existing.schedule.source === trigger.config) continue
        try {
          const schedule = parseCron(trigger.config)
          timers.set(key, { functionName: name, triggerName: trigger.name, schedule, next: nextFireAfter(schedule, options.clock.now()), running: false })
        } catch (err) {
          options.log(`function ${name}: bad timer ${trigger.name}: ${(err as Error).message}`)
        }
      }
    }
  }

  const fire = async (functionName: string, triggerName: string): Promise<InvokeResult & { attempts: number }> => {
    const event = { Type: 'Timer', TriggerName: triggerName, Time: options.clock.now().toISOString(), Message: '' }
    let last: InvokeResult = { ok: false, errCode: FUNCTIONS_EXECUTE_FAIL, errMsg: 'not run' }
    for (let attempt = 1; attempt <= 1 + TIMER_RETRIES; attempt++) {
      last = await invoke(functionName, event, { openid: '', source: 'wx_trigger' })
      if (last.ok) return { ...last, attempts: attempt }
    }
    return { ...last, attempts: 1 + TIMER_RETRIES }
  }

  /**
   * Fires every trigger whose next time has come on the (possibly moved) clock. A trigger that missed several times
   * while the clock jumped fires once, then is scheduled after "now": catching up is one run, as a sweep that
   * selects by window needs no more.
   */
  const runDueTimers = async () => {
    scanTimers()
    const now = options.clock.now()
    const due = [...timers.values()].filter((t) => t.next && t.next.getTime() <= now.getTime() && !t.running)
    await Promise.all(
      due.map(async (t) => {
        t.running = true
        t.next = nextFireAfter(t.schedule, now)
        try {
          const r = await fire(t.functionName, t.triggerName)
          if (!r.ok) options.log(`timer ${t.functionName}/${t.triggerName} failed after ${r.attempts} attempts: ${r.errMsg}`)
        } finally {
          t.running = false
        }
      }),
    )
  }

  return {
    async fireTimer(name: string) {
      scanTimers()
      const t = [...timers.values()].find((x) => x.functionName === name)
      if (!t) throw new Error(`function ${name} has no timer trigger in its config.json`)
      return fire(t.functionName, t.triggerName)
    },
    runDueTimers,
    list: () =>
      [...timers.values()].map((t) => ({ functionName: t.functionName, triggerName: t.triggerName, cron: t.schedule.source, next: t.next?.toISOString() ?? null })),
    start(tick: boolean) {
      scanTimers()
      if (tick) {
        ticker = setInterval(() => void runDueTimers(), 1000)
        ticker.unref()
      }
    },
    stop() {
      if (ticker) clearInterval(ticker)
      ticker = undefined
    },
  }
}
