import type { ActionContract } from '../contracts/action'
import type * as account from '../contracts/account'
import type * as reports from '../contracts/reports'
import type * as topics from '../contracts/topics'
import type * as resolutions from '../contracts/resolutions'
import type * as board from '../contracts/board'
import type * as supervision from '../contracts/supervision'

/**
 * The contracts the resident pages call, as light references: `callAction` reads only `functionName` and `name`
 * from a contract at run time, and the schemas stay types here. Importing the contract modules themselves would put
 * zod (~140 KB minified) into the mini-program's main package, whose budget is 500 KB; the server validates every
 * input against the real schema anyway. tests/pages/ui.test.tsx ("ui/actions: the light references match the
 * contracts") checks each reference against its contract.
 */
function ref<C extends ActionContract>(functionName: C['functionName'], name: C['name']): C {
  return { functionName, name } as unknown as C
}

export const whoAmI = ref<typeof account.whoAmI>('account', 'whoAmI')
export const listCommunities = ref<typeof account.listCommunities>('account', 'listCommunities')
export const joinCommunity = ref<typeof account.joinCommunity>('account', 'joinCommunity')
export const redeemInvitation = ref<typeof account.redeemInvitation>('account', 'redeemInvitation')
export const getCommunitySettings = ref<typeof account.getCommunitySettings>('account', 'getCommunitySettings')

export const submitReport = ref<typeof reports.submitReport>('reports', 'submitReport')
export const listMyReports = ref<typeof reports.listMyReports>('reports', 'listMyReports')
export const meTooReport = ref<typeof reports.meTooReport>('reports', 'meTooReport')

export const getTopic = ref<typeof topics.getTopic>('topics', 'getTopic')
export const joinTopic = ref<typeof topics.joinTopic>('topics', 'joinTopic')
export const followTopic = ref<typeof topics.followTopic>('topics', 'followTopic')
export const supportTopic = ref<typeof topics.supportTopic>('topics', 'supportTopic')
export const postOpinion = ref<typeof topics.postOpinion>('topics', 'postOpinion')
export const fileObjection = ref<typeof topics.fileObjection>('topics', 'fileObjection')

export const rateResult = ref<typeof resolutions.rateResult>('resolutions', 'rateResult')
// Issue 12: a resident's own 三单 item (受理自办 / 转交办理) on 我的诉求.
export const getItem = ref<typeof resolutions.getItem>('resolutions', 'getItem')
export const confirmResult = ref<typeof resolutions.confirmResult>('resolutions', 'confirmResult')

export const getHomeFeed = ref<typeof board.getHomeFeed>('board', 'getHomeFeed')
export const getBoard = ref<typeof board.getBoard>('board', 'getBoard')

// Issue 11: 我的诉求 opened at one report (a message's page), 取消报名, 我关注的.
export const getReport = ref<typeof reports.getReport>('reports', 'getReport')
export const withdrawJoin = ref<typeof topics.withdrawJoin>('topics', 'withdrawJoin')
export const listFollowedTopics = ref<typeof topics.listFollowedTopics>('topics', 'listFollowedTopics')
export const searchTopics = ref<typeof topics.searchTopics>('topics', 'searchTopics')

// Issue 12: the 揭榜 page (its own subpackage): the community's items open for taking, and taking one in person.
export const listItemsOpenForTaking = ref<typeof supervision.listItemsOpenForTaking>('supervision', 'listItemsOpenForTaking')
export const takeItem = ref<typeof supervision.takeItem>('supervision', 'takeItem')

export const RESIDENT_ACTIONS = {
  whoAmI,
  listCommunities,
  joinCommunity,
  redeemInvitation,
  submitReport,
  listMyReports,
  getTopic,
  joinTopic,
  followTopic,
  supportTopic,
  postOpinion,
  fileObjection,
  rateResult,
  getHomeFeed,
  getBoard,
  getCommunitySettings,
  getItem,
  confirmResult,
  getReport,
  withdrawJoin,
  listFollowedTopics,
  searchTopics,
  listItemsOpenForTaking,
  takeItem,
}
