import Taro from '@tarojs/taro'
import type { Category, GeoPoint } from '../domain/model'
import type { LocalPhoto } from './photo'
import { newRequestId } from './request-id'

/**
 * The 随手拍 draft, kept on the device until the server has it. Its clientRequestId is made once, when the draft
 * starts, and sent with every attempt: the server turns a retried submission into the same report (never two).
 * A new id is made only for a new draft, after a success.
 */
export interface ReportDraft {
  clientRequestId: string
  text: string
  category: Category | null
  photos: LocalPhoto[]
  location: GeoPoint | null
}

const KEY = 'jy.reportDraft'
const ID_RE = /^[A-Za-z0-9_-]{8,64}$/

export function newDraft(): ReportDraft {
  return { clientRequestId: newRequestId(), text: '', category: null, photos: [], location: null }
}

export function isBlank(d: ReportDraft): boolean {
  return !d.text.trim() && !d.category && d.photos.length === 0 && !d.location
}

export function loadDraft(): ReportDraft | null {
  try {
    const raw = Taro.getStorageSync(KEY) as unknown
    const d = (typeof raw === 'string' && raw ? JSON.parse(raw) : raw) as Partial<ReportDraft> | null
    if (!d || typeof d !== 'object' || typeof d.clientRequestId !== 'string' || !ID_RE.test(d.clientRequestId)) return null
    return {
      clientRequestId: d.clientRequestId,
      text: typeof d.text === 'string' ? d.text : '',
      category: (d.category as Category | null) ?? null,
      photos: Array.isArray(d.photos) ? d.photos.filter((p) => p && typeof p.path === 'string') : [],
      location: d.location ?? null,
    }
  } catch {
    return null
  }
}

export function saveDraft(d: ReportDraft): void {
  try {
    Taro.setStorageSync(KEY, JSON.stringify(d))
  } catch {
    // Storage full or unavailable: the draft still lives in the page.
  }
}

export function clearDraft(): void {
  try {
    Taro.removeStorageSync(KEY)
  } catch {
    // nothing to clear
  }
}
