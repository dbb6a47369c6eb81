import { ok, type Handler } from '../../_shared/router'
import { database } from '../../_shared/db'
import { isFailure, readIn } from '../../_shared/pipeline'
import type { StoredCommunity, Township } from '../../../src/domain/admin'
import * as contracts from '../../../src/contracts/account'
import { decidedOnPlace, writeAdmin } from '../lib'

/** A place gets a new name; the old one stays in the history (admin_events). */
export const renamePlace: Handler<typeof contracts.renamePlace> = async (input, ctx) => {
  const allowed = await decidedOnPlace(contracts.renamePlace, input, ctx)
  if (isFailure(allowed)) return allowed
  const { actor, place } = allowed
  await writeAdmin(actor!, ctx.now, async (tx) => {
    let from = ''
    if (input.kind === 'township') {
      const t = (await readIn<Township>(tx, 'townships', input.id))!
      from = t.name
      await tx.collection('townships').doc(input.id).update({ data: { name: input.name } })
    } else {
      const c = (await readIn<StoredCommunity>(tx, 'communities', place.community!._id))!
      if (input.kind === 'community') {
        from = c.name
        await tx.collection('communities').doc(c._id).update({ data: { name: input.name } })
      } else {
        const grids = c.grids.map((g) => {
          if (input.kind === 'grid' && g.id === input.id) {
            from = g.name
            return { ...g, name: input.name }
          }
          return { ...g, buildings: g.buildings.map((b) => (input.kind === 'building' && b.id === input.id ? ((from = b.name), { ...b, name: input.name }) : b)) }
        })
        await tx.collection('communities').doc(c._id).update({ data: { grids: database().command.set(grids) } })
      }
    }
    return {
      result: null,
      events: [{ type: 'place_renamed', townshipId: place.subject.townshipId, communityId: place.community?._id ?? null, summary: `改名：${from} → ${input.name}`, data: { kind: input.kind, id: input.id, from, to: input.name } }],
    }
  })
  // Communities carry their township's name for listings: a renamed township renames it there too.
  if (input.kind === 'township') await database().collection('communities').where({ townshipId: input.id }).update({ data: { townshipName: input.name } })
  return ok({ kind: input.kind, id: input.id, name: input.name })
}
