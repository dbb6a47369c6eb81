import type { ActionContract, ErrorCodeOf } from '../../src/contracts/action'
import type { Actor } from '../../src/domain/model'
import { decide, type ActionName, type Subject } from '../../src/domain/policy'
import { fail, type Failure } from './router'

/**
 * The decide step of every action pipeline (load the caller and subject → decide → write with its history event →
 * notify → answer): the contract's action is decided by its rule in ACTION_RULES. A denial carries the code the rule
 * named (UNAUTHENTICATED, FORBIDDEN, OUT_OF_SCOPE, or the stage and guard codes the action's contract declares).
 */
export function decided<C extends ActionContract>(contract: C, actor: Actor | null, subject: Subject, now: Date): Failure<ErrorCodeOf<C>> | null {
  const decision = decide(contract.name as ActionName, actor, subject, now)
  return decision.allowed ? null : fail(decision.code as ErrorCodeOf<C>, decision.reason)
}

export const isFailure = <T extends object>(x: T | Failure): x is Failure => 'ok' in x && (x as Failure).ok === false
