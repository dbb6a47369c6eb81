import { fail, ok, type Handler } from '../../_shared/router'
import { database, findAll } from '../../_shared/db'
import { isFailure, readIn } from '../../_shared/pipeline'
import type { StoredCommunity } from '../../../src/domain/admin'
import * as contracts from '../../../src/contracts/account'
import { decidedOnPlace, writeAdmin } from '../lib'

/**
 * A place is retired, not deleted: its document stays with retiredAt (old reports and topics still name it) and
 * from now on nobody joins it, is invited to it or reports in it. A township is retired only once all its
 * communities are.
 */
export const retirePlace: Handler<typeof contracts.retirePlace> = async (input, ctx) => {
  const allowed = await decidedOnPlace(contracts.retirePlace, input, ctx)
  if (isFailure(allowed)) return allowed
  const { actor, place } = allowed
  if (input.kind === 'township') {
    const communities = await findAll<StoredCommunity>('communities', { townshipId: input.id }, { limit: 500 })
    if (communities.some((c) => !c.retiredAt)) return fail('PLACE_IN_USE', '请先撤销该街道下的全部社区')
  }
  const at = await writeAdmin(actor!, ctx.now, async (tx) => {
    let retiredAt: Date = ctx.now
    let name = ''
    if (input.kind === 'township') {
      const t = (await readIn<{ name: string; retiredAt: Date | null }>(tx, 'townships', input.id))!
      name = t.name
      if (t.retiredAt) retiredAt = t.retiredAt
      else await tx.collection('townships').doc(input.id).update({ data: { retiredAt } })
    } else {
      const c = (await readIn<StoredCommunity>(tx, 'communities', place.community!._id))!
      if (input.kind === 'community') {
        name = c.name
        if (c.retiredAt) retiredAt = c.retiredAt
        else await tx.collection('communities').doc(c._id).update({ data: { retiredAt } })
      } else {
        const grids = c.grids.map((g) => {
          if (input.kind === 'grid' && g.id === input.id) {
            name = g.name
            return { ...g, retiredAt: g.retiredAt ?? retiredAt }
          }
          return { ...g, buildings: g.buildings.map((b) => (input.kind === 'building' && b.id === input.id ? ((name = b.name), { ...b, retiredAt: b.retiredAt ?? retiredAt }) : b)) }
        })
        await tx.collection('communities').doc(c._id).update({ data: { grids: database().command.set(grids) } })
      }
    }
    return {
      result: retiredAt,
      events: [{ type: 'place_retired', townshipId: place.subject.townshipId, communityId: place.community?._id ?? null, summary: `撤销：${name}`, data: { kind: input.kind, id: input.id, name } }],
    }
  })
  return ok({ kind: input.kind, id: input.id, retiredAt: new Date(at).toISOString() })
}
