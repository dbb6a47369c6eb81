import Taro from '@tarojs/taro'
import { getGatewaySession } from './call'

/**
 * Photos: pages upload a compressed local file and get a fileID, and show a fileID as an image. In WeChat that is
 * wx.cloud.uploadFile and <Image src="cloud://…">; in the H5 build it is the local gateway's stand-ins.
 */
export class UploadError extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
    this.name = 'UploadError'
  }
}

function extensionOf(path: string): string {
  const m = /\.(jpe?g|png|webp)(?:$|\?)/i.exec(path)
  return m ? m[1]!.toLowerCase().replace('jpeg', 'jpg') : 'jpg'
}

/** A cloud path no two uploads share: uploads/<yyyymm>/<random>.<ext>. */
export function newCloudPath(localPath: string, now = new Date()): string {
  const month = `${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`
  const random = `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 10)}`
  return `uploads/${month}/${random}.${extensionOf(localPath)}`
}

export async function uploadPhoto(localPath: string): Promise<string> {
  const cloudPath = newCloudPath(localPath)
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = await Taro.cloud.uploadFile({ cloudPath, filePath: localPath })
      return res.fileID
    } catch (err) {
      throw new UploadError('UPLOAD_FAILED', (err as { errMsg?: string }).errMsg ?? String(err))
    }
  }
  let blob: Blob
  try {
    blob = await (await fetch(localPath)).blob()
  } catch (err) {
    throw new UploadError('LOCAL_FILE', String(err))
  }
  const session = getGatewaySession()
  let res: Response
  try {
    res = await fetch(`/api/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: session ? { authorization: `Bearer ${session}` } : {},
      body: blob,
    })
  } catch (err) {
    throw new UploadError('NETWORK', String(err))
  }
  const body = (await res.json().catch(() => null)) as { fileID?: string; errCode?: string; errMsg?: string } | null
  if (!res.ok || !body?.fileID) throw new UploadError(body?.errCode ?? `HTTP_${res.status}`, body?.errMsg ?? '上传失败')
  return body.fileID
}

/** What an <Image src> needs for a stored photo. */
export function photoSrc(fileID: string): string {
  if (process.env.TARO_ENV === 'weapp') return fileID
  return `/api/storage/file?fileID=${encodeURIComponent(fileID)}`
}
