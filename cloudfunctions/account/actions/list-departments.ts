import { ok, type Handler } from '../../_shared/router'
import { database, findAll } from '../../_shared/db'
import { loadActor } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import { departmentView } from '../../_shared/departments'
import { departmentVisibleTo, type Department } from '../../../src/domain/departments'
import * as contracts from '../../../src/contracts/account'

/**
 * The departments within the caller's reach (departmentVisibleTo): all for the county office, the county-level ones
 * and their township's for township and community staff, their own for department staff. Open ones only unless asked.
 */
export const listDepartments: Handler<typeof contracts.listDepartments> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const denied = decided(contracts.listDepartments, actor, { communityId: '', townshipId: '' }, ctx.now)
  if (denied) return denied
  const all = await findAll<Department>('departments', { name: database().command.exists(true) }, { orderBy: ['name', 'asc'], limit: 1000 })
  const listed = all.filter((d) => departmentVisibleTo(d, actor!) && (input?.includeRetired || !d.retiredAt))
  return ok({ departments: listed.map(departmentView) })
}
