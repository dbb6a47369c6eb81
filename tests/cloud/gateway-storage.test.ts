import { startTestCloud, type TestCloud } from '../support/local-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud()
  cloud.store.insert('users', [{ openid: 'u-photo', displayName: '拍照人', role: 'resident', devLogin: true, devLoginOrder: 1 }])
})
afterAll(async () => {
  await cloud.dispose()
})

async function session(openid: string): Promise<string> {
  const res = await fetch(`${cloud.origin}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })
  return ((await res.json()) as { token: string }).token
}

test('H5 upload: signed-in only, uploads/ images only, and the fileID is the same storage the SDK reads', async () => {
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])
  const anonymous = await fetch(`${cloud.origin}/api/storage/upload?cloudPath=uploads/a/x.jpg`, { method: 'POST', body: bytes })
  expect(anonymous.status).toBe(401)

  const token = await session('u-photo')
  const auth = { authorization: `Bearer ${token}` }
  for (const bad of ['demo/x.jpg', 'uploads/../x.jpg', 'uploads/a/x.exe', 'uploads/']) {
    const res = await fetch(`${cloud.origin}/api/storage/upload?cloudPath=${encodeURIComponent(bad)}`, { method: 'POST', headers: auth, body: bytes })
    expect(res.status).toBe(400)
  }
  const tooBig = await fetch(`${cloud.origin}/api/storage/upload?cloudPath=uploads/u-photo/big.jpg`, { method: 'POST', headers: auth, body: Buffer.alloc(3 * 1024 * 1024) }).catch(() => null)
  expect(tooBig === null || tooBig.status === 413).toBe(true)

  const ok = await fetch(`${cloud.origin}/api/storage/upload?cloudPath=uploads/u-photo/x.jpg`, { method: 'POST', headers: auth, body: bytes })
  expect(ok.status).toBe(200)
  const { fileID } = (await ok.json()) as { fileID: string }
  expect(fileID).toMatch(/^cloud:\/\/local-env\.[^/]+\/uploads\/u-photo\/x\.jpg$/)

  // The real SDK resolves the same fileID; the gateway's link redirects to the same bytes.
  const sdk = cloud.sdk()
  const { fileList } = await sdk.getTempFileURL({ fileList: [fileID] })
  expect(fileList[0].status ?? 0).toBe(0)
  const viaSdk = Buffer.from(await (await fetch(fileList[0].tempFileURL)).arrayBuffer())
  expect(viaSdk.equals(bytes)).toBe(true)
  const viaGateway = await fetch(`${cloud.origin}/api/storage/file?fileID=${encodeURIComponent(fileID)}`)
  expect(Buffer.from(await viaGateway.arrayBuffer()).equals(bytes)).toBe(true)
  expect((await fetch(`${cloud.origin}/api/storage/file?fileID=${encodeURIComponent(fileID + 'nope')}`)).status).toBe(404)
})
