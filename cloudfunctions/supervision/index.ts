import { createHandler, defineRouter } from '../_shared/router'
import * as contracts from '../../src/contracts/supervision'
import { getTownshipOverview } from './actions/get-township-overview'
import { superviseEscalation } from './actions/supervise-escalation'
import { answerSupervision } from './actions/answer-supervision'
import { getCountyCycle } from './actions/get-county-cycle'
import { exportCountyCycle } from './actions/export-county-cycle'
import { getCommunityList } from './actions/get-community-list'
import { exportCommunityList } from './actions/export-community-list'
import { urgeItem } from './actions/urge-item'
import { recordMonthlyReview } from './actions/record-monthly-review'
import { listMonthlyReviews } from './actions/list-monthly-reviews'
import { listSupervisions } from './actions/list-supervisions'
import { saveResource } from './actions/save-resource'
import { retireResource } from './actions/retire-resource'
import { listResources } from './actions/list-resources'
import { assignItemToResource } from './actions/assign-item-to-resource'
import { publishItemForTaking } from './actions/publish-item-for-taking'
import { takeItem } from './actions/take-item'
import { listItemsOpenForTaking } from './actions/list-items-open-for-taking'
import { listVolunteerCandidates } from './actions/list-volunteer-candidates'

/** The supervision function: the township's 督办 workbench and the county's cycle reports, one action per file. */
export const main = createHandler(
  defineRouter('supervision', contracts, {
    getTownshipOverview,
    superviseEscalation,
    answerSupervision,
    getCountyCycle,
    exportCountyCycle,
    getCommunityList,
    exportCommunityList,
    urgeItem,
    recordMonthlyReview,
    listMonthlyReviews,
    listSupervisions,
    saveResource,
    retireResource,
    listResources,
    assignItemToResource,
    publishItemForTaking,
    takeItem,
    listItemsOpenForTaking,
    listVolunteerCandidates,
  }),
)
