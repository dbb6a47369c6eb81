import Taro from '@tarojs/taro'

/**
 * Routes of the resident side. Tab pages must be opened with switchTab, others with navigateTo: `go` picks.
 * The staff pages live in the staff subpackage (built by another module); only its entry is named here.
 */
export const ROUTES = {
  home: '/pages/home/index',
  report: '/pages/report/index',
  myReports: '/pages/my-reports/index',
  topic: (id: string) => `/pages/topic/index?id=${encodeURIComponent(id)}`,
  board: '/pages/board/index',
  me: '/pages/me/index',
  staffInbox: '/staff/inbox/index',
} as const

export const TAB_PAGES: readonly string[] = [ROUTES.home, ROUTES.board, ROUTES.me]

export function go(url: string): void {
  const path = url.split('?')[0]!
  // A refused navigation (page stack full, unknown page) must not become an unhandled rejection.
  try {
    const done = TAB_PAGES.includes(path) ? Taro.switchTab({ url: path }) : Taro.navigateTo({ url })
    Promise.resolve(done).catch(() => undefined)
  } catch {
    // nothing to do: the page stays where it is
  }
}
