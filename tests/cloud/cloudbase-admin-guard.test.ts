import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import http from 'node:http'
import { adminPost, readAdminKey, startTestCloud, type SdkDatabase, type TestCloud } from '../support/local-cloud'

/**
 * Who may drive the local CloudBase, and how it stands up to hostile bodies: /admin takes only requests signed with
 * the data directory's key (as the real wx-server-sdk signs them); /admin and /_local answer only their own host and
 * no foreign web page; nested or oversized bodies are refused at once; a function hung inside a transaction does not
 * hold the database beyond its own timeout.
 */
const FUNCTIONS_DIR = path.join(__dirname, '../fixtures/cloudfunctions')

let cloud: TestCloud
let db: SdkDatabase
let specDir: string

beforeAll(async () => {
  specDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-guard-spec-'))
  const specFile = path.join(specDir, 'database.json')
  fs.writeFileSync(specFile, JSON.stringify({ collections: { stamps: { indexes: [{ name: 'label', keys: { label: 1 } }] } } }))
  cloud = await startTestCloud({ functionsDir: FUNCTIONS_DIR, databaseSpecFile: specFile })
  db = cloud.sdk().database() as SdkDatabase
})
afterAll(async () => {
  await cloud?.dispose()
  fs.rmSync(specDir, { recursive: true, force: true })
})

const stampsLabelled = async (label: string) => (await db.collection('stamps').where({ label }).count()).total as number

/** A raw HTTP request with headers fetch would not let us set (Host). */
function rawRequest(method: string, urlPath: string, headers: Record<string, string>, body = ''): Promise<{ status: number; json: Record<string, unknown> | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: cloud.port, method, path: urlPath, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = ''
      res.on('data', (c: Buffer) => (text += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('/admin takes only requests signed with the data directory key', () => {
  const insert = (label: string) => ({
    action: 'database.insertDocument',
    collectionName: 'stamps',
    data: [JSON.stringify({ label })],
    envName: 'local-env',
  })

  test('the key is made on first start in <data>/admin-key.json, and the real SDK signs with it', async () => {
    const key = readAdminKey(cloud.dataDir)
    expect(key).toEqual(cloud.adminKey)
    expect(key.secretId).toMatch(/^AKIDlocal[0-9a-f]{24}$/)
    expect((fs.statSync(path.join(cloud.dataDir, 'admin-key.json')).mode & 0o777).toString(8)).toBe('600')
    await db.collection('stamps').add({ data: { label: 'signed' } })
    // The storage PUT of an upload (the SDK's second step) answers over-size at once too, as COS does.
    const ticket = await adminPost(cloud, { action: 'storage.getUploadMetadata', path: 'uploads/huge.jpg' })
    const put = await fetch(String((ticket.json.data as { url: string }).url), { method: 'PUT', body: new Uint8Array(21 * 1024 * 1024) })
    expect(put.status).toBe(413)
    expect(await put.text()).toContain('EntityTooLarge')
    expect(await stampsLabelled('signed')).toBe(1)
  })

  test('an unsigned request is refused with SIGN_PARAM_INVALID and does nothing', async () => {
    const r = await adminPost(cloud, insert('unsigned'), { key: null })
    expect(r.status).toBe(200) // a CloudBase error reply, which the SDK turns into an error with the code
    expect(r.json).toMatchObject({ code: 'SIGN_PARAM_INVALID' })
    expect(await stampsLabelled('unsigned')).toBe(0)
  })

  test('a request signed with another key, or a body changed after signing, is refused and does nothing', async () => {
    const wrongSecret = await adminPost(cloud, insert('wrong-key'), { key: { secretId: cloud.adminKey.secretId, secretKey: 'guessed' } })
    expect(wrongSecret).toMatchObject({ status: 200, json: { code: 'SIGN_PARAM_INVALID' } })
    const wrongId = await adminPost(cloud, insert('wrong-key'), { key: { secretId: 'local', secretKey: 'local' } })
    expect(wrongId).toMatchObject({ status: 200, json: { code: 'SIGN_PARAM_INVALID' } })
    const tampered = await adminPost(cloud, insert('signed-body'), { sendBody: insert('tampered-body') })
    expect(tampered).toMatchObject({ status: 200, json: { code: 'SIGN_PARAM_INVALID' } })
    expect(await stampsLabelled('wrong-key')).toBe(0)
    expect(await stampsLabelled('tampered-body')).toBe(0)
    expect(await stampsLabelled('signed-body')).toBe(0)
  })

  test('the real SDK with the old dummy key ("local") is refused', async () => {
    const saved = { id: process.env.TENCENTCLOUD_SECRETID, key: process.env.TENCENTCLOUD_SECRETKEY }
    Object.assign(process.env, { TENCENTCLOUD_SECRETID: 'local', TENCENTCLOUD_SECRETKEY: 'local' })
    try {
      await expect(db.collection('stamps').add({ data: { label: 'dummy-key' } })).rejects.toMatchObject({ errMsg: expect.stringContaining('unknown SecretId local') })
    } finally {
      Object.assign(process.env, { TENCENTCLOUD_SECRETID: saved.id, TENCENTCLOUD_SECRETKEY: saved.key })
    }
    expect(await stampsLabelled('dummy-key')).toBe(0)
  })
})

describe('/admin and /_local answer only their own host, and no foreign web page', () => {
  test('a foreign Host (DNS rebinding) is refused on /admin and /_local, even with a valid signature', async () => {
    const clockBefore = cloud.clock.offsetMs()
    const local = await rawRequest('POST', '/_local/clock', { host: `evil.example:${cloud.port}` }, JSON.stringify({ advanceMs: 86_400_000 }))
    expect(local).toMatchObject({ status: 403, json: { code: 'FORBIDDEN_ORIGIN' } })
    expect(cloud.clock.offsetMs()).toBe(clockBefore)
    const admin = await adminPost(cloud, { action: 'database.insertDocument', collectionName: 'stamps', data: [JSON.stringify({ label: 'rebound' })] }, {
      headers: { host: `attacker.example:${cloud.port}` },
    })
    expect(admin).toMatchObject({ status: 403, json: { code: 'FORBIDDEN_ORIGIN' } })
    expect(await stampsLabelled('rebound')).toBe(0)
    // Both local names are this server.
    expect((await rawRequest('GET', '/_local/health', { host: `localhost:${cloud.port}` })).status).toBe(200)
    expect((await rawRequest('GET', '/_local/health', { host: `127.0.0.1:${cloud.port}` })).status).toBe(200)
  })

  test('a request carrying a foreign Origin is refused; the server own origin and no Origin are not', async () => {
    const clockBefore = cloud.clock.offsetMs()
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${cloud.port + 1}`, 'https://localhost']) {
      const r = await fetch(`${cloud.origin}/_local/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ advanceMs: 86_400_000 }),
      })
      expect(r.status).toBe(403)
      expect(await r.json()).toMatchObject({ code: 'FORBIDDEN_ORIGIN' })
      const outbox = await fetch(`${cloud.origin}/_local/outbox`, { headers: { origin } })
      expect(outbox.status).toBe(403)
    }
    expect(cloud.clock.offsetMs()).toBe(clockBefore)
    const admin = await adminPost(cloud, { action: 'database.insertDocument', collectionName: 'stamps', data: [JSON.stringify({ label: 'from-page' })] }, {
      headers: { origin: 'http://evil.example' },
    })
    expect(admin).toMatchObject({ status: 403, json: { code: 'FORBIDDEN_ORIGIN' } })
    expect(await stampsLabelled('from-page')).toBe(0)
    expect((await fetch(`${cloud.origin}/_local/health`, { headers: { origin: cloud.origin } })).status).toBe(200)
    expect((await fetch(`${cloud.origin}/_local/health`)).status).toBe(200)
  })
})

describe('hostile bodies', () => {
  const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)

  test('a deeply nested body gets a coded 400 at once, on /admin, /_local and the gateway', async () => {
    const started = Date.now()
    const admin = await fetch(cloud.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"action":"database.getDocument","x":${deep(200_000)}}` })
    expect(admin.status).toBe(400)
    expect(await admin.json()).toMatchObject({ code: 'INVALID_PARAM' })
    const gateway = await fetch(`${cloud.origin}/api/functions/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"a":${deep(200_000)}}` })
    expect(gateway.status).toBe(400)
    expect(await gateway.json()).toMatchObject({ errCode: 'BODY_TOO_DEEP' })
    const local = await fetch(`${cloud.origin}/_local/trigger`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"function":${deep(50)}}` })
    expect(local.status).toBe(400)
    expect(Date.now() - started).toBeLessThan(3000)
    // Nested EJSON inside a signed SDK request is refused as well, with a CloudBase error.
    const query = `{"a":${deep(5000)}}`
    const signed = await adminPost(cloud, { action: 'database.getDocument', collectionName: 'stamps', query })
    expect(signed.json).toMatchObject({ code: 'INVALID_PARAM' })
  })

  test('an oversized body gets a coded 413 at once, and the server keeps serving', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024, 0x20)
    const admin = await fetch(cloud.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big })
    expect(admin.status).toBe(413)
    expect(await admin.json()).toMatchObject({ code: 'INVALID_PARAM' })
    const gateway = await fetch(`${cloud.origin}/api/functions/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.alloc(2 * 1024 * 1024, 0x20) })
    expect(gateway.status).toBe(413)
    expect(await gateway.json()).toMatchObject({ errCode: 'BODY_TOO_LARGE' })
    expect(await stampsLabelled('signed')).toBe(1)
  })

  test('an event that cannot reach an instance arms no timer: a later call on the same instance runs to its end', async () => {
    // slow has a 2 s timeout. Each refused call below used to leave its timer armed, terminating whichever call
    // the instance served 2 s later.
    // A warm instance (module loaded), so the later call's own run time is what it sleeps.
    expect(await cloud.functions.invoke('slow', { ms: 0 }, { openid: '', source: 'wx_unknown' })).toMatchObject({ ok: true })
    const nested = JSON.parse(deep(150))
    const refused = await cloud.functions.invoke('slow', { nested }, { openid: '', source: 'wx_unknown' })
    expect(refused).toMatchObject({ ok: false, errCode: -501007 })
    const uncloneable = await cloud.functions.invoke('slow', { fn: () => 1 }, { openid: '', source: 'wx_unknown' })
    expect(uncloneable).toMatchObject({ ok: false, errCode: -501007 })
    // The refused calls were at ~t0; a leaked timer would fire at t0 + 2 s, in the middle of this call.
    await new Promise((resolve) => setTimeout(resolve, 1300))
    const later = await cloud.functions.invoke('slow', { ms: 1200, label: 'survived' }, { openid: '', source: 'wx_unknown' })
    expect(later).toEqual({ ok: true, result: expect.anything() })
    expect(await stampsLabelled('survived')).toBe(1)
  }, 15000)
})

describe('a function hung inside a transaction', () => {
  test('holds the database only until its own timeout: its writes are rolled back and later work proceeds', async () => {
    const started = Date.now()
    const hung = cloud.functions.invoke('txhang', { label: 'in-hung-tx' }, { openid: 'o-hang', source: 'wx_client' })
    // Wait until its transaction is open (the write inside it is not visible to anyone).
    await new Promise((resolve) => setTimeout(resolve, 600))
    // A later call writes outside any transaction: it waits for the hung one, and no longer than txhang's 2 s timeout.
    const later = await cloud.functions.invoke('stamp', { label: 'after-hung-tx' }, { openid: 'o-next', source: 'wx_client' })
    expect(later).toMatchObject({ ok: true })
    expect(Date.now() - started).toBeLessThan(6000)
    expect(await hung).toMatchObject({ ok: false, errCode: -504002, errMsg: expect.stringContaining('timed out') })
    expect(await stampsLabelled('after-hung-tx')).toBe(1)
    expect(await stampsLabelled('in-hung-tx')).toBe(0)
    // And a later transaction proceeds.
    await db.runTransaction(async (t) => {
      await t.collection('stamps').add({ data: { label: 'next-tx' } })
    })
    expect(await stampsLabelled('next-tx')).toBe(1)
  }, 20000)
})
