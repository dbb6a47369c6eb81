import { fail, ok, type Handler } from '../../_shared/router'
import { database, findAll } from '../../_shared/db'
import { loadActor } from '../../_shared/caller'
import type { UserProfile } from '../../../src/domain/model'
import type * as contracts from '../../../src/contracts/account'
import { ASSIGNEE_ROLES } from '../../../src/domain/policy'

// Only the staff who record meetings name assignees, and only people of their own community.
export const listAssignees: Handler<typeof contracts.listAssignees> = async (_input, ctx) => {
  const actor = await loadActor(ctx.openid)
  if (!actor) return fail('UNAUTHENTICATED', '请先登录')
  if (actor.role !== 'community_staff' || !actor.communityId) return fail('FORBIDDEN', '只有社区工作人员可以指定承办人')
  const people = await findAll<UserProfile>('users', { communityId: actor.communityId, role: database().command.in([...ASSIGNEE_ROLES]) }, { limit: 200 })
  return ok({
    assignees: people
      .map((u) => ({ openid: u.openid, displayName: u.displayName, role: u.role }))
      .sort((a, b) => a.role.localeCompare(b.role) || a.displayName.localeCompare(b.displayName, 'zh')),
  })
}
