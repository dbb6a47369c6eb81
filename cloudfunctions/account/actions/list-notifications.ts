import { fail, ok, type Handler } from '../../_shared/router'
import { database } from '../../_shared/db'
import { grantsOf, type NotificationDoc } from '../../_shared/notify'
import type * as contracts from '../../../src/contracts/account'

const PAGE = 50

/** Where a notification view comes from: its stored record (dates as ISO text). */
export function notificationViewOf(n: NotificationDoc) {
  return {
    id: n._id,
    template: n.template,
    title: n.title,
    status: n.status,
    note: n.note,
    at: new Date(n.at).toISOString(),
    page: n.page,
    read: n.readAt != null,
    message: n.message,
  }
}

/** The caller's own notifications, newest first (a page of 50, older pages by `before`), the unread count and grants. */
export const listNotifications: Handler<typeof contracts.listNotifications> = async (input, ctx) => {
  if (!ctx.openid) return fail('UNAUTHENTICATED', '请先登录')
  const _ = database().command
  const notifications = database().collection('notifications')
  const where = input?.before ? { openid: ctx.openid, createdAt: _.lt(new Date(input.before)) } : { openid: ctx.openid }
  const [page, unread, grants] = await Promise.all([
    notifications.where(where).orderBy('createdAt', 'desc').limit(PAGE).get(),
    notifications.where({ openid: ctx.openid, readAt: null }).count(),
    grantsOf(ctx.openid),
  ])
  return ok({ items: (page.data as NotificationDoc[]).map(notificationViewOf), unread: unread.total as number, grants })
}

/** The person's unread notifications (also answered by whoAmI, for the tab badge). */
export async function unreadOf(openid: string): Promise<number> {
  return (await database().collection('notifications').where({ openid, readAt: null }).count()).total as number
}
