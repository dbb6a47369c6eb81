import { fail, ok, type Handler } from '../../_shared/router'
import { database } from '../../_shared/db'
import type * as contracts from '../../../src/contracts/account'

/** Marks the caller's own notifications read: the ids given (others' ids change nothing), or all of them. */
export const markNotificationsRead: Handler<typeof contracts.markNotificationsRead> = async (input, ctx) => {
  if (!ctx.openid) return fail('UNAUTHENTICATED', '请先登录')
  const _ = database().command
  const notifications = database().collection('notifications')
  if (input.all) await notifications.where({ openid: ctx.openid, readAt: null }).update({ data: { readAt: ctx.now } })
  else if (input.ids?.length) await notifications.where({ openid: ctx.openid, _id: _.in(input.ids), readAt: null }).update({ data: { readAt: ctx.now } })
  const unread = await notifications.where({ openid: ctx.openid, readAt: null }).count()
  return ok({ unread: unread.total as number })
}
