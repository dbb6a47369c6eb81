import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'

/**
 * 关怀模式: large text and high contrast for elderly residents. The choice is kept on the device and applies to every
 * page at once; pages subscribe so a switch on one page repaints the others when they show again.
 */
const CARE_KEY = 'jy.careMode'
const listeners = new Set<(on: boolean) => void>()

export function isCareMode(): boolean {
  try {
    return Taro.getStorageSync(CARE_KEY) === true
  } catch {
    return false
  }
}

export function setCareMode(on: boolean): void {
  Taro.setStorageSync(CARE_KEY, on)
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
