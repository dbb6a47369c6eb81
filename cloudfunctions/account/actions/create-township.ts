import { fail, ok, type Handler } from '../../_shared/router'
import { findAll, newId } from '../../_shared/db'
import { loadActor } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import { newTownship, type Township } from '../../../src/domain/admin'
import * as contracts from '../../../src/contracts/account'
import { writeAdmin } from '../lib'

/** The county office creates a township; names are unique among the townships in service. */
export const createTownship: Handler<typeof contracts.createTownship> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const denied = decided(contracts.createTownship, actor, { communityId: '', townshipId: '' }, ctx.now)
  if (denied) return denied
  const same = await findAll<Township>('townships', { name: input.name }, { limit: 10 })
  if (same.some((t) => !t.retiredAt)) return fail('PLACE_NAME_TAKEN', '已有同名街道')
  const township = newTownship(newId('ts'), input.name, ctx.now)
  await writeAdmin(actor!, ctx.now, async (tx) => {
    await tx.collection('townships').add({ data: township })
    return { result: null, events: [{ type: 'township_created', townshipId: township._id, summary: `新建街道：${township.name}`, data: { name: township.name } }] }
  })
  return ok({ township: { id: township._id, name: township.name, retiredAt: null } })
}
