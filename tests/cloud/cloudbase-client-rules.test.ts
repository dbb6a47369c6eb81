import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { clientDb, startTestCloud, type SdkDatabase, type TestCloud } from '../support/local-cloud'

/**
 * What a client may do directly — the mini-program's wx.cloud.database() and wx.cloud.uploadFile, in H5 the
 * gateway's stand-ins for them — judged by config/security-rules.json, the file the deploy kit ships. Every refusal
 * is coded and changes nothing, which each test reads back through the real wx-server-sdk.
 */
const FUNCTIONS_DIR = path.join(__dirname, '../fixtures/cloudfunctions')
const RESIDENT = { openid: 'o-resident', displayName: '王秀兰', role: 'resident', devLogin: true, devLoginOrder: 1 }
const NEIGHBOUR = { openid: 'o-neighbour', displayName: '赵强', role: 'resident', devLogin: true, devLoginOrder: 2 }

async function http(cloud: TestCloud, method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${cloud.origin}${urlPath}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, json: (await res.json()) as Record<string, unknown> }
}

async function login(cloud: TestCloud, openid: string): Promise<string> {
  const { status, json } = await http(cloud, 'POST', '/api/dev/login', { openid })
  expect(status).toBe(200)
  return json.token as string
}

const PERMISSION_DENIED = { errCode: -502003, code: 'DATABASE_PERMISSION_DENIED' }

describe('the shipped rules (config/security-rules.json): every collection is server-only', () => {
  let cloud: TestCloud
  let db: SdkDatabase
  let token: string
  let topicId: string
  const topic = { communityId: 'c-1', title: '楼道堆物清理', stage: 'deliberation', publishedAt: new Date('2026-11-01T02:00:00Z') }

  beforeAll(async () => {
    cloud = await startTestCloud({ functionsDir: FUNCTIONS_DIR })
    db = cloud.sdk().database() as SdkDatabase
    for (const user of [RESIDENT, NEIGHBOUR]) await db.collection('users').add({ data: user })
    topicId = (await db.collection('topics').add({ data: topic }))._id
    token = await login(cloud, RESIDENT.openid)
  })
  afterAll(() => cloud?.dispose())

  test("a resident's client cannot read users: get and count are refused with DATABASE_PERMISSION_DENIED", async () => {
    const byOpenid = await clientDb(cloud, token, { action: 'get', collection: 'users', query: { openid: NEIGHBOUR.openid } })
    expect(byOpenid.status).toBe(403)
    expect(byOpenid.json).toMatchObject(PERMISSION_DENIED)
    expect(byOpenid.json.data).toBeUndefined()
    // Not even its own user document, and not by counting.
    const own = await clientDb(cloud, token, { action: 'get', collection: 'users', query: { openid: RESIDENT.openid } })
    expect(own).toMatchObject({ status: 403, json: PERMISSION_DENIED })
    const count = await clientDb(cloud, token, { action: 'count', collection: 'users', query: { openid: NEIGHBOUR.openid } })
    expect(count).toMatchObject({ status: 403, json: PERMISSION_DENIED })
    expect(count.json.total).toBeUndefined()
  })

  test("a resident's client cannot insert into invitations; nothing is written", async () => {
    const forged = { code: 'FORGED1', role: 'county_office', countyId: 'county-1', createdBy: RESIDENT.openid }
    const r = await clientDb(cloud, token, { action: 'add', collection: 'invitations', data: forged })
    expect(r).toMatchObject({ status: 403, json: PERMISSION_DENIED })
    expect((await db.collection('invitations').where({ code: 'FORGED1' }).count()).total).toBe(0)
  })

  test("a resident's client cannot change or delete a topic; the stored topic is unchanged", async () => {
    const before = (await db.collection('topics').doc(topicId).get()).data
    const update = await clientDb(cloud, token, { action: 'update', collection: 'topics', docId: topicId, data: { stage: 'resolved' } })
    expect(update).toMatchObject({ status: 403, json: PERMISSION_DENIED })
    const viaOperator = await clientDb(cloud, token, { action: 'update', collection: 'topics', query: { communityId: 'c-1' }, data: { $set: { title: '改掉' } } })
    expect(viaOperator).toMatchObject({ status: 403, json: PERMISSION_DENIED })
    const remove = await clientDb(cloud, token, { action: 'remove', collection: 'topics', docId: topicId })
    expect(remove).toMatchObject({ status: 403, json: PERMISSION_DENIED })
    expect((await db.collection('topics').doc(topicId).get()).data).toEqual(before)
  })

  test('without a session the client is anonymous and refused the same; a forged session gets 401', async () => {
    expect(await clientDb(cloud, null, { action: 'get', collection: 'topics', docId: topicId })).toMatchObject({ status: 403, json: PERMISSION_DENIED })
    expect((await clientDb(cloud, 'not-a-session', { action: 'get', collection: 'topics', docId: topicId })).status).toBe(401)
    // An unknown collection has no rule, which denies.
    expect(await clientDb(cloud, token, { action: 'get', collection: 'secrets' })).toMatchObject({ status: 403, json: PERMISSION_DENIED })
  })
})

describe('a creator-owned collection: the endpoint enforces what the rule says, no more and no less', () => {
  let cloud: TestCloud
  let db: SdkDatabase
  let dir: string
  let mine: string
  let theirs: string

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-rules-'))
    const spec = path.join(dir, 'database.json')
    const rules = path.join(dir, 'security-rules.json')
    fs.writeFileSync(
      spec,
      JSON.stringify({
        collections: {
          users: { indexes: [{ name: 'openid', keys: { openid: 1 }, unique: true }, { name: 'dev', keys: { devLogin: 1, devLoginOrder: 1 } }] },
          notes: { indexes: [{ name: 'creator', keys: { _openid: 1 } }] },
        },
      }),
    )
    const own = 'doc._openid == auth.openid'
    fs.writeFileSync(
      rules,
      JSON.stringify({
        database: { users: { rule: { read: false, write: false }, reason: 'test' }, notes: { rule: { read: own, write: own }, reason: 'test' } },
        storage: { rule: { read: false, write: 'auth != null && resource.openid == auth.openid' }, reason: 'test' },
      }),
    )
    cloud = await startTestCloud({ functionsDir: FUNCTIONS_DIR, databaseSpecFile: spec, securityRulesFile: rules })
    db = cloud.sdk().database() as SdkDatabase
    for (const user of [RESIDENT, NEIGHBOUR]) await db.collection('users').add({ data: user })
  })
  afterAll(async () => {
    await cloud?.dispose()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('add stamps the creator (a claimed _openid does not count), and each reads only its own', async () => {
    const me = await login(cloud, RESIDENT.openid)
    const other = await login(cloud, NEIGHBOUR.openid)
    const added = await clientDb(cloud, me, { action: 'add', collection: 'notes', data: { text: '我的', _openid: NEIGHBOUR.openid } })
    expect(added.status).toBe(200)
    mine = added.json._id as string
    theirs = (await clientDb(cloud, other, { action: 'add', collection: 'notes', data: { text: '他的' } })).json._id as string
    expect((await db.collection('notes').doc(mine).get()).data).toMatchObject({ text: '我的', _openid: RESIDENT.openid })

    const own = await clientDb(cloud, me, { action: 'get', collection: 'notes', query: { _openid: RESIDENT.openid } })
    expect(own.status).toBe(200)
    expect((own.json.data as { _id: string }[]).map((d) => d._id)).toEqual([mine])
    // A query that could reach another creator's document is refused as a whole, as production refuses it.
    expect(await clientDb(cloud, me, { action: 'get', collection: 'notes', docId: theirs })).toMatchObject({ status: 403, json: PERMISSION_DENIED })
    expect(await clientDb(cloud, me, { action: 'count', collection: 'notes', query: {} })).toMatchObject({ status: 403, json: PERMISSION_DENIED })
  })

  test("one cannot change or remove another's document, nor take it over by rewriting _openid", async () => {
    const me = await login(cloud, RESIDENT.openid)
    expect(await clientDb(cloud, me, { action: 'update', collection: 'notes', docId: theirs, data: { text: '改' } })).toMatchObject({ status: 403, json: PERMISSION_DENIED })
    expect(await clientDb(cloud, me, { action: 'remove', collection: 'notes', docId: theirs })).toMatchObject({ status: 403, json: PERMISSION_DENIED })
    expect(await clientDb(cloud, me, { action: 'update', collection: 'notes', docId: mine, data: { _openid: NEIGHBOUR.openid } })).toMatchObject({
      status: 403,
      json: PERMISSION_DENIED,
    })
    expect((await db.collection('notes').doc(theirs).get()).data).toMatchObject({ text: '他的', _openid: NEIGHBOUR.openid })
    expect((await db.collection('notes').doc(mine).get()).data._openid).toBe(RESIDENT.openid)

    const ok = await clientDb(cloud, me, { action: 'update', collection: 'notes', docId: mine, data: { text: '改好了' } })
    expect(ok).toMatchObject({ status: 200, json: { stats: { updated: 1 } } })
    expect((await db.collection('notes').doc(mine).get()).data.text).toBe('改好了')
  })
})

describe('storage rule on the H5 upload path', () => {
  let cloud: TestCloud
  let sdk: { database(): SdkDatabase; getTempFileURL(o: { fileList: string[] }): Promise<{ fileList: { tempFileURL: string }[] }>; uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }> }

  beforeAll(async () => {
    cloud = await startTestCloud({ functionsDir: FUNCTIONS_DIR })
    sdk = cloud.sdk()
    for (const user of [RESIDENT, NEIGHBOUR]) await sdk.database().collection('users').add({ data: user })
  })
  afterAll(() => cloud?.dispose())

  const upload = (token: string, cloudPath: string, bytes: Buffer) =>
    fetch(`${cloud.origin}/api/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
    }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }))

  async function bytesOf(fileID: string): Promise<Buffer> {
    const { fileList } = await sdk.getTempFileURL({ fileList: [fileID] })
    return Buffer.from(await (await fetch(fileList[0]!.tempFileURL)).arrayBuffer())
  }

  test("a user cannot overwrite another user's file; the file keeps its bytes; the owner may", async () => {
    const owner = await login(cloud, RESIDENT.openid)
    const other = await login(cloud, NEIGHBOUR.openid)
    const first = await upload(owner, `uploads/${RESIDENT.openid}/photo.jpg`, Buffer.from('owner bytes'))
    expect(first.status).toBe(200)

    const attack = await upload(other, `uploads/${RESIDENT.openid}/photo.jpg`, Buffer.from('replaced!'))
    expect(attack).toMatchObject({ status: 403, json: { errCode: -503002, code: 'STORAGE_EXCEED_AUTHORITY' } })
    expect((await bytesOf(first.json.fileID as string)).toString()).toBe('owner bytes')

    const again = await upload(owner, `uploads/${RESIDENT.openid}/photo.jpg`, Buffer.from('owner v2'))
    expect(again.status).toBe(200)
    expect((await bytesOf(first.json.fileID as string)).toString()).toBe('owner v2')
  })

  test("a user cannot upload under another user's folder (uploads/<their openid>/) nor outside their own; nothing is written", async () => {
    const other = await login(cloud, NEIGHBOUR.openid)
    for (const cloudPath of [`uploads/${RESIDENT.openid}/planted.jpg`, 'uploads/planted.jpg', 'uploads/reports/planted.jpg', `uploads/${NEIGHBOUR.openid}x/planted.jpg`]) {
      const attack = await upload(other, cloudPath, Buffer.from('planted'))
      expect(attack).toMatchObject({ status: 403, json: { errCode: -503002, code: 'STORAGE_EXCEED_AUTHORITY' } })
      expect(cloud.files.stat(cloudPath).exists).toBe(false)
    }
    // Their own folder takes the same upload.
    expect((await upload(other, `uploads/${NEIGHBOUR.openid}/planted.jpg`, Buffer.from('mine'))).status).toBe(200)
  })

  test('a file no client uploaded (written by a function) cannot be overwritten by a client', async () => {
    const { fileID } = await sdk.uploadFile({ cloudPath: `uploads/${RESIDENT.openid}/cover.jpg`, fileContent: Buffer.from('from a function') })
    const token = await login(cloud, RESIDENT.openid)
    expect((await upload(token, `uploads/${RESIDENT.openid}/cover.jpg`, Buffer.from('mine now'))).status).toBe(403)
    expect((await bytesOf(fileID)).toString()).toBe('from a function')
  })
})
