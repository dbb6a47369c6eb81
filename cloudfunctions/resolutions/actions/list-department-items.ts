import { ok, type Handler } from '../../_shared/router'
import { findAll } from '../../_shared/db'
import { loadActor } from '../../_shared/caller'
import { decided } from '../../_shared/pipeline'
import type { Resolution, Topic } from '../../../src/domain/model'
import * as contracts from '../../../src/contracts/resolutions'

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

/**
 * A department's inbox: the items transferred to the caller's own department (open ones first, by the disclosure due
 * next, then the done ones, newest result first) and the 联席会议 topics that invite it. Nothing of another
 * department is read: both queries select by the caller's departmentId.
 */
export const listDepartmentItems: Handler<typeof contracts.listDepartmentItems> = async (_input, ctx) => {
  const actor = await loadActor(ctx.openid)
  const denied = decided(contracts.listDepartmentItems, actor, { communityId: '', townshipId: '' }, ctx.now)
  if (denied) return denied
  const departmentId = actor!.departmentId ?? ''
  const [items, topics] = await Promise.all([
    departmentId ? findAll<Resolution>('resolutions', { departmentId }, { limit: 1000 }) : [],
    departmentId ? findAll<Topic & { invitedDepartmentIds?: string[] }>('topics', { invitedDepartmentIds: departmentId }, { limit: 200 }) : [],
  ])
  const at = (d: Date | string | null | undefined) => (d ? new Date(d).getTime() : 0)
  const sorted = [...items].sort((a, b) => {
    if (!!a.resultPublishedAt !== !!b.resultPublishedAt) return a.resultPublishedAt ? 1 : -1
    return a.resultPublishedAt ? at(b.resultPublishedAt) - at(a.resultPublishedAt) : at(a.disclosureDueAt) - at(b.disclosureDueAt)
  })
  return ok({
    departmentId,
    items: sorted.map((r) => ({
      id: r._id,
      title: r.title,
      communityId: r.communityId,
      assigneeName: r.assigneeName,
      dueAt: new Date(r.dueAt).toISOString(),
      disclosureDueAt: iso(r.disclosureDueAt),
      resultPublishedAt: iso(r.resultPublishedAt),
      done: !!r.resultPublishedAt,
    })),
    topics: topics
      .sort((a, b) => at(b.meetingAt) - at(a.meetingAt))
      .map((t) => ({ id: t._id, title: t.title, communityId: t.communityId, meetingAt: new Date(t.meetingAt).toISOString(), meetingPlace: t.meetingPlace })),
  })
}
