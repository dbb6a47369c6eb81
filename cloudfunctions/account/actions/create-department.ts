import { fail, ok, type Handler } from '../../_shared/router'
import { findAll, newId } from '../../_shared/db'
import { loadActor } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import { departmentView } from '../../_shared/departments'
import { newDepartment, type Department } from '../../../src/domain/departments'
import * as contracts from '../../../src/contracts/account'
import { activeTownship, writeAdmin } from '../lib'

/**
 * A township supervisor registers a department of their township; the county office one of any township or, with
 * no township, a county-level one. The township must be in service; names are unique among the open departments of
 * the same level.
 */
export const createDepartment: Handler<typeof contracts.createDepartment> = async (input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const townshipId = input.townshipId ?? null
  const denied = decided(contracts.createDepartment, actor, { communityId: '', townshipId: townshipId ?? '' }, ctx.now)
  if (denied) return denied
  if (townshipId && !(await activeTownship(townshipId))) return fail('UNKNOWN_PLACE', '街道不存在或已撤销')
  const same = await findAll<Department>('departments', { name: input.name }, { limit: 20 })
  if (same.some((d) => !d.retiredAt && (d.townshipId ?? null) === townshipId)) return fail('PLACE_NAME_TAKEN', '已有同名部门')
  const department = newDepartment(newId('dep'), input.name, townshipId, ctx.now)
  await writeAdmin(actor!, ctx.now, async (tx) => {
    await tx.collection('departments').add({ data: department })
    return { result: null, events: [{ type: 'department_created', townshipId, summary: `登记部门：${department.name}`, data: { departmentId: department._id, name: department.name } }] }
  })
  return ok({ department: departmentView(department) })
}
