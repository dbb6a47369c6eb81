import path from 'node:path'
import { startTestCloud, actAs, type TestCloud } from '../support/local-cloud'

/**
 * 云调用 permissions, through the real wx-server-sdk inside the local function host: a function may call only the
 * openapi APIs its config.json lists under permissions.openapi; anything else is refused as WeChat refuses it
 * (errCode -604101, "system error: error code: -604101") and does nothing. The fixtures under
 * tests/fixtures/openapi-functions call whichever API their event names: `checker` declares security.msgSecCheck and
 * security.mediaCheckAsync, `bare` has no config.json at all.
 */
const FUNCTIONS_DIR = path.join(__dirname, '../fixtures/openapi-functions')
const NO_PERMISSION = { ok: false, errCode: -604101, errMsg: 'system error: error code: -604101' }
const TEMPLATE = 'TPL-permission-test'

let cloud: TestCloud
let sdk: any

beforeAll(async () => {
  // Verdicts stay undelivered during the test: no function here receives the message-push event.
  cloud = await startTestCloud({ functionsDir: FUNCTIONS_DIR, mediaCheckDelayMs: 3_600_000 })
  sdk = cloud.sdk()
})
afterAll(() => cloud.dispose())

/** Invokes a fixture function as a mini-program user would, so it runs as its own invocation with its own token. */
async function call(name: 'checker' | 'bare', event: Record<string, unknown>) {
  const r = await cloud.functions.invoke(name, event, { openid: 'o-caller', source: 'wx_client' })
  if (!r.ok) throw new Error(`${name} failed: ${r.errMsg}`)
  return r.result as Record<string, unknown>
}

const textCheck = { api: 'security.msgSecCheck', params: { content: '楼道灯坏了', version: 2, scene: 2, openid: 'o-caller' } }
const send = {
  api: 'subscribeMessage.send',
  params: { touser: 'o-caller', templateId: TEMPLATE, page: 'pages/index/index', data: { thing1: { value: '路灯' }, phrase2: { value: '已受理' } } },
}

async function imageCheck() {
  const up = await sdk.uploadFile({ cloudPath: 'uploads/o-caller/p.jpg', fileContent: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1]) })
  const { fileList } = await sdk.getTempFileURL({ fileList: [up.fileID] })
  return { api: 'security.mediaCheckAsync', params: { mediaUrl: fileList[0].tempFileURL, mediaType: 2, version: 2, scene: 1, openid: 'o-caller' } }
}

test('a declared API answers: checker calls security.msgSecCheck and gets its verdict', async () => {
  expect(await call('checker', textCheck)).toMatchObject({ ok: true, errCode: 0, result: { suggest: 'pass', label: 100 } })
})

test('an undeclared subscribeMessage.send is refused with -604101: nothing in the outbox, nothing refused, the grant kept', async () => {
  cloud.subscriptions.grant('o-caller', [TEMPLATE])
  const outbox = cloud.outbox().length
  const refused = cloud.refused().length
  expect(await call('checker', send)).toEqual(NO_PERMISSION)
  expect(cloud.outbox()).toHaveLength(outbox)
  expect(cloud.refused()).toHaveLength(refused)
  expect(cloud.subscriptions.of('o-caller')[TEMPLATE]).toBe(1)
})

test('a function without config.json may call no openapi API: text check, image check and wxacode are refused, no image check starts', async () => {
  expect(await call('bare', textCheck)).toEqual(NO_PERMISSION)
  const image = await imageCheck()
  expect(await call('bare', image)).toEqual(NO_PERMISSION)
  expect(cloud.mediaChecks()).toHaveLength(0)
  expect(await call('bare', { api: 'wxacode.getUnlimited', params: { scene: 't1', page: 'pages/index/index', checkPath: true } })).toEqual(NO_PERMISSION)
  // The same image check from the function that declares it starts one.
  const declared = await call('checker', image)
  expect(declared).toMatchObject({ ok: true, errCode: 0 })
  expect(cloud.mediaChecks().map((c) => c.traceId)).toEqual([declared.traceId])
})

test("permissions are the called function's own: checker relaying to bare does not lend bare its msgSecCheck", async () => {
  expect(await call('checker', { relayTo: 'bare', relayed: textCheck })).toEqual(NO_PERMISSION)
  expect(await call('bare', { relayTo: 'checker', relayed: textCheck })).toMatchObject({ ok: true, result: { suggest: 'pass' } })
})

test('a call from no running function (a tool or test holding the admin key) is answered as before', async () => {
  actAs('o-tool')
  cloud.subscriptions.grant('o-tool', [TEMPLATE])
  const outbox = cloud.outbox().length
  const res = await sdk.openapi.subscribeMessage.send({ ...send.params, touser: 'o-tool' })
  expect(res.errCode).toBe(0)
  expect(cloud.outbox()).toHaveLength(outbox + 1)
})
