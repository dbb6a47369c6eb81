import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import net from 'node:net'
import { spawn, type ChildProcess } from 'node:child_process'
import { sdkEnvFor, startTestCloud } from '../support/local-cloud'

const ROOT = path.resolve(__dirname, '../..')

/**
 * Starts the CLI as outside tools do, and resolves with the URL from its contract line. Node runs the CLI itself with
 * tsx's loader (no tsx wrapper process in between), so `child` is the process that owns the database and a signal
 * sent to it reaches the server.
 */
function startCli(dataDir: string, port = 0): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local-cloudbase/cli.ts', '--port', String(port), '--data', dataDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${out}`)), 20000)
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /^local cloudbase: (http:\/\/127\.0\.0\.1:(\d+)\/admin)$/m.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ child, url: m[1]! })
      }
    })
    child.on('exit', (code) => reject(new Error(`CLI exited ${code}: ${out}`)))
  })
}

/** True while some process has the pid (signal 0 only checks it exists). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false
    throw err
  }
}

/** Resolves with the connect error's code, or 'connected' if something still listens at the URL's port. */
function connectOutcome(url: string): Promise<string> {
  const { port } = new URL(url)
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? String(err)))
  })
}

/** A second process writing through the real SDK; prints each acknowledged write's marker. */
const WRITER = `
  // The server's admin URL and key, as an outside tool reads them (argv: the variables as JSON).
  Object.assign(process.env, JSON.parse(process.argv[1]))
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  const db = cloud.database()
  ;(async () => {
    for (let i = 0; ; i++) {
      const r = await db.collection('users').add({ data: { openid: 'burst-' + i, displayName: 'w' + i, role: 'resident' } })
      process.stdout.write('ack ' + i + ' ' + r._id + '\\n')
    }
  })().catch(() => process.exit(0))
`

test('the CLI honours its contract, stops cleanly on SIGTERM, and data survives a restart', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-cli-'))
  try {
    const first = await startCli(dataDir)
    // An outside tool signs with the key the server made in its data directory.
    Object.assign(process.env, sdkEnvFor(first.url, dataDir))
    const sdk = require('wx-server-sdk')
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
    const { _id } = await sdk.database().collection('users').add({ data: { openid: 'keep-me', displayName: '留存', role: 'resident' } })
    const exited = new Promise<number | null>((resolve) => first.child.on('exit', resolve))
    first.child.kill('SIGTERM')
    expect(await exited).toBe(0)

    const second = await startCli(dataDir)
    Object.assign(process.env, sdkEnvFor(second.url, dataDir))
    const { data } = await sdk.database().collection('users').doc(_id).get()
    expect(data.openid).toBe('keep-me')
    second.child.kill('SIGTERM')
    await new Promise((resolve) => second.child.on('exit', resolve))
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}, 60000)

test('kill -9 during a burst of writes loses no acknowledged write', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-kill-'))
  try {
    const server = await startCli(dataDir)
    const writer = spawn(process.execPath, ['-e', WRITER, JSON.stringify(sdkEnvFor(server.url, dataDir))], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    const acked: string[] = []
    let buffer = ''
    writer.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop()!
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.split(' ')[2]!)
    })
    const deadline = Date.now() + 15000
    while (acked.length < 150 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    const serverPid = server.child.pid!
    const serverGone = new Promise<NodeJS.Signals | null>((resolve) => server.child.on('exit', (_code, signal) => resolve(signal)))
    server.child.kill('SIGKILL')
    expect(await serverGone).toBe('SIGKILL')
    // The process that held the database is gone and nothing answers on its port: the reopen below reads a crashed store.
    expect(alive(serverPid)).toBe(false)
    expect(await connectOutcome(server.url)).toBe('ECONNREFUSED')
    // The SDK may keep retrying a dead server; every ack it could print has been printed by now.
    const writerGone = new Promise((resolve) => writer.on('exit', resolve))
    writer.kill('SIGKILL')
    await writerGone
    expect(acked.length).toBeGreaterThanOrEqual(150)

    const cloud = await startTestCloud({ dataDir })
    try {
      for (const id of acked) expect(cloud.store.find('users', { _id: id }, { limit: 1 })).toHaveLength(1)
    } finally {
      await cloud.close()
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}, 60000)
