import { createHandler, defineRouter } from '../_shared/router'
import * as contracts from '../../src/contracts/topics'
import { publishTopic } from './actions/publish-topic'
import { attachReport } from './actions/attach-report'
import { getTopic } from './actions/get-topic'
import { listTopics } from './actions/list-topics'
import { joinTopic } from './actions/join-topic'
import { followTopic } from './actions/follow-topic'
import { supportTopic } from './actions/support-topic'
import { postOpinion } from './actions/post-opinion'
import { recordDeliberationStep } from './actions/record-deliberation-step'
import { recordMeeting } from './actions/record-meeting'
import { publishNotice } from './actions/publish-notice'
import { reviseNotice } from './actions/revise-notice'
import { fileObjection } from './actions/file-objection'
import { answerObjection } from './actions/answer-objection'
import { clearObjection } from './actions/clear-objection'
import { withdrawJoin } from './actions/withdraw-join'
import { listFollowedTopics } from './actions/list-followed-topics'
import { searchTopics } from './actions/search-topics'
import { makeNoticePoster } from './actions/make-notice-poster'

/** The topics function: one action per file under actions/, routed by name against its contracts. */
export const main = createHandler(
  defineRouter('topics', contracts, {
    publishTopic,
    attachReport,
    getTopic,
    listTopics,
    joinTopic,
    followTopic,
    supportTopic,
    postOpinion,
    recordDeliberationStep,
    recordMeeting,
    publishNotice,
    reviseNotice,
    fileObjection,
    answerObjection,
    clearObjection,
    withdrawJoin,
    listFollowedTopics,
    searchTopics,
    makeNoticePoster,
  }),
)
