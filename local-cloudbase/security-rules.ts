/**
 * CloudBase security rules, evaluated the way production evaluates them for client requests (the mini-program's
 * `wx.cloud.database()` and `wx.cloud.uploadFile`/`downloadFile`). Cloud functions bypass rules entirely, so nothing
 * here applies to the wx-server-sdk path.
 *
 * The rules come from config/security-rules.json, the same file the deploy kit ships (scripts/deploy). A rule is
 * `{ read, write, create?, update?, delete? }` whose values are `true`, `false` or an expression string such as
 * `doc._openid == auth.openid`. The expression language accepted here is deliberately small:
 *   literals   true false null, numbers, 'single' or "double" quoted strings
 *   variables  auth, doc (database), resource (storage), with member access a.b.c
 *   operators  == != < <= > >=  && ||  !  ( )  and + joining two strings (anything else: a missing value)
 *   method     <string>.startsWith('<prefix>') for path-prefix checks (the only call accepted)
 * No eval, no Function: a tokenizer and a recursive-descent parser build a tree that an interpreter walks.
 * Everything outside the language fails closed: a syntax error, an unknown variable, an unknown method, a missing
 * rule key, an unknown collection — each denies the request.
 *
 * For a database read, production does not filter: it refuses a query whose condition could match a document the
 * rule denies. Evaluating each matched document and refusing the whole query if any is denied is the closest local
 * equivalent; with `read: false` every client query is refused whatever it matches.
 */

/** A rule value as it stands in the rules file. */
export type RuleValue = boolean | string

/** One collection's (or the storage bucket's) rule. `write` is the fallback for create, update and delete. */
export interface RuleSet {
  read?: RuleValue
  write?: RuleValue
  create?: RuleValue
  update?: RuleValue
  delete?: RuleValue
}

/** The shape of config/security-rules.json. `reason` states why a collection or the bucket has its rule. */
export interface SecurityRulesFile {
  database: Record<string, { rule: RuleSet; reason: string }>
  storage: { rule: RuleSet; reason: string }
}

export type DatabaseOp = 'read' | 'write' | 'create' | 'update' | 'delete'
export type StorageOp = 'read' | 'write'

/** Who asks. `null` when the client is not logged in (production sets `auth` to null then). */
export type Auth = { openid?: string | null; uid?: string | null; loginType?: string | null } | null

/**
 * For a database request: the document concerned — the new document for `create`, the stored document for
 * `read`, `update` and `delete` (with `_openid` as CloudBase stamps it on client-created documents).
 */
export interface DatabaseContext {
  auth: Auth
  doc?: Record<string, unknown> | null
}

/**
 * For a storage request: the file concerned. `openid` is the file's owner: the uploader's openid for a new file,
 * the original uploader's for an existing one (so an overwrite is judged by who owns the file, not who asks).
 * `path` is the cloud path without the bucket, e.g. `uploads/o123/report.jpg`.
 */
export interface StorageContext {
  auth: Auth
  resource: { openid?: string | null; path: string }
}

export class RuleSyntaxError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Tokenizer

type Token =
  | { kind: 'ident'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'op'; value: string }

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '.', ',', '+']

/** Splits an expression into tokens; any character outside the language is a syntax error. */
function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < source.length) {
    const c = source[i]!
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++
      continue
    }
    if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1
      while (j < source.length && /[A-Za-z0-9_$]/.test(source[j]!)) j++
      tokens.push({ kind: 'ident', value: source.slice(i, j) })
      i = j
      continue
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1
      while (j < source.length && /[0-9.]/.test(source[j]!)) j++
      const text = source.slice(i, j)
      if (!/^[0-9]+(\.[0-9]+)?$/.test(text)) throw new RuleSyntaxError(`bad number ${text}`)
      tokens.push({ kind: 'number', value: Number(text) })
      i = j
      continue
    }
    if (c === "'" || c === '"') {
      let j = i + 1
      let value = ''
      while (j < source.length && source[j] !== c) {
        // Backslash escapes are not part of the language: refuse rather than guess what they mean.
        if (source[j] === '\\') throw new RuleSyntaxError('escapes are not supported in strings')
        value += source[j]
        j++
      }
      if (j >= source.length) throw new RuleSyntaxError('unterminated string')
      tokens.push({ kind: 'string', value })
      i = j + 1
      continue
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i))
    if (!op) throw new RuleSyntaxError(`unexpected character '${c}' at ${i}`)
    tokens.push({ kind: 'op', value: op })
    i += op.length
  }
  return tokens
}

// ---------------------------------------------------------------------------------------------------------------
// Parser: or := and ('||' and)* ; and := cmp ('&&' cmp)* ; cmp := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum)? ;
//         sum := unary ('+' unary)* ; unary := '!' unary | primary ; primary := literal | '(' or ')' | path ('.' 'startsWith' '(' or ')')?

type Node =
  | { type: 'literal'; value: string | number | boolean | null }
  | { type: 'path'; root: RootVariable; keys: string[] }
  | { type: 'not'; operand: Node }
  | { type: 'logical'; op: '&&' | '||'; left: Node; right: Node }
  | { type: 'compare'; op: '==' | '!=' | '<' | '<=' | '>' | '>='; left: Node; right: Node }
  | { type: 'startsWith'; target: Node; prefix: Node }
  | { type: 'concat'; left: Node; right: Node }

const ROOT_VARIABLES = ['auth', 'doc', 'resource'] as const
type RootVariable = (typeof ROOT_VARIABLES)[number]
const COMPARISONS = ['==', '!=', '<', '<=', '>', '>='] as const

/** Parses one rule expression into a tree; throws RuleSyntaxError for anything outside the language. */
export function parseRuleExpression(source: string): Node {
  const tokens = tokenize(source)
  let pos = 0
  const peek = (): Token | undefined => tokens[pos]
  const isOp = (value: string): boolean => {
    const t = peek()
    return t?.kind === 'op' && t.value === value
  }
  const expectOp = (value: string): void => {
    if (!isOp(value)) throw new RuleSyntaxError(`expected '${value}'`)
    pos++
  }

  const parseOr = (): Node => {
    let left = parseAnd()
    while (isOp('||')) {
      pos++
      left = { type: 'logical', op: '||', left, right: parseAnd() }
    }
    return left
  }
  const parseAnd = (): Node => {
    let left = parseCompare()
    while (isOp('&&')) {
      pos++
      left = { type: 'logical', op: '&&', left, right: parseCompare() }
    }
    return left
  }
  const parseSum = (): Node => {
    let left = parseUnary()
    while (isOp('+')) {
      pos++
      left = { type: 'concat', left, right: parseUnary() }
    }
    return left
  }
  const parseCompare = (): Node => {
    const left = parseSum()
    const t = peek()
    const op = t?.kind === 'op' ? COMPARISONS.find((c) => c === t.value) : undefined
    if (!op) return left
    pos++
    const right = parseSum()
    // Chained comparisons (a == b == c) are not in the language.
    const next = peek()
    if (next?.kind === 'op' && (COMPARISONS as readonly string[]).includes(next.value)) {
      throw new RuleSyntaxError('chained comparison')
    }
    return { type: 'compare', op, left, right }
  }
  const parseUnary = (): Node => {
    if (isOp('!')) {
      pos++
      return { type: 'not', operand: parseUnary() }
    }
    return parsePrimary()
  }
  const parsePrimary = (): Node => {
    const t = peek()
    if (!t) throw new RuleSyntaxError('unexpected end of expression')
    if (t.kind === 'string' || t.kind === 'number') {
      pos++
      return { type: 'literal', value: t.value }
    }
    if (t.kind === 'op') {
      if (t.value !== '(') throw new RuleSyntaxError(`unexpected '${t.value}'`)
      pos++
      const inner = parseOr()
      expectOp(')')
      return inner
    }
    pos++
    if (t.value === 'true' || t.value === 'false') return { type: 'literal', value: t.value === 'true' }
    if (t.value === 'null') return { type: 'literal', value: null }
    const root = ROOT_VARIABLES.find((r) => r === t.value)
    if (!root) throw new RuleSyntaxError(`unknown variable '${t.value}'`)
    const keys: string[] = []
    while (isOp('.')) {
      pos++
      const key = peek()
      if (key?.kind !== 'ident') throw new RuleSyntaxError('expected a field name after "."')
      pos++
      if (isOp('(')) {
        // A call: only <path>.startsWith(<expr>) is part of the language.
        if (key.value !== 'startsWith') throw new RuleSyntaxError(`unknown method '${key.value}'`)
        pos++
        const prefix = parseOr()
        expectOp(')')
        if (isOp('.')) throw new RuleSyntaxError('member access on a call result')
        return { type: 'startsWith', target: { type: 'path', root, keys }, prefix }
      }
      keys.push(key.value)
    }
    return { type: 'path', root, keys }
  }

  const tree = parseOr()
  if (pos !== tokens.length) throw new RuleSyntaxError('unexpected trailing input')
  return tree
}

// ---------------------------------------------------------------------------------------------------------------
// Interpreter

type Value = string | number | boolean | null
type Scope = Partial<Record<RootVariable, unknown>>

/** Reads a field; a missing field, or any field of null, is null (so `auth.openid` is null when auth is null). */
function lookup(scope: Scope, root: RootVariable, keys: string[]): Value {
  let current: unknown = scope[root]
  for (const key of keys) {
    if (current === null || current === undefined || typeof current !== 'object') return null
    // Own fields only: `doc.constructor` or `auth.__proto__` must not reach into the prototype chain.
    if (!Object.prototype.hasOwnProperty.call(current, key)) return null
    current = (current as Record<string, unknown>)[key]
  }
  if (current === undefined || current === null) return null
  if (typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean') return current
  // Objects and arrays have no comparison semantics in the language: a rule comparing one sees a non-value.
  return null
}

const isNullLiteral = (node: Node): boolean => node.type === 'literal' && node.value === null

function evaluate(node: Node, scope: Scope): Value {
  switch (node.type) {
    case 'literal':
      return node.value
    case 'path':
      // A bare variable (`auth`) stands for "present or null": compare it with null to ask whether one is logged in.
      if (!node.keys.length) {
        const v = scope[node.root]
        return v === null || v === undefined ? null : true
      }
      return lookup(scope, node.root, node.keys)
    case 'not':
      return evaluate(node.operand, scope) !== true
    case 'logical': {
      const left = evaluate(node.left, scope) === true
      if (node.op === '&&') return left && evaluate(node.right, scope) === true
      return left || evaluate(node.right, scope) === true
    }
    case 'compare': {
      const a = evaluate(node.left, scope)
      const b = evaluate(node.right, scope)
      // Two missing values are unknown, not equal: `doc._openid == auth.openid` must not let a logged-out client
      // (auth.openid null) read documents without an owner. Only a literal `null` asks whether a value is missing.
      if (a === null && b === null && !isNullLiteral(node.left) && !isNullLiteral(node.right)) return false
      if (node.op === '==') return a === b
      if (node.op === '!=') return a !== b
      // Ordering only between two numbers or two strings; anything else is false, never a coercion.
      const comparable = (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')
      if (!comparable) return false
      const x = a as number | string
      const y = b as number | string
      if (node.op === '<') return x < y
      if (node.op === '<=') return x <= y
      if (node.op === '>') return x > y
      return x >= y
    }
    case 'concat': {
      // Joins two strings (e.g. 'uploads/' + auth.openid + '/'); with a missing value or a non-string it is missing,
      // so a logged-out client's path prefix matches nothing.
      const a = evaluate(node.left, scope)
      const b = evaluate(node.right, scope)
      return typeof a === 'string' && typeof b === 'string' ? a + b : null
    }
    case 'startsWith': {
      const target = evaluate(node.target, scope)
      const prefix = evaluate(node.prefix, scope)
      // An empty prefix would match everything: treat it as a mistake and deny.
      return typeof target === 'string' && typeof prefix === 'string' && prefix.length > 0 && target.startsWith(prefix)
    }
  }
}

/** Evaluates one rule value; only a literal `true` or an expression yielding exactly `true` allows. */
export function evaluateRuleValue(value: unknown, scope: Scope): boolean {
  if (value === true) return true
  if (typeof value !== 'string') return false
  try {
    return evaluate(parseRuleExpression(value), scope) === true
  } catch {
    return false
  }
}

/** The rule value that governs an operation: the specific key, else `write` for create/update/delete. */
function ruleFor(rule: RuleSet | undefined, op: DatabaseOp): unknown {
  if (!rule || typeof rule !== 'object') return undefined
  if (op === 'read' || op === 'write') return rule[op]
  return rule[op] !== undefined ? rule[op] : rule.write
}

/**
 * May a client perform `op` on `collection`? Unknown collections, missing rules and unparseable expressions deny.
 * `write` asks whether every kind of write is allowed by the `write` key itself.
 */
export function evaluateDatabaseRule(rules: SecurityRulesFile, collection: string, op: DatabaseOp, ctx: DatabaseContext): boolean {
  if (!Object.prototype.hasOwnProperty.call(rules.database ?? {}, collection)) return false
  const entry = rules.database[collection]
  return evaluateRuleValue(ruleFor(entry?.rule, op), { auth: ctx.auth ?? null, doc: ctx.doc ?? null })
}

/** May a client read (download, temp URL) or write (upload, overwrite, delete) the file in `ctx.resource`? */
export function evaluateStorageRule(rules: SecurityRulesFile, op: StorageOp, ctx: StorageContext): boolean {
  const rule = rules.storage?.rule
  if (!rule || typeof rule !== 'object') return false
  return evaluateRuleValue(rule[op], { auth: ctx.auth ?? null, resource: ctx.resource })
}

/** Every expression in a rules file, checked to parse; returns the problems (empty when all parse). */
export function checkRulesSyntax(rules: SecurityRulesFile): string[] {
  const problems: string[] = []
  const check = (where: string, rule: RuleSet | undefined) => {
    if (!rule || typeof rule !== 'object') return problems.push(`${where}: no rule`)
    for (const [key, value] of Object.entries(rule)) {
      if (!['read', 'write', 'create', 'update', 'delete'].includes(key)) problems.push(`${where}.${key}: unknown operation`)
      else if (typeof value === 'string') {
        try {
          parseRuleExpression(value)
        } catch (e) {
          problems.push(`${where}.${key}: ${(e as Error).message}`)
        }
      } else if (typeof value !== 'boolean') problems.push(`${where}.${key}: must be true, false or an expression`)
    }
    return undefined
  }
  for (const [name, entry] of Object.entries(rules.database ?? {})) check(`database.${name}`, entry?.rule)
  check('storage', rules.storage?.rule)
  return problems
}
