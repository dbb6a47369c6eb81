import { startTestCloud, actAs, type TestCloud } from '../support/local-cloud'

let cloud: TestCloud
let sdk: any
beforeAll(async () => {
  cloud = await startTestCloud()
  sdk = cloud.sdk()
  actAs('o-tester')
})
afterAll(() => cloud.dispose())

test('upload, temporary URL, download and delete round-trip the bytes', async () => {
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])
  const up = await sdk.uploadFile({ cloudPath: 'reports/2026/路灯 1.jpg', fileContent: bytes })
  expect(up.fileID).toBe(`cloud://${cloud.env}.local-bucket/reports/2026/路灯 1.jpg`)
  const { fileList } = await sdk.getTempFileURL({ fileList: [up.fileID] })
  expect(fileList[0]).toMatchObject({ fileID: up.fileID, status: 0 })
  const viaHttp = await fetch(encodeURI(fileList[0].tempFileURL))
  expect(viaHttp.headers.get('content-type')).toBe('image/jpeg')
  expect(Buffer.from(await viaHttp.arrayBuffer())).toEqual(bytes)
  expect((await sdk.downloadFile({ fileID: up.fileID })).fileContent).toEqual(bytes)
  const del = await sdk.deleteFile({ fileList: [up.fileID] })
  expect(del.fileList[0]).toMatchObject({ fileID: up.fileID, status: 0 })
  const again = await sdk.getTempFileURL({ fileList: [up.fileID] })
  expect(again.fileList[0].status).not.toBe(0)
})

test('a tampered or expired download link is refused', async () => {
  const up = await sdk.uploadFile({ cloudPath: 'x/a.txt', fileContent: Buffer.from('secret') })
  const { fileList } = await sdk.getTempFileURL({ fileList: [up.fileID] })
  const url = new URL(encodeURI(fileList[0].tempFileURL))
  url.searchParams.set('t', String(Date.now() + 10 ** 9))
  expect((await fetch(url)).status).toBe(403)
  const other = new URL(encodeURI(fileList[0].tempFileURL).replace('a.txt', 'b.txt'))
  expect((await fetch(other)).status).toBe(403)
})

test('a cloud path cannot escape the storage folder', async () => {
  // Refused by the path check itself (INVALID_PARAM naming the path), not by some later failure.
  await expect(sdk.uploadFile({ cloudPath: '../../etc/passwd', fileContent: Buffer.from('x') })).rejects.toMatchObject({
    code: 'INVALID_PARAM',
    errMsg: 'uploadFile:fail invalid cloud path: ../../etc/passwd',
  })
})

test('msgSecCheck decides pass, review and risky from the local word list', async () => {
  const check = (content: string) => sdk.openapi.security.msgSecCheck({ content, version: 2, scene: 2, openid: 'o-tester' })
  expect((await check('楼道灯坏了三天，晚上老人上下楼不安全')).result).toEqual({ suggest: 'pass', label: 100 })
  expect((await check('有事加我微信详谈')).result.suggest).toBe('review')
  const risky = await check('小区里有人聚众赌博')
  expect(risky.result).toEqual({ suggest: 'risky', label: 20006 })
  expect(risky.detail[0].keyword).toBe('赌博')
  await expect(sdk.openapi.security.msgSecCheck({ content: 'x'.repeat(2501), version: 2, scene: 1, openid: 'o1' })).rejects.toMatchObject({
    errCode: 47001,
  })
})

test('subscribeMessage.send validates like WeChat and lands in the outbox, nowhere else', async () => {
  const before = cloud.outbox().length
  // The user accepted this template once (what wx.requestSubscribeMessage records with WeChat).
  cloud.subscriptions.grant('o-res', ['TPL_PROGRESS'])
  await sdk.openapi.subscribeMessage.send({
    touser: 'o-res',
    templateId: 'TPL_PROGRESS',
    page: 'pages/topic/index?id=t1',
    data: { thing1: { value: '电动车充电棚' }, phrase2: { value: '办理中' }, time3: { value: '2026-11-30 18:00' } },
  })
  const out = cloud.outbox()
  expect(out).toHaveLength(before + 1)
  expect(out[out.length - 1]).toMatchObject({ touser: 'o-res', templateId: 'TPL_PROGRESS', data: { phrase2: { value: '办理中' } } })
  await expect(
    sdk.openapi.subscribeMessage.send({ touser: 'o-res', templateId: 'T', data: { phrase1: { value: '超过五个字了啊' } } }),
  ).rejects.toMatchObject({ errCode: 47003 })
  await expect(sdk.openapi.subscribeMessage.send({ touser: '', templateId: 'T', data: { thing1: { value: 'x' } } })).rejects.toMatchObject({
    errCode: 40003,
  })
  expect(cloud.outbox()).toHaveLength(before + 1)
  const viaHttp = (await (await fetch(`${cloud.origin}/_local/outbox`)).json()) as { messages: unknown[] }
  expect(viaHttp.messages).toHaveLength(before + 1)
})
