import type { ActionContract, ErrorCodeOf } from '../../src/contracts/action'
import type { Actor, TopicEvent } from '../../src/domain/model'
import { database, isDuplicate, isTransactionConflict } from './db'
import { appendEvent } from './history'
import { decide, type ActionName, type DenialCodeOf, type Subject } from '../../src/domain/policy'
import { fail, type Failure } from './router'

/** A contract whose errors declare every code its policy rule can deny with. */
export type Decidable<C extends ActionContract<ActionName>> = C &
  (DenialCodeOf<C['name']> extends ErrorCodeOf<C> ? unknown : { undeclaredDenialCodes: Exclude<DenialCodeOf<C['name']>, ErrorCodeOf<C>> })

/**
 * The decide step of every action pipeline (load the caller and subject → decide → write with its history event →
 * notify → answer): the contract's action is decided by its rule in ACTION_RULES. A denial carries the code the rule
 * named; the type requires the contract to declare every code the rule can deny with (DenialCodeOf), so a rule that
 * gains a code its contract does not declare fails to compile here.
 */
export function decided<C extends ActionContract<ActionName>>(
  contract: Decidable<C>,
  actor: Actor | null,
  subject: Subject,
  now: Date,
): Failure<ErrorCodeOf<C>> | null {
  const decision = decide(contract.name, actor, subject, now)
  // Sound by the constraint on `contract`: the code is one of DenialCodeOf<name>, all of which the contract declares.
  return decision.allowed ? null : fail(decision.code as ErrorCodeOf<C>, decision.reason)
}

export const isFailure = <T extends object>(x: T | Failure): x is Failure => 'ok' in x && (x as Failure).ok === false

/** A transaction handle (the SDK's typings are loose; documents are read and written as the domain's types). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = any

/** Reads one document inside a transaction; null when there is none. */
export async function readIn<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  const got = await tx.collection(collection).doc(id).get().catch(() => null)
  return (got?.data as T | undefined) ?? null
}

/**
 * The write step of the pipeline: the change and the history events it returns commit together or not at all, so
 * the history never records a change that did not happen nor misses one that did. A change may refuse with
 * `tx.rollback(code)`; the caller sees the code thrown. Racing writes on one document are applied one after the
 * other; an insert that lost a race to its twin (a duplicate id), or a transaction that lost to another on the same
 * documents (production answers DATABASE_TRANSACTION_CONFLICT and the SDK never retries), runs again on top of the
 * winner, which it re-reads.
 */
export async function writeWithHistory<T>(change: (tx: Tx) => Promise<{ result: T; events: Omit<TopicEvent, '_id'>[] }>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      let result: T | undefined
      await database().runTransaction(async (tx: Tx) => {
        const done = await change(tx)
        for (const e of done.events) await appendEvent(e, tx)
        result = done.result
      })
      return result as T
    } catch (err) {
      if (attempt < 3 && (isDuplicate(err) || isTransactionConflict(err))) continue
      throw err
    }
  }
}

/**
 * A guarded write: `change` refuses with `tx.rollback(code)` when the stored record no longer allows it (read inside
 * the transaction); the refusal is answered as that code with its message, and nothing (not even the event) is written.
 */
export async function guardedWrite<Code extends string>(
  refusals: Record<Code, string>,
  change: (tx: Tx) => Promise<Omit<TopicEvent, '_id'>[]>,
): Promise<Failure<Code> | null> {
  try {
    await writeWithHistory(async (tx) => ({ result: null, events: await change(tx) }))
    return null
  } catch (err) {
    if (typeof err === 'string' && Object.prototype.hasOwnProperty.call(refusals, err)) return fail(err as Code, refusals[err as Code])
    throw err
  }
}

/** Two stored instants are the same moment (documents read back may hold Date or ISO values). */
export function sameInstant(a: Date | string | null | undefined, b: Date | string | null | undefined): boolean {
  if (a == null || b == null) return a == null && b == null
  return new Date(a).getTime() === new Date(b).getTime()
}
