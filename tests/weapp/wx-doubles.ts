/**
 * Test doubles for the wx APIs the resident pages use, installed on global.wx BEFORE loadWeappPage: Taro wraps
 * only the APIs present on wx when the app loads, and calls them through wx at call time, so a double installed
 * here is what the built page reaches. miniprogram-simulate merges its own stubs under these (ours win).
 */
export interface WxLog {
  api: string
  options: any
}

export function installWxDoubles(overrides: Record<string, unknown> = {}) {
  const log: WxLog[] = []
  const storage = new Map<string, unknown>()
  const asyncApi =
    (api: string, result: (options: any) => unknown) =>
    (options: any = {}) => {
      log.push({ api, options })
      try {
        const res = { errMsg: `${api}:ok`, ...(result(options) as object) }
        setTimeout(() => {
          options.success?.(res)
          options.complete?.(res)
        }, 0)
      } catch (err) {
        setTimeout(() => {
          options.fail?.(err)
          options.complete?.(err)
        }, 0)
      }
    }
  const doubles: Record<string, unknown> = {
    // Storage that keeps what is stored (simulate's is a no-op).
    setStorageSync: (key: string, value: unknown) => void storage.set(key, JSON.parse(JSON.stringify(value))),
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    navigateTo: asyncApi('navigateTo', () => ({})),
    switchTab: asyncApi('switchTab', () => ({})),
    requestSubscribeMessage: asyncApi('requestSubscribeMessage', (o) => Object.fromEntries((o.tmplIds as string[]).map((id) => [id, 'accept']))),
    requirePrivacyAuthorize: asyncApi('requirePrivacyAuthorize', () => ({})),
    // The confirmation after an action, and the question before what cannot be undone (answered 确认).
    showToast: asyncApi('showToast', () => ({})),
    showModal: asyncApi('showModal', () => ({ confirm: true, cancel: false })),
    ...overrides,
  }
  const g = globalThis as any
  g.wx = Object.assign(g.wx ?? {}, doubles)
  return { log, storage, asyncApi, calls: (api: string) => log.filter((l) => l.api === api).map((l) => l.options) }
}
