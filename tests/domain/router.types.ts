/**
 * Type-level checks of the cloud functions' router, run by `tsc -p tsconfig.json` (this file is never executed):
 * a function's action table must name exactly its contracts, and a handler may only fail with the codes its contract
 * declares plus the common ones. Each `@ts-expect-error` line fails the type check if it stops being an error.
 */
import type * as topics from '../../src/contracts/topics'
import type { defineRouter, fail as failFn, ContractsOf, Handler, Handlers } from '../../cloudfunctions/_shared/router'

declare const route: typeof defineRouter
declare const fail: typeof failFn
declare const contracts: typeof topics
declare const all: Handlers<ContractsOf<typeof topics, 'topics'>>

export function routerTableChecks(): void {
  // Every action of the function, each once: compiles.
  route('topics', contracts, all)

  // A missing action does not compile.
  const { joinTopic, ...withoutJoin } = all
  // @ts-expect-error joinTopic has no handler
  route('topics', contracts, withoutJoin)

  // An extra action (no contract) does not compile.
  // @ts-expect-error archiveTopic is not an action of topics
  route('topics', contracts, { ...all, archiveTopic: joinTopic })

  // A misspelt action does not compile.
  // @ts-expect-error joinTopik is not an action of topics (and joinTopic is missing)
  route('topics', contracts, { ...withoutJoin, joinTopik: joinTopic })

  // An action of another function does not compile in this one.
  // @ts-expect-error publishProgress belongs to resolutions
  route('topics', contracts, { ...all, publishProgress: joinTopic })
}

export function errorCodeChecks(): void {
  // A declared code (OUT_OF_ORDER) and a common code (NOT_FOUND) compile.
  const declared: Handler<typeof topics.recordDeliberationStep> = async () => fail('OUT_OF_ORDER', '')
  const common: Handler<typeof topics.recordDeliberationStep> = async () => fail('NOT_FOUND', '')
  // @ts-expect-error REPORT_NOT_AVAILABLE is publishTopic's code, not joinTopic's
  const undeclared: Handler<typeof topics.joinTopic> = async () => fail('REPORT_NOT_AVAILABLE', '')
  // @ts-expect-error a code nobody declared
  const invented: Handler<typeof topics.joinTopic> = async () => fail('NOPE', '')
  void [declared, common, undeclared, invented]
}

declare const decided: typeof import('../../cloudfunctions/_shared/pipeline').decided
declare const joinTopicContract: typeof topics.joinTopic
declare const joinWithoutStageCodes: import('../../src/contracts/action').ActionContract<'joinTopic', typeof topics.joinTopic.input, typeof topics.joinTopic.output, never, 'topics'>
declare const replyWithoutLowRating: import('../../src/contracts/action').ActionContract<'replyToRating', typeof topics.joinTopic.input, typeof topics.joinTopic.output, 'WRONG_STAGE' | 'ALREADY_DONE', 'resolutions'>

export function policyDenialChecks(): void {
  const subject = { communityId: 'c1', townshipId: 't1' }
  // joinTopic's contract declares WRONG_STAGE (its rule is bound to topic stages): compiles.
  decided(joinTopicContract, null, subject, new Date())
  // @ts-expect-error a contract that does not declare WRONG_STAGE for a stage-bound rule
  decided(joinWithoutStageCodes, null, subject, new Date())
  // @ts-expect-error replyToRating's rule denies with NOT_LOW_RATING, which this contract does not declare
  decided(replyWithoutLowRating, null, subject, new Date())
}
