import Taro from '@tarojs/taro'
import { callAction, getGatewaySession } from '../api/call'
import { whoAmI } from './actions'
import { nextStep, planCompression, type CompressionStep } from './image-policy'

/**
 * Photos of a report on this device: pick (camera or album), shrink (image-policy decides, the platform does it),
 * upload. In the mini-program: chooseMedia → compressImage → wx.cloud.uploadFile. In H5: a file input → canvas →
 * the local gateway's upload route when it has one (POST /api/storage/upload); without it the photo stays a local
 * preview and the report is sent without photos.
 */
export interface LocalPhoto {
  /** A local path the <Image> can show: a temp file (weapp) or a blob: URL (H5). */
  path: string
  bytes: number
  width: number
  height: number
  /** Set once uploaded: a retry of the same draft never uploads it again. */
  fileID?: string
}

export class UploadUnavailable extends Error {
  constructor() {
    super('此环境暂不支持上传照片')
    this.name = 'UploadUnavailable'
  }
}

export async function choosePhotos(source: 'camera' | 'album', count: number): Promise<{ path: string; bytes: number }[]> {
  // With explicit callbacks: Taro passes chooseMedia straight to wx (not promisified), and only newer base
  // libraries return a promise when none is given.
  const res = await new Promise<Taro.chooseMedia.SuccessCallbackResult>((resolve, reject) => {
    Taro.chooseMedia({ count: Math.max(1, count), mediaType: ['image'], sourceType: [source], sizeType: ['compressed'], success: resolve, fail: reject })
  })
  return (res.tempFiles ?? []).map((f) => ({ path: f.tempFilePath, bytes: f.size }))
}

export async function compressPhoto(input: { path: string; bytes: number }): Promise<LocalPhoto> {
  return process.env.TARO_ENV === 'h5' ? compressInBrowser(input) : compressOnDevice(input)
}

async function compressOnDevice(input: { path: string; bytes: number }): Promise<LocalPhoto> {
  const info = await Taro.getImageInfo({ src: input.path })
  let step: CompressionStep | null = planCompression({ width: info.width, height: info.height, bytes: input.bytes })
  let out: LocalPhoto = { path: input.path, bytes: input.bytes, width: info.width, height: info.height }
  for (let attempt = 1; step; attempt++) {
    // Always from the original, so quality is lost once, not once per try.
    const r = await Taro.compressImage({ src: input.path, quality: step.quality, compressedWidth: step.width, compressedHeight: step.height })
    const bytes = await fileSize(r.tempFilePath)
    out = { path: r.tempFilePath, bytes, width: step.width, height: step.height }
    step = nextStep(step, bytes, attempt)
  }
  return out
}

function fileSize(filePath: string): Promise<number> {
  return new Promise((resolve) => {
    try {
      Taro.getFileSystemManager().getFileInfo({
        filePath,
        success: (r: { size: number }) => resolve(r.size),
        fail: () => resolve(NaN),
      } as never)
    } catch {
      resolve(NaN)
    }
  })
}

async function compressInBrowser(input: { path: string; bytes: number }): Promise<LocalPhoto> {
  const img = await loadImage(input.path)
  const width = img.naturalWidth || img.width
  const height = img.naturalHeight || img.height
  let step = planCompression({ width, height, bytes: input.bytes })
  let out: LocalPhoto = { path: input.path, bytes: input.bytes, width, height }
  for (let attempt = 1; step; attempt++) {
    const canvas = document.createElement('canvas')
    canvas.width = step.width
    canvas.height = step.height
    const ctx = canvas.getContext('2d')
    if (!ctx) break
    ctx.drawImage(img, 0, 0, step.width, step.height)
    const quality = step.quality / 100
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
    if (!blob) break
    out = { path: URL.createObjectURL(blob), bytes: blob.size, width: step.width, height: step.height }
    step = nextStep(step, blob.size, attempt)
  }
  return out
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new window.Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('图片无法读取'))
    img.src = src
  })
}

/** The signed-in caller's openid, asked once per session (account.whoAmI): it names the caller's upload folder. */
let own: { session: string | null; openid: Promise<string> } | null = null
function myOpenid(): Promise<string> {
  const session = process.env.TARO_ENV === 'weapp' ? null : getGatewaySession()
  if (!own || own.session !== session) {
    const openid = callAction(whoAmI, {}).then((o) => {
      if (!o.ok) throw new Error(o.error.message)
      if (!o.data.openid) throw new Error('请先登录再上传照片')
      return o.data.openid
    })
    const mine = { session, openid }
    own = mine
    // A failed ask is asked again next time.
    openid.catch(() => {
      if (own === mine) own = null
    })
  }
  return own.openid
}

/**
 * The storage rule (config/security-rules.json) lets a client write only under its own folder, uploads/<openid>/:
 * every client upload path is built here, from a path inside that folder.
 */
export async function ownUploadPath(inFolder: string): Promise<string> {
  return `uploads/${await myOpenid()}/${inFolder.replace(/^\/+/, '')}`
}

/**
 * Uploads one photo to `inFolder` (e.g. reports/<draft id>.jpg) inside the caller's own folder uploads/<openid>/,
 * under a path fixed by the draft, so a retried upload overwrites instead of piling up.
 * Throws UploadUnavailable where this environment cannot upload (H5 gateway without the route), any other error
 * for a failure worth retrying.
 */
export async function uploadPhoto(photo: LocalPhoto, inFolder: string): Promise<string> {
  const cloudPath = await ownUploadPath(inFolder)
  if (process.env.TARO_ENV === 'weapp') {
    const r = await Taro.cloud.uploadFile({ cloudPath, filePath: photo.path })
    return r.fileID
  }
  const body = await (await fetch(photo.path)).blob()
  const headers: Record<string, string> = { 'content-type': 'image/jpeg' }
  const session = getGatewaySession()
  if (session) headers.authorization = `Bearer ${session}`
  const res = await fetch(`/api/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', headers, body })
  if (res.status === 404) throw new UploadUnavailable()
  const json = (await res.json().catch(() => null)) as { fileID?: string; errMsg?: string } | null
  if (!res.ok || !json?.fileID) throw new Error(json?.errMsg ?? `上传失败（HTTP ${res.status}）`)
  return json.fileID
}

/**
 * What an <Image> can load for a stored photo. The views hand out temp URLs (the functions resolve each photo for a
 * caller allowed to see it; storage lets no client read others' files): those load as they are. A bare fileID (a
 * photo just uploaded, not yet through a view) loads as itself in WeChat and through the gateway's redirect in H5.
 */
export function photoSrc(id: string): string | null {
  if (!id) return null
  if (/^https?:\/\//.test(id) || !id.startsWith('cloud://')) return id
  if (process.env.TARO_ENV === 'weapp') return id
  return `/api/storage/file?fileID=${encodeURIComponent(id)}`
}
