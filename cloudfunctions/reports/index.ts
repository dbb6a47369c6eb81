import { createHandler, defineRouter } from '../_shared/router'
import * as contracts from '../../src/contracts/reports'
import { submitReport } from './actions/submit-report'
import { listMyReports } from './actions/list-my-reports'
import { getReport } from './actions/get-report'
import { listTriageInbox } from './actions/list-triage-inbox'
import { clearReport } from './actions/clear-report'
import { triageReport } from './actions/triage-report'
import { meTooReport } from './actions/me-too-report'
import { markDuplicate } from './actions/mark-duplicate'

/** The reports function: one action per file under actions/, routed by name against its contracts. */
export const main = createHandler(
  defineRouter('reports', contracts, {
    submitReport,
    listMyReports,
    getReport,
    listTriageInbox,
    clearReport,
    triageReport,
    meTooReport,
    markDuplicate,
  }),
)
