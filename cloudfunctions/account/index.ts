import { createHandler, defineRouter } from '../_shared/router'
import * as contracts from '../../src/contracts/account'
import { whoAmI } from './actions/who-am-i'
import { listCommunities } from './actions/list-communities'
import { joinCommunity } from './actions/join-community'
import { listAssignees } from './actions/list-assignees'
import { issueInvitation } from './actions/issue-invitation'
import { redeemInvitation } from './actions/redeem-invitation'
import { recordSubscriptions } from './actions/record-subscriptions'
import { listNotifications } from './actions/list-notifications'
import { markNotificationsRead } from './actions/mark-notifications-read'

/** The account function: one action per file under actions/, routed by name against its contracts. */
export const main = createHandler(
  defineRouter('account', contracts, {
    whoAmI,
    listCommunities,
    joinCommunity,
    listAssignees,
    issueInvitation,
    redeemInvitation,
    recordSubscriptions,
    listNotifications,
    markNotificationsRead,
  }),
)
