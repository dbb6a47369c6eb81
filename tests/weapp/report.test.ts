import { loadWeappPage, type CloudCall, type WeappPage } from '../support/weapp-simulate'
import { report } from '../pages/fixtures'
import { installWxDoubles } from './wx-doubles'

/**
 * The built 随手拍 page in miniprogram-simulate: privacy consent before the camera, the photo shrunk with
 * wx.compressImage to the policy's size, uploaded with wx.cloud.uploadFile once, and the report sent with one
 * clientRequestId across a retry after a platform failure.
 */
let failNext = false
let view: WeappPage
const uploads: { cloudPath: string; filePath: string }[] = []

const wxd = installWxDoubles()
const photoApis = {
  chooseMedia: wxd.asyncApi('chooseMedia', () => ({ type: 'image', tempFiles: [{ tempFilePath: 'wxfile://tmp/camera.jpg', size: 4_200_000, fileType: 'image' }] })),
  getImageInfo: wxd.asyncApi('getImageInfo', () => ({ width: 4032, height: 3024, path: 'wxfile://tmp/camera.jpg', type: 'jpeg' })),
  compressImage: wxd.asyncApi('compressImage', () => ({ tempFilePath: 'wxfile://tmp/compressed.jpg' })),
  getFileSystemManager: () => ({
    getFileInfo: (o: { filePath: string; success: (r: { size: number }) => void }) => setTimeout(() => o.success({ size: 240_000 }), 0),
  }),
}
Object.assign((globalThis as any).wx, photoApis)

beforeAll(async () => {
  view = await loadWeappPage('pages/report/index', {
    callFunction: (call: CloudCall) => {
      // The platform failure hits the submission itself (telling the server which subscriptions were accepted is
      // another call, answered as usual).
      if (failNext && (call.data as { action?: string }).action === 'submitReport') {
        failNext = false
        throw { errCode: -1, errMsg: 'cloud.callFunction:fail request:fail timeout' }
      }
      const { action, input } = call.data as { action: string; input: any }
      // The page reads the community's categories when it opens, and the caller's openid (its upload folder) once.
      if (action === 'getCommunitySettings') return { ok: true, data: { communityId: 'c1', communityName: '屏山社区', categories: CATEGORIES } }
      if (action === 'whoAmI') return { ok: true, data: { openid: 'o-resident', source: 'wx_client', user: null } }
      return { ok: true, data: { report: report('rp-9', { text: input.text, category: input.category, photos: input.photos }), duplicateRequest: false, similarNearby: [] } }
    },
  })
  ;(globalThis as any).wx.cloud.uploadFile = async (o: { cloudPath: string; filePath: string }) => {
    uploads.push({ cloudPath: o.cloudPath, filePath: o.filePath })
    return { fileID: `cloud://env-1.bucket/${o.cloudPath}`, statusCode: 200, errMsg: 'cloud.uploadFile:ok' }
  }
})
afterAll(() => view?.dispose())

const CATEGORIES = [
  { id: 'infrastructure', label: '基础设施', retired: false },
  { id: 'public_order', label: '治安', retired: false },
]
/** The calls a tap made: everything but reading the community's categories, which the page does when it opens. */
const tapCalls = () => view.cloudCalls.filter((c) => (c.data as { action?: string }).action !== 'getCommunitySettings')

const classOf = (label: string) => {
  const b = (Array.from(view.root.querySelectorAll('wx-button')) as HTMLElement[]).find((x) => (x.textContent ?? '').includes(label))
  return b?.getAttribute('class') ?? ''
}
async function type(selector: string, value: string) {
  const input = view.page.querySelector(selector)
  if (!input) throw new Error(`no ${selector}`)
  input.dispatchEvent('input', { detail: { value } })
  await new Promise((r) => setTimeout(r, 0))
}

describe('weapp report page (built dist/weapp in miniprogram-simulate)', () => {
  test('shows the purposes of camera, album and location; a category chip toggles on a tap', async () => {
    await view.waitFor(() => expect(view.text()).toContain('仅用于随手拍上传问题现场照片'))
    expect(view.text()).toContain('仅用于标注问题地点')
    expect(view.text()).not.toContain('网页版')
    expect(classOf('基础设施')).not.toContain('btn--on')
    await view.tapButton('基础设施')
    await view.waitFor(() => expect(classOf('基础设施')).toContain('btn--on'))
  })

  test('nothing is sent without a line of text', async () => {
    await view.tapButton('提交')
    await view.waitFor(() => expect(view.text()).toContain('请用一句话说明问题'))
    expect(tapCalls()).toHaveLength(0)
  })

  test('拍照 asks the privacy consent first, then the camera, and shrinks the photo to the policy', async () => {
    await view.tapButton('拍照')
    await view.waitFor(() => expect(wxd.calls('compressImage')).toHaveLength(1))
    const order = wxd.log.map((l) => l.api).filter((a) => ['requirePrivacyAuthorize', 'chooseMedia', 'getImageInfo', 'compressImage'].includes(a))
    expect(order).toEqual(['requirePrivacyAuthorize', 'chooseMedia', 'getImageInfo', 'compressImage'])
    expect(wxd.calls('chooseMedia')[0]).toMatchObject({ mediaType: ['image'], sourceType: ['camera'] })
    const c = wxd.calls('compressImage')[0]
    expect(c).toMatchObject({ src: 'wxfile://tmp/camera.jpg', compressedWidth: 1280, compressedHeight: 960 })
    expect(c.quality).toBeGreaterThanOrEqual(40)
    expect(c.quality).toBeLessThanOrEqual(80)
    // A preview appears (simulate's image drops src; the next test sees the compressed file uploaded).
    await view.waitFor(() => expect(view.root.querySelectorAll('.main--report__photo .main--photos__img')).toHaveLength(1))
    expect(tapCalls()).toHaveLength(0)
  })

  test('a platform failure keeps the draft; the retry reuses the uploaded photo and the same clientRequestId', async () => {
    await type('.sf-input', '3栋门口路灯坏了一周')
    failNext = true
    await view.tapButton('提交')
    await view.waitFor(() => expect(view.text()).toContain('没有提交成功'))
    expect(uploads).toEqual([{ cloudPath: expect.stringMatching(/^uploads\/o-resident\/reports\/[A-Za-z0-9_-]+\.jpg$/), filePath: 'wxfile://tmp/compressed.jpg' }])
    const draft = JSON.parse(wxd.storage.get('jy.reportDraft') as string)
    expect(draft).toMatchObject({ text: '3栋门口路灯坏了一周', category: 'infrastructure' })
    expect(draft.photos[0].fileID).toMatch(/^cloud:\/\//)

    await view.tapButton('重试提交')
    await view.waitFor(() => expect(view.text()).toContain('已提交'))
    expect(uploads).toHaveLength(1)
    // Each tap tells the server which subscriptions were accepted, then submits (the first asks once for the
    // caller's upload folder); the retry submits the same report.
    const calls = tapCalls().map((c) => c.data as { action: string; input: any })
    expect(calls.map((s) => s.action)).toEqual(['recordSubscriptions', 'whoAmI', 'submitReport', 'recordSubscriptions', 'submitReport'])
    const sent = calls.filter((s) => s.action === 'submitReport')
    expect(sent).toHaveLength(2)
    expect(sent[1]!.input).toEqual(sent[0]!.input)
    expect(sent[0]!.input).toEqual({
      clientRequestId: draft.clientRequestId,
      text: '3栋门口路灯坏了一周',
      category: 'infrastructure',
      photos: [`cloud://env-1.bucket/${uploads[0]!.cloudPath}`],
      location: null,
    })
    expect(wxd.storage.has('jy.reportDraft')).toBe(false)
  })
})
