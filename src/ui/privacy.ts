/**
 * WeChat's privacy consent (required since 2023-09-15 before camera, album and location). The page shows the purpose
 * text beside the buttons; `ensurePrivacyConsent` runs inside the tap, before the privacy API. Where the base library
 * has no requirePrivacyAuthorize (older than 2.32.3) nothing is asked, as WeChat then asks nothing either. H5: the
 * browser asks for its own permissions.
 */
export const PRIVACY_PURPOSES = {
  photo: '拍照或从相册选图：仅用于随手拍上传问题现场照片，提交前可删除；照片在手机上压缩后再上传。',
  location: '位置：仅用于标注问题地点，方便网格员找到现场；只有你本人和辖区工作人员能看到。',
} as const

type PrivacyApi = (o: { success?: () => void; fail?: () => void }) => void
declare const wx: { requirePrivacyAuthorize?: PrivacyApi } | undefined

export function ensurePrivacyConsent(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve(true)
  // Asked of WeChat itself: Taro wraps a missing API in a stub that never calls back.
  const api = typeof wx !== 'undefined' && wx ? wx.requirePrivacyAuthorize : undefined
  if (typeof api !== 'function') return Promise.resolve(true)
  return new Promise((resolve) => {
    try {
      api.call(wx, { success: () => resolve(true), fail: () => resolve(false) })
    } catch {
      resolve(true)
    }
  })
}
