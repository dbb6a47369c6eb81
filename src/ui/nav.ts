import { useMemo } from 'react'
import Taro from '@tarojs/taro'

/**
 * Routes of both sides. Resident tab pages must be opened with switchTab, others with navigateTo: `go` picks.
 * The staff pages live in the staff subpackage; they move among themselves with goTo / replaceWith / backOr.
 */
export const ROUTES = {
  home: '/pages/home/index',
  report: '/pages/report/index',
  myReports: '/pages/my-reports/index',
  topic: (id: string) => `/pages/topic/index?id=${encodeURIComponent(id)}`,
  board: '/pages/board/index',
  me: '/pages/me/index',
  staffInbox: '/staff/inbox/index',
  // Search lives in its own subpackage (residents download it on first use; the main package stays small).
  search: (words = '') => (words ? `/search/index?q=${encodeURIComponent(words)}` : '/search/index'),
} as const

export const TAB_PAGES: readonly string[] = [ROUTES.home, ROUTES.board, ROUTES.me]

export const STAFF_PAGES = {
  inbox: ROUTES.staffInbox,
  publishTopic: '/staff/publish-topic/index',
  topic: '/staff/topic/index',
  meeting: '/staff/meeting/index',
  board: '/staff/board/index',
  callbacks: '/staff/callbacks/index',
  invite: '/staff/invite/index',
  settings: '/staff/settings/index',
  places: '/staff/places/index',
  // Issue 12: a 三单 item (受理自办 / 转交办理), which has no topic page.
  item: '/staff/item/index',
  supervise: '/staff/supervise/index',
  county: '/staff/county/index',
  lists: '/staff/lists/index',
  poster: '/staff/poster/index',
  // Issue 12: a department's inbox (department staff).
  department: '/staff/department/index',
} as const

/** A refused navigation (page stack full, unknown page) must not become an unhandled rejection. */
function quietly(run: () => unknown): void {
  try {
    Promise.resolve(run()).catch(() => undefined)
  } catch {
    // nothing to do: the page stays where it is
  }
}

export function go(url: string): void {
  const path = url.split('?')[0]!
  quietly(() => (TAB_PAGES.includes(path) ? Taro.switchTab({ url: path }) : Taro.navigateTo({ url })))
}

/** The current page's query parameters, read once as Taro's useRouter does. */
export function useRouteParams(): Record<string, string | undefined> {
  return useMemo(() => {
    const params = Taro.getCurrentInstance()?.router?.params ?? {}
    const out: Record<string, string | undefined> = {}
    for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' ? decodeURIComponent(v) : undefined
    return out
  }, [])
}

export function pageUrl(page: keyof typeof STAFF_PAGES, query: Record<string, string> = {}): string {
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return qs ? `${STAFF_PAGES[page]}?${qs}` : STAFF_PAGES[page]
}

export function goTo(page: keyof typeof STAFF_PAGES, query?: Record<string, string>): void {
  quietly(() => Taro.navigateTo({ url: pageUrl(page, query) }))
}

/** Replace this page (a finished form, or a peer list page) with another. */
export function replaceWith(page: keyof typeof STAFF_PAGES, query?: Record<string, string>): void {
  quietly(() => Taro.redirectTo({ url: pageUrl(page, query) }))
}

/** The 工作台 (staff/home): every staff role's overview, where a page opened directly goes up to. */
const STAFF_WORKBENCH = '/staff/home/index'

/** Back to the page that opened this one, or to `fallback` when this page was opened directly. */
export function backOr(page: keyof typeof STAFF_PAGES, query?: Record<string, string>): void {
  const depth = Taro.getCurrentPages?.().length ?? 0
  if (depth > 1) quietly(() => Taro.navigateBack())
  else replaceWith(page, query)
}

/** The path (no query, leading slash) of the page on top of the stack, or null when no router is running (tests). */
export function currentPath(): string | null {
  const path = Taro.getCurrentInstance?.()?.router?.path
  if (!path) return null
  const bare = path.split('?')[0]!
  return bare.startsWith('/') ? bare : `/${bare}`
}

export function isTabPage(path: string): boolean {
  return TAB_PAGES.includes(path.split('?')[0]!)
}

/**
 * The 返回 control of a page outside the tab bar (H5 has no navigation bar of its own): back to the page that opened
 * this one; a page opened directly goes up instead — a staff page to the 工作台, which every staff role has (a
 * department member's offers 部门待办; the triage inbox, 部门待办 and the 工作台 itself go up to 我的, where the staff
 * side is entered), a resident page to 首页.
 */
export function goBack(): void {
  const depth = Taro.getCurrentPages?.().length ?? 0
  if (depth > 1) return quietly(() => Taro.navigateBack())
  const path = currentPath() ?? ''
  // The landing pages of the staff side (the triage inbox; 部门待办 for department staff, who use no other list) go
  // back to 我的, where they are entered (src/domain/staff-nav.ts staffLanding).
  if (path === STAFF_PAGES.inbox || path === STAFF_PAGES.department || path === STAFF_WORKBENCH) return go(ROUTES.me)
  if (path.startsWith('/staff/')) return quietly(() => Taro.redirectTo({ url: STAFF_WORKBENCH }))
  go(ROUTES.home)
}
