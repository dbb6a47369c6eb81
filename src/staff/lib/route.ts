import { useMemo } from 'react'
import Taro from '@tarojs/taro'

/** The current page's query parameters, read once as Taro's useRouter does. */
export function useRouteParams(): Record<string, string | undefined> {
  return useMemo(() => {
    const params = Taro.getCurrentInstance()?.router?.params ?? {}
    const out: Record<string, string | undefined> = {}
    for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' ? decodeURIComponent(v) : undefined
    return out
  }, [])
}

export const STAFF_PAGES = {
  inbox: '/staff/inbox/index',
  publishTopic: '/staff/publish-topic/index',
  topic: '/staff/topic/index',
  meeting: '/staff/meeting/index',
  board: '/staff/board/index',
  callbacks: '/staff/callbacks/index',
  invite: '/staff/invite/index',
} as const

export function pageUrl(page: keyof typeof STAFF_PAGES, query: Record<string, string> = {}): string {
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return qs ? `${STAFF_PAGES[page]}?${qs}` : STAFF_PAGES[page]
}

/** A refused navigation (page stack full, unknown page) must not become an unhandled rejection. */
function quietly(run: () => unknown): void {
  try {
    Promise.resolve(run()).catch(() => undefined)
  } catch {
    // the page stays where it is
  }
}

export function goTo(page: keyof typeof STAFF_PAGES, query?: Record<string, string>): void {
  quietly(() => Taro.navigateTo({ url: pageUrl(page, query) }))
}

/** Replace this page (a finished form, or a peer list page) with another. */
export function replaceWith(page: keyof typeof STAFF_PAGES, query?: Record<string, string>): void {
  quietly(() => Taro.redirectTo({ url: pageUrl(page, query) }))
}

/** Back to the page that opened this one, or to `fallback` when this page was opened directly. */
export function backOr(page: keyof typeof STAFF_PAGES, query?: Record<string, string>): void {
  const depth = Taro.getCurrentPages?.().length ?? 0
  if (depth > 1) quietly(() => Taro.navigateBack())
  else replaceWith(page, query)
}

/**
 * Runs `load` when the page shows again after being hidden (e.g. back from a form it opened); the first show is the
 * mount, which the page's own loader covers. Under jest Taro's page hooks do not exist; the mount load still runs.
 */
export function useReshow(load: () => void): void {
  const hooks = Taro as unknown as { useDidShow?: (fn: () => void) => void; useDidHide?: (fn: () => void) => void }
  const seen = useMemo(() => ({ hidden: false }), [])
  hooks.useDidHide?.(() => {
    seen.hidden = true
  })
  hooks.useDidShow?.(() => {
    if (!seen.hidden) return
    seen.hidden = false
    load()
  })
}
