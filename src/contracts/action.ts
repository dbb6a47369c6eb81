import { z } from './zod'

/**
 * Error codes every action may answer with. An action's own codes are added in its contract.
 * Codes are stable: clients branch on them, so never rename one.
 */
export const COMMON_ERROR_CODES = [
  'UNAUTHENTICATED', // no known caller (no openid, or no user record where one is required)
  'FORBIDDEN', // the caller's role may not perform this action
  'OUT_OF_SCOPE', // the caller's role may, but not in this community / grid / on this item
  'INVALID_INPUT', // input failed the contract's schema
  'UNKNOWN_ACTION',
  'NOT_FOUND',
  'CONFLICT', // lost a race or the item changed since it was read
  'INTERNAL',
] as const
export type CommonErrorCode = (typeof COMMON_ERROR_CODES)[number]

export interface ActionError<Code extends string = string> {
  code: Code
  message: string
  /** For INVALID_INPUT: the failing paths; never personal data. */
  issues?: { path: string; message: string }[]
  /** For RATE_LIMITED: seconds until the caller's window resets and the action may be tried again. */
  retryAfterSeconds?: number
}

/** Named outcome: a function answers success or a coded failure; it never throws at the caller. */
export type Outcome<T, Code extends string = string> =
  | { ok: true; data: T }
  | { ok: false; error: ActionError<Code> }

/** What the front end sends as callFunction `data`. */
export const actionRequestSchema = z.object({
  action: z.string().min(1).max(64),
  input: z.unknown().optional(),
})
export type ActionRequest = z.infer<typeof actionRequestSchema>

export interface ActionContract<
  Name extends string = string,
  In extends z.ZodType = z.ZodType,
  Out extends z.ZodType = z.ZodType,
  Code extends string = string,
  Fn extends string = string,
> {
  /** The cloud function that serves this action. */
  functionName: Fn
  /** verb-noun, unique across all functions. */
  name: Name
  summary: string
  /** Who may call it, in words for docs/api.md; where a policy rule (src/domain/policy.ts ACTION_RULES) decides, it says the same. */
  audience?: string
  input: In
  output: Out
  /** Action-specific error codes, on top of COMMON_ERROR_CODES. */
  errors: readonly Code[]
}

export function defineAction<
  const Name extends string,
  In extends z.ZodType,
  Out extends z.ZodType,
  const Code extends string = never,
  const Fn extends string = string,
>(contract: ActionContract<Name, In, Out, Code, Fn>): ActionContract<Name, In, Out, Code, Fn> {
  return contract
}

export type InputOf<C extends ActionContract> = z.input<C['input']>
export type OutputOf<C extends ActionContract> = z.infer<C['output']>
export type ErrorCodeOf<C extends ActionContract> = C['errors'][number] | CommonErrorCode
