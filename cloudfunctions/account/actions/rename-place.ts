import { fail, ok, type Handler } from '../../_shared/router'
import { database } from '../../_shared/db'
import { loadActor } from '../../_shared/caller'
import { decided, readIn } from '../../_shared/pipeline'
import type { StoredCommunity, Township } from '../../../src/domain/admin'
import * as contracts from '../../../src/contracts/account'
import { loadStoredCommunity, loadTownship, writeAdmin } from '../lib'

/** Resolves a place reference to the documents that hold it, for the rename and retire actions. */
export async function resolvePlace(input: { kind: 'township' | 'community' | 'grid' | 'building'; id: string; communityId?: string }) {
  if (input.kind === 'township') {
    const township = await loadTownship(input.id)
    return township ? { township, community: null, subject: { communityId: '', townshipId: township._id, placeKind: input.kind } } : null
  }
  const community = await loadStoredCommunity(input.kind === 'community' ? input.id : input.communityId)
  if (!community) return null
  if (input.kind === 'grid' && !community.grids.some((g) => g.id === input.id)) return null
  if (input.kind === 'building' && !community.grids.some((g) => g.buildings.some((b) => b.id === input.id))) return null
  return { township: null, community, subject: { communityId: community._id, townshipId: community.townshipId, placeKind: input.kind } }
}

/** A place gets a new name; the old one stays in the history (admin_events). */
export const renamePlace: Handler<typeof contracts.renamePlace> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const place = await resolvePlace(input)
  if (!place) {
    const denied = decided(contracts.renamePlace, actor, { communityId: '', townshipId: '', placeKind: input.kind }, ctx.now)
    return denied && denied.error.code !== 'OUT_OF_SCOPE' ? denied : fail('UNKNOWN_PLACE', '地点不存在')
  }
  const denied = decided(contracts.renamePlace, actor, place.subject, ctx.now)
  if (denied) return denied
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
