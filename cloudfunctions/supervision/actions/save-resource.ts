import { fail, ok, type Handler } from '../../_shared/router'
import { newId } from '../../_shared/db'
import { loadActor, loadCommunity, loadUser } from '../../_shared/caller'
import { decided, guardedWrite, readIn } from '../../_shared/pipeline'
import { newTopicEvent } from '../../../src/domain/records'
import { RESIDENTS } from '../../../src/domain/policy'
import { newResource, RESOURCE_KIND_LABELS, type Resource } from '../../../src/domain/resources'
import * as contracts from '../../../src/contracts/supervision'
import { loadResource, resourceView, RESOURCES } from '../resources'

// 资源清单: staff register an entry in their community or edit one still on the roll; the change and its history
// event commit together. A linked volunteer must be a resident of the same community.
export const saveResource: Handler<typeof contracts.saveResource> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  const existing = input.resourceId ? await loadResource(input.resourceId) : null
  if (input.resourceId && !existing) return fail('NOT_FOUND', '找不到该资源')
  const community = await loadCommunity(existing?.communityId ?? actor.communityId)
  if (!community) return existing ? fail('NOT_FOUND', '找不到该资源') : fail('FORBIDDEN', '当前身份不能进行此操作')
  const denied = decided(contracts.saveResource, actor, { communityId: community._id, townshipId: community.townshipId, ...(existing ? { resource: existing } : {}) }, ctx.now)
  if (denied) return denied
  let openid: string | null = existing?.openid ?? null
  if (input.volunteerOpenid !== undefined) {
    openid = input.volunteerOpenid
    if (openid) {
      const user = await loadUser(openid)
      if (input.kind !== 'volunteer' || !user || user.communityId !== community._id || !(RESIDENTS as readonly string[]).includes(user.role)) {
        return fail('NOT_IN_COMMUNITY', '只能关联本社区的居民为志愿者')
      }
    }
  }
  if (input.kind !== 'volunteer') openid = null
  const fields = { name: input.name, kind: input.kind, offer: input.offer, contact: input.contact, openid }
  const id = existing?._id ?? newId('res')
  let saved: Resource | null = null
  const refused = await guardedWrite({ WRONG_STAGE: '该资源已退出，不能修改' }, async (tx) => {
    if (existing) {
      const fresh = await readIn<Resource>(tx, RESOURCES, id)
      if (!fresh || fresh.retiredAt) await tx.rollback('WRONG_STAGE')
      await tx.collection(RESOURCES).doc(id).update({ data: { ...fields, updatedAt: ctx.now } })
      saved = { ...fresh!, ...fields, updatedAt: ctx.now }
    } else {
      saved = newResource(id, { communityId: community._id, townshipId: community.townshipId }, fields, ctx.now)
      await tx.collection(RESOURCES).add({ data: saved })
    }
    const what = existing ? '修改资源' : '登记资源'
    return [newTopicEvent({ _id: id, communityId: community._id }, actor, ctx.now, existing ? 'resource_edited' : 'resource_added', `${what}：${input.name}（${RESOURCE_KIND_LABELS[input.kind]}）`, { resourceId: id })]
  })
  if (refused) return refused
  return ok({ resource: resourceView(saved!, actor, community, ctx.now) })
}
