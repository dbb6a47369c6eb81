import { createHandler, defineRouter } from '../_shared/router'
import * as contracts from '../../src/contracts/resolutions'
import { publishProgress } from './actions/publish-progress'
import { publishResult } from './actions/publish-result'
import { rateResult } from './actions/rate-result'
import { replyToRating } from './actions/reply-to-rating'
import { listCallbacks } from './actions/list-callbacks'
import { recordCallback } from './actions/record-callback'
import { confirmResult } from './actions/confirm-result'
import { getItem } from './actions/get-item'
import { listDepartmentItems } from './actions/list-department-items'

/** The resolutions function: one action per file under actions/, routed by name against its contracts. */
export const main = createHandler(
  defineRouter('resolutions', contracts, {
    publishProgress,
    publishResult,
    rateResult,
    replyToRating,
    listCallbacks,
    recordCallback,
    confirmResult,
    getItem,
    listDepartmentItems,
  }),
)
