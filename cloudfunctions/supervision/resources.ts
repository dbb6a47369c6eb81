/** Helpers the 资源清单 actions share: loading an entry and showing it. */
import { findAll, getDoc } from '../_shared/db'
import { readIn, type Tx } from '../_shared/pipeline'
import { tallyItem } from '../_shared/summaries'
import { allowedActions } from '../../src/domain/policy'
import { itemOpen, RESOURCE_KIND_LABELS, type Resource, type Takeable } from '../../src/domain/resources'
import type { Actor, Community, Resolution } from '../../src/domain/model'
import type { OutputOf } from '../../src/contracts/action'
import type * as contracts from '../../src/contracts/supervision'

export const RESOURCES = 'resources'

type ResourceView = OutputOf<typeof contracts.saveResource>['resource']

export const loadResource = (id: string) => getDoc<Resource>(RESOURCES, id)

/** A community's entries through the community_kind index; retired ones only when asked. */
export async function resourcesOf(communityId: string, includeRetired = true): Promise<Resource[]> {
  const all = await findAll<Resource>(RESOURCES, { communityId }, { limit: 2000 })
  return includeRetired ? all : all.filter((r) => !r.retiredAt)
}

export function resourceView(r: Resource, actor: Actor, community: Pick<Community, 'townshipId'>, now: Date): ResourceView {
  return {
    id: r._id,
    communityId: r.communityId,
    name: r.name,
    kind: r.kind,
    kindLabel: RESOURCE_KIND_LABELS[r.kind],
    offer: r.offer,
    contact: r.contact,
    registeredVolunteer: !!r.openid,
    retiredAt: r.retiredAt ? new Date(r.retiredAt).toISOString() : null,
    allowedActions: allowedActions(actor, { communityId: r.communityId, townshipId: community.townshipId, resource: r }, now, ['saveResource', 'retireResource']),
  }
}

/**
 * Gives item `id` to `resource` inside the transaction (接单 and 揭榜 alike): re-reads the item, refuses when it is
 * no longer open (and, for 揭榜, when another taker got there first), names the resource as the assignee and counts
 * the item on the board like every resolution write (tallyItem).
 */
export async function giveItem(
  tx: Tx,
  id: string,
  resource: Resource,
  now: Date,
  taking: boolean,
): Promise<Resolution & Takeable> {
  const fresh = await readIn<Resolution & Takeable>(tx, 'resolutions', id)
  if (!fresh || !itemOpen(fresh)) await tx.rollback('WRONG_STAGE')
  if (taking && !fresh!.openForTakingAt) await tx.rollback('WRONG_STAGE')
  if (taking && fresh!.takenAt) await tx.rollback('ALREADY_DONE')
  const patch: Partial<Resolution & Takeable> = { assigneeName: resource.name, assigneeOpenid: resource.openid, resourceId: resource._id, ...(taking ? { takenAt: now } : {}) }
  await tx.collection('resolutions').doc(id).update({ data: patch })
  await tallyItem(tx, id, fresh, now)
  return { ...fresh!, ...patch }
}
