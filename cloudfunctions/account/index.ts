import { createHandler, defineRouter } from '../_shared/router'
import * as contracts from '../../src/contracts/account'
import { whoAmI } from './actions/who-am-i'
import { listCommunities } from './actions/list-communities'
import { joinCommunity } from './actions/join-community'
import { listAssignees } from './actions/list-assignees'
import { issueInvitation } from './actions/issue-invitation'
import { redeemInvitation } from './actions/redeem-invitation'
import { bootstrapCounty } from './actions/bootstrap-county'
import { createTownship } from './actions/create-township'
import { createCommunity } from './actions/create-community'
import { renamePlace } from './actions/rename-place'
import { retirePlace } from './actions/retire-place'
import { listPlaces } from './actions/list-places'
import { getCommunitySettings } from './actions/get-community-settings'
import { updateCommunitySettings } from './actions/update-community-settings'
import { listStaff } from './actions/list-staff'
import { revokeInvitation } from './actions/revoke-invitation'
import { unbindStaff } from './actions/unbind-staff'
import { recordSubscriptions } from './actions/record-subscriptions'
import { listNotifications } from './actions/list-notifications'
import { markNotificationsRead } from './actions/mark-notifications-read'
import { createDepartment } from './actions/create-department'
import { renameDepartment } from './actions/rename-department'
import { retireDepartment } from './actions/retire-department'
import { listDepartments } from './actions/list-departments'

/** The account function: one action per file under actions/, routed by name against its contracts. */
export const main = createHandler(
  defineRouter('account', contracts, {
    whoAmI,
    listCommunities,
    joinCommunity,
    listAssignees,
    issueInvitation,
    redeemInvitation,
    bootstrapCounty,
    createTownship,
    createCommunity,
    renamePlace,
    retirePlace,
    listPlaces,
    getCommunitySettings,
    updateCommunitySettings,
    listStaff,
    revokeInvitation,
    unbindStaff,
    recordSubscriptions,
    listNotifications,
    markNotificationsRead,
    createDepartment,
    renameDepartment,
    retireDepartment,
    listDepartments,
  }),
)
