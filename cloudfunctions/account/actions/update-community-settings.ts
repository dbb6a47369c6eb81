import { fail, ok, type Handler } from '../../_shared/router'
import { database } from '../../_shared/db'
import { loadActor } from '../../_shared/caller'
import { decided, readIn } from '../../_shared/pipeline'
import { communityCategories, editCategories, settingsOverrides, type StoredCommunity } from '../../../src/domain/admin'
import * as contracts from '../../../src/contracts/account'
import { activeCommunity, writeAdmin } from '../lib'
import { settingsView } from './get-community-settings'
import crypto from 'node:crypto'

/**
 * Community staff change their community's settings and categories. Only overrides are stored (a value equal to the
 * default is dropped), categories are never deleted (an id left out is retired), and each change is a history event
 * naming what changed, from what, to what.
 */
export const updateCommunitySettings: Handler<typeof contracts.updateCommunitySettings> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const community = await activeCommunity(input.communityId ?? actor.communityId)
  if (!community) return fail('UNKNOWN_PLACE', '社区不存在或已撤销')
  const denied = decided(contracts.updateCommunitySettings, actor, { communityId: community._id, townshipId: community.townshipId }, ctx.now)
  if (denied) return denied

  const result = await writeAdmin(actor, ctx.now, async (tx) => {
    const c = (await readIn<StoredCommunity>(tx, 'communities', community._id))!
    const patch: Record<string, unknown> = {}
    const data: Record<string, unknown> = {}
    if (input.settings) {
      const overrides = settingsOverrides(c.settings, input.settings)
      patch.settings = database().command.set(overrides)
      data.settings = { from: c.settings ?? {}, to: overrides }
    }
    if (input.categories) {
      const next = editCategories(communityCategories(c), input.categories, ctx.now, () => `cat_${crypto.randomBytes(4).toString('hex')}`)
      if (!next) await tx.rollback('INVALID_CATEGORIES')
      patch.categories = database().command.set(next)
      data.categories = { from: communityCategories(c).map((e) => e.label), to: next!.filter((e) => !e.retiredAt).map((e) => e.label) }
    }
    if (Object.keys(patch).length) await tx.collection('communities').doc(c._id).update({ data: patch })
    return {
      result: null,
      events: Object.keys(patch).length
        ? [{ type: 'settings_changed', townshipId: c.townshipId, communityId: c._id, summary: `修改社区设置：${Object.keys(patch).join('、')}`, data }]
        : [],
    }
  }).then(
    () => null,
    (err) => {
      if (err === 'INVALID_CATEGORIES') return fail('INVALID_CATEGORIES', '分类列表不正确：只能引用本社区已有的分类，且至少保留一个在用分类')
      throw err
    },
  )
  if (result) return result
  const fresh = (await activeCommunity(community._id))!
  return ok(settingsView(fresh))
}
