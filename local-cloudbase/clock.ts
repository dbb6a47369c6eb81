import fs from 'node:fs'
import path from 'node:path'
import type { Clock } from './types'

/**
 * The local cloud's clock: machine time plus an offset that tests and demos move forward, so a 7-day deadline is
 * exercised without waiting 7 days. With a data dir the offset is kept in clock.json so a restart keeps "today".
 */
export function createClock(dataDir?: string): Clock {
  const file = dataDir ? path.join(dataDir, 'clock.json') : undefined
  let offset = 0
  if (file && fs.existsSync(file)) {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { offsetMs?: unknown }
    if (typeof saved.offsetMs === 'number' && Number.isFinite(saved.offsetMs)) offset = saved.offsetMs
  }
  const persist = () => {
    if (file) fs.writeFileSync(file, JSON.stringify({ offsetMs: offset }))
  }
  return {
    now: () => new Date(Date.now() + offset),
    offsetMs: () => offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the local clock only moves forward')
      offset += ms
      persist()
    },
    set(ms) {
      if (!Number.isFinite(ms)) throw new RangeError('offset must be a finite number of milliseconds')
      offset = ms
      persist()
    },
  }
}
