import { fail, ok, type Handler } from '../../_shared/router'
import { loadActor } from '../../_shared/caller'
import { decided, readIn } from '../../_shared/pipeline'
import type { Department } from '../../../src/domain/departments'
import { departmentView, loadDepartment } from '../../_shared/departments'
import * as contracts from '../../../src/contracts/account'
import { writeAdmin } from '../lib'

/**
 * A department is retired, not deleted: its document stays (items transferred to it still name it and are answered
 * as before); from now on no transfer, invitation or 联席会议 may name it. The transaction re-reads it, so a
 * second retirement racing the first writes nothing.
 */
export const retireDepartment: Handler<typeof contracts.retireDepartment> = async (input, ctx) => {
  const [actor, department] = await Promise.all([loadActor(ctx.openid), loadDepartment(input.departmentId)])
  const denied = decided(contracts.retireDepartment, actor, { communityId: '', townshipId: department?.townshipId ?? '' }, ctx.now)
  if (denied && (department || denied.error.code !== 'OUT_OF_SCOPE')) return denied
  if (!department) return fail('UNKNOWN_DEPARTMENT', '部门不存在')
  if (department.retiredAt) return fail('ALREADY_DONE', '该部门已撤销')
  await writeAdmin(actor!, ctx.now, async (tx) => {
    const fresh = await readIn<Department>(tx, 'departments', department._id)
    if (fresh?.retiredAt) return { result: null, events: [] }
    await tx.collection('departments').doc(department._id).update({ data: { retiredAt: ctx.now } })
    return { result: null, events: [{ type: 'department_retired', townshipId: department.townshipId, summary: `撤销部门：${department.name}`, data: { departmentId: department._id } }] }
  })
  const stored = (await loadDepartment(department._id))!
  return ok({ department: departmentView(stored) })
}
