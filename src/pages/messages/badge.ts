import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { callAction } from '../../api/call'
import type * as account from '../../contracts/account'

// Light references (see ui/actions.ts): only functionName and name are read at run time.
export const listNotifications = { functionName: 'account', name: 'listNotifications' } as unknown as typeof account.listNotifications
export const markNotificationsRead = { functionName: 'account', name: 'markNotificationsRead' } as unknown as typeof account.markNotificationsRead

/** The tab whose badge shows the unread count (我的, from where 消息 is opened). */
export const BADGE_TAB_INDEX = 2

/** Shows an unread count on the tab bar; zero removes the badge. Outside a tab page WeChat refuses: quietly. */
export function showUnreadBadge(unread: number): void {
  try {
    const r = unread > 0 ? Taro.setTabBarBadge({ index: BADGE_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) }) : Taro.removeTabBarBadge({ index: BADGE_TAB_INDEX })
    Promise.resolve(r).catch(() => undefined)
  } catch {
    // no tab bar here: nothing to show
  }
}

/** Asks for the unread count and shows it on the tab (for the tab pages to call when they show). */
export async function refreshUnreadBadge(): Promise<void> {
  const out = await callAction(listNotifications, {})
  if (out.ok) showUnreadBadge(out.data.unread)
}

/** The badge follows a page's known unread count. */
export function useUnreadBadge(unread: number | null): void {
  useEffect(() => {
    if (unread !== null) showUnreadBadge(unread)
  }, [unread])
}

/**
 * For a tab page that does not ask whoAmI (whose answer carries the count): refresh the badge each time it shows.
 * Every tab page thus shows a fresh unread count (issue 11).
 */
export function useUnreadBadgeOnShow(): void {
  Taro.useDidShow?.(() => {
    void refreshUnreadBadge().catch(() => undefined)
  })
}
