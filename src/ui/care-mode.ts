import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'

/**
 * 关怀模式: large text, large targets and high contrast for elderly residents. The choice is kept on the device and
 * applies to every page at once; pages subscribe so a switch on one page repaints the others when they show again.
 *
 * Rule: an explicit choice on the switch (kept as true or false) always wins. Without one, care mode follows the
 * system's own large-font setting: in WeChat the user's font size (「我-设置-通用-字体大小」, read through
 * getAppBaseInfo's fontSizeScaleFactor, or fontSizeSetting on older base libraries), in a browser the default font
 * size the user chose (≥ 20 CSS px, against the usual 16).
 */
const CARE_KEY = 'jy.careMode'
/** WeChat's font scale at or above which the user has asked for large text (standard is 1). */
export const LARGE_FONT_SCALE = 1.15
/** WeChat's fontSizeSetting (px) at or above which the user has asked for large text (standard is 16 or 17). */
export const LARGE_FONT_SETTING = 20
/** A browser default font size (CSS px) at or above which the user has asked for large text (standard is 16). */
export const LARGE_BROWSER_FONT = 20

const listeners = new Set<(on: boolean) => void>()

/** What the user chose on the switch: true, false, or null when never chosen. */
export function explicitCareChoice(): boolean | null {
  try {
    const value: unknown = Taro.getStorageSync(CARE_KEY)
    return value === true ? true : value === false ? false : null
  } catch {
    return null
  }
}

/** Whether the platform says the user reads with a large font (WeChat font size, or the browser's default size). */
export function systemAsksLargeText(): boolean {
  try {
    if (process.env.TARO_ENV === 'h5') {
      if (typeof document === 'undefined' || !document.body || typeof getComputedStyle !== 'function') return false
      // Taro sets the root font size for its rem units, so the user's default is read from a `medium` probe.
      const probe = document.createElement('div')
      probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium'
      document.body.appendChild(probe)
      const size = parseFloat(getComputedStyle(probe).fontSize)
      probe.remove()
      return Number.isFinite(size) && size >= LARGE_BROWSER_FONT
    }
    const base = (Taro as unknown as { getAppBaseInfo?: () => { fontSizeScaleFactor?: number; fontSizeSetting?: number } }).getAppBaseInfo?.()
    if (base && typeof base.fontSizeScaleFactor === 'number') return base.fontSizeScaleFactor >= LARGE_FONT_SCALE
    const setting = base?.fontSizeSetting ?? Taro.getSystemInfoSync?.().fontSizeSetting
    return typeof setting === 'number' && setting >= LARGE_FONT_SETTING
  } catch {
    return false
  }
}

/** Marks the document (H5) so what lies outside a page's root, such as the tab bar, follows care mode too. */
function markDocument(on: boolean): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
  document.documentElement.classList.toggle('jy-care', on)
}

export function isCareMode(): boolean {
  const chosen = explicitCareChoice()
  const on = chosen ?? systemAsksLargeText()
  markDocument(on)
  return on
}

export function setCareMode(on: boolean): void {
  Taro.setStorageSync(CARE_KEY, on)
  markDocument(on)
  for (const listener of listeners) listener(on)
}

export function useCareMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(isCareMode)
  useEffect(() => {
    listeners.add(setOn)
    return () => {
      listeners.delete(setOn)
    }
  }, [])
  Taro.useDidShow?.(() => setOn(isCareMode()))
  const set = useCallback((value: boolean) => setCareMode(value), [])
  return [on, set]
}
