import { fail, ok, type Handler } from '../../_shared/router'
import { findAll } from '../../_shared/db'
import { loadActor } from '../../_shared/caller'
import { decided, readIn } from '../../_shared/pipeline'
import { departmentView, loadDepartment } from '../../_shared/departments'
import type { Department } from '../../../src/domain/departments'
import * as contracts from '../../../src/contracts/account'
import { writeAdmin } from '../lib'

/** A department gets a new name; the old one stays in the history (admin_events). Items keep the name they were given. */
export const renameDepartment: Handler<typeof contracts.renameDepartment> = async (input, ctx) => {
  const [actor, department] = await Promise.all([loadActor(ctx.openid), loadDepartment(input.departmentId)])
  const denied = decided(contracts.renameDepartment, actor, { communityId: '', townshipId: department?.townshipId ?? '' }, ctx.now)
  // A caller who may manage no department learns nothing about ids; one who may, learns that the id is unknown.
  if (denied && (department || denied.error.code !== 'OUT_OF_SCOPE')) return denied
  if (!department) return fail('UNKNOWN_DEPARTMENT', '部门不存在')
  const same = await findAll<Department>('departments', { name: input.name }, { limit: 20 })
  if (same.some((d) => d._id !== department._id && !d.retiredAt && (d.townshipId ?? null) === (department.townshipId ?? null))) return fail('PLACE_NAME_TAKEN', '已有同名部门')
  await writeAdmin(actor!, ctx.now, async (tx) => {
    const fresh = (await readIn<Department>(tx, 'departments', department._id))!
    await tx.collection('departments').doc(department._id).update({ data: { name: input.name } })
    return {
      result: null,
      events: [{ type: 'department_renamed', townshipId: department.townshipId, summary: `部门改名：${fresh.name} → ${input.name}`, data: { departmentId: department._id, from: fresh.name, to: input.name } }],
    }
  })
  return ok({ department: departmentView({ ...department, name: input.name }) })
}
