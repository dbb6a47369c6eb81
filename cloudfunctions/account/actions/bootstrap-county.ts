import crypto from 'node:crypto'
import { fail, ok, type Handler } from '../../_shared/router'
import { database, findAll, getDoc, isDuplicate } from '../../_shared/db'
import { loadUser } from '../../_shared/caller'
import type { Tx } from '../../_shared/pipeline'
import { BOOTSTRAP_EVENT_ID, countyOfficeUser, newAdminEvent, type AdminEvent } from '../../../src/domain/admin'
import type { UserProfile } from '../../../src/domain/model'
import type * as contracts from '../../../src/contracts/account'
import { signedIn } from '../lib'

/** The secret compares in constant time (over digests, so lengths do not leak either). */
function secretMatches(given: string, expected: string): boolean {
  const digest = (s: string) => crypto.createHash('sha256').update(s).digest()
  return crypto.timingSafeEqual(digest(given), digest(expected))
}

/**
 * The one-time set-up: the deployer sets BOOTSTRAP_SECRET in the account function's environment variables and calls
 * this once from the account that becomes the county office. Refused when the secret is unset or wrong, and for good
 * once a county office exists: the bootstrap event has a fixed id, so of two racing calls exactly one commits.
 */
export const bootstrapCounty: Handler<typeof contracts.bootstrapCounty> = async (input, ctx) => {
  const expected = process.env.BOOTSTRAP_SECRET ?? ''
  if (!expected) return fail('BOOTSTRAP_DISABLED', '未配置初始化口令（BOOTSTRAP_SECRET），初始化已关闭')
  if (!ctx.openid) return fail('UNAUTHENTICATED', '请先登录')
  if (!secretMatches(input.secret, expected)) return fail('BOOTSTRAP_SECRET_WRONG', '初始化口令不正确')
  const already = (await getDoc('admin_events', BOOTSTRAP_EVENT_ID)) !== null
  const counties = await findAll<UserProfile>('users', { role: 'county_office' }, { limit: 1 })
  if (already || counties.length) return fail('ALREADY_BOOTSTRAPPED', '县级办公室已存在，初始化只能进行一次')

  const existing = await loadUser(ctx.openid)
  const user = countyOfficeUser(ctx.openid, input.displayName, ctx.now)
  const event: AdminEvent = {
    ...newAdminEvent(BOOTSTRAP_EVENT_ID, { openid: ctx.openid, role: 'county_office' }, ctx.now, {
      type: 'county_bootstrapped',
      summary: `初始化县级办公室：${input.countyName}`,
      data: { countyName: input.countyName, displayName: input.displayName },
    }),
  }
  try {
    await database().runTransaction(async (tx: Tx) => {
      await tx.collection('admin_events').add({ data: event })
      if (existing?._id) {
        const { openid: _o, joinedAt: _j, ...fields } = user
        await tx.collection('users').doc(existing._id).update({ data: fields })
      } else {
        await tx.collection('users').add({ data: user })
      }
    })
  } catch (err) {
    if (isDuplicate(err)) return fail('ALREADY_BOOTSTRAPPED', '县级办公室已存在，初始化只能进行一次')
    throw err
  }
  return ok({ user: (await signedIn(await loadUser(ctx.openid)))!, countyName: input.countyName })
}
