import { initCloud } from './router'

/** The fields of an answer that hold stored photos (cloud:// fileIDs) in the views. */
const PHOTO_KEYS = new Set(['photos', 'meetingPhotos', 'pendingPhotos', 'pendingMeetingPhotos'])
const BATCH = 50 // getTempFileURL takes at most 50 files per call

/**
 * Photos are readable only through temporary URLs handed out by the functions (the storage rule lets no client read
 * another's files): before an answer leaves the function, every cloud:// fileID under a photo field is replaced by a
 * temp URL. The answer only reaches a caller the action already allowed to see the item, so the URL goes only there.
 * A file that cannot be resolved (missing, or storage unreachable) is left out rather than shown as a fileID.
 */
export async function withTempPhotoUrls<T>(data: T): Promise<T> {
  const ids = new Set<string>()
  const collect = (v: unknown, photoField: boolean): void => {
    if (Array.isArray(v)) for (const x of v) collect(x, photoField)
    else if (typeof v === 'string') {
      if (photoField && v.startsWith('cloud://')) ids.add(v)
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collect(x, PHOTO_KEYS.has(k))
  }
  collect(data, false)
  if (!ids.size) return data
  const urls = new Map<string, string>()
  const list = [...ids]
  for (let i = 0; i < list.length; i += BATCH) {
    try {
      const res = (await initCloud().getTempFileURL({ fileList: list.slice(i, i + BATCH) })) as { fileList?: { fileID: string; tempFileURL?: string }[] } | void
      // A file that could not be resolved comes back without a URL.
      for (const f of res?.fileList ?? []) if (f.tempFileURL) urls.set(f.fileID, f.tempFileURL)
    } catch (err) {
      console.error('getTempFileURL failed; photos left out:', (err as Error).message)
    }
  }
  const replace = (v: unknown, photoField: boolean): unknown => {
    if (Array.isArray(v)) {
      if (!photoField) return v.map((x) => replace(x, false))
      return v.flatMap((x) => (typeof x === 'string' && x.startsWith('cloud://') ? (urls.has(x) ? [urls.get(x)!] : []) : [replace(x, true)]))
    }
    if (v && typeof v === 'object' && !(v instanceof Date)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replace(x, PHOTO_KEYS.has(k))]))
    return v
  }
  return replace(data, false) as T
}
