import { useEffect, useState } from 'react'
import { callAction } from '../api/call'
import { whoAmI } from '../contracts/account'
import type { OutputOf } from '../contracts/action'
import { decide, type ActionName } from '../domain/policy'

export type Me = NonNullable<OutputOf<typeof whoAmI>['user']> & { openid: string }

/** Who is signed in (account.whoAmI); null until known or when the caller has no profile. */
export function useMe(): { me: Me | null; error: string | null } {
  const [me, setMe] = useState<Me | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    void callAction(whoAmI, {}).then((outcome) => {
      if (!live) return
      if (outcome.ok) setMe(outcome.data.user ? { ...outcome.data.user, openid: outcome.data.openid } : null)
      else setError(outcome.error.message)
    })
    return () => {
      live = false
    }
  }, [])
  return { me, error }
}

/**
 * For the few actions no view carries an `allowedActions` for (they have no subject yet, e.g. publishing a new
 * topic): the same policy table the server enforces, applied to the caller's own place. Views' `allowedActions`
 * stay the rule everywhere else.
 */
export function mayDoHere(me: Me | null, action: ActionName): boolean {
  if (!me) return false
  const actor = { openid: me.openid, role: me.role, displayName: me.displayName, communityId: me.communityId, gridId: me.gridId, townshipId: me.townshipId }
  return decide(action, actor, { communityId: me.communityId ?? '', townshipId: me.townshipId ?? '', gridId: me.gridId }, new Date()).allowed
}
