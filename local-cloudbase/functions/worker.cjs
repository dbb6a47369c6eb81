// One cloud-function instance: a worker thread that serves one invocation at a time, like a CloudBase instance.
// Plain CommonJS on purpose: it starts with no TypeScript loader, in tests and in the CLI alike.
'use strict'
const { parentPort, workerData } = require('node:worker_threads')

// The function sees the local cloud's clock: Date and Date.now() run ahead by the offset sent with each call.
const RealDate = Date
let offsetMs = 0
class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offsetMs)
    else super(...args)
  }
  static now() {
    return RealDate.now() + offsetMs
  }
}
globalThis.Date = ShiftedDate

// The instance loads its function before it takes a call, and says so: CloudBase (SCF) times a function's
// initialisation apart from its invocations, so the invocation timeout starts only once the module is loaded.
let fn = null
function load() {
  const mod = require(workerData.file)
  const main = mod.main ?? (mod.default && mod.default.main)
  if (typeof main !== 'function') throw new Error(`${workerData.file} does not export main(event, context)`)
  return main
}
try {
  fn = load()
  parentPort.postMessage({ ready: true })
} catch (err) {
  parentPort.postMessage({ ready: false, error: { message: err && err.message ? err.message : String(err), stack: err && err.stack ? String(err.stack) : '' } })
}

parentPort.on('message', async (msg) => {
  offsetMs = msg.offsetMs
  // Identity and the API token live in process.env, as in the real runtime; one call at a time keeps them apart.
  for (const key of msg.clearEnv) delete process.env[key]
  Object.assign(process.env, msg.env)
  try {
    if (!fn) fn = load()
    const result = await fn(msg.event, msg.context)
    parentPort.postMessage({ id: msg.id, ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) })
  } catch (err) {
    parentPort.postMessage({
      id: msg.id,
      ok: false,
      error: { message: err && err.message ? err.message : String(err), stack: err && err.stack ? String(err.stack) : '' },
    })
  }
})
