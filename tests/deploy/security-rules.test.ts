import fs from 'node:fs'
import path from 'node:path'
import {
  evaluateDatabaseRule,
  evaluateRuleValue,
  evaluateStorageRule,
  parseRuleExpression,
  RuleSyntaxError,
  type SecurityRulesFile,
} from '../../local-cloudbase/security-rules'

// The very file the deploy kit ships.
const shipped = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../config/security-rules.json'), 'utf8')) as SecurityRulesFile
const resident = { openid: 'o-resident' }
const other = { openid: 'o-other' }

describe('shipped rules: what a resident’s client may do directly', () => {
  test('a resident cannot read users, not even their own document', () => {
    expect(evaluateDatabaseRule(shipped, 'users', 'read', { auth: resident, doc: { _openid: 'o-resident', openid: 'o-resident', role: 'resident' } })).toBe(false)
  })
  test('a resident cannot insert into invitations', () => {
    expect(evaluateDatabaseRule(shipped, 'invitations', 'create', { auth: resident, doc: { _openid: 'o-resident', code: 'X', role: 'county' } })).toBe(false)
  })
  test('a resident cannot update a topic, not even one stamped with their openid', () => {
    expect(evaluateDatabaseRule(shipped, 'topics', 'update', { auth: resident, doc: { _openid: 'o-resident', stage: 'published' } })).toBe(false)
  })
  test('every collection refuses every client operation', () => {
    for (const name of Object.keys(shipped.database)) {
      for (const op of ['read', 'write', 'create', 'update', 'delete'] as const) {
        expect(evaluateDatabaseRule(shipped, name, op, { auth: resident, doc: { _openid: 'o-resident' } })).toBe(false)
      }
    }
  })
  test('storage: a logged-in user writes a file they own, never another’s, and nobody writes logged out', () => {
    expect(evaluateStorageRule(shipped, 'write', { auth: resident, resource: { openid: 'o-resident', path: 'uploads/o-resident/a.jpg' } })).toBe(true)
    expect(evaluateStorageRule(shipped, 'write', { auth: resident, resource: { openid: 'o-other', path: 'uploads/o-other/b.jpg' } })).toBe(false)
    expect(evaluateStorageRule(shipped, 'write', { auth: null, resource: { openid: null, path: 'uploads/o-resident/c.jpg' } })).toBe(false)
  })
  test("storage: uploads only under the uploader's own folder uploads/<openid>/", () => {
    const mine = (path: string) => evaluateStorageRule(shipped, 'write', { auth: resident, resource: { openid: 'o-resident', path } })
    expect(mine('uploads/o-resident/reports/a.jpg')).toBe(true)
    expect(mine('uploads/o-other/a.jpg')).toBe(false)
    expect(mine('uploads/reports/a.jpg')).toBe(false)
    expect(mine('uploads/o-residentx/a.jpg')).toBe(false)
    expect(mine('o-resident/a.jpg')).toBe(false)
  })
  test("'+' joins two strings only; with a missing value the result is missing and a prefix check denies", () => {
    const rules: SecurityRulesFile = { database: {}, storage: { rule: { read: false, write: "resource.path.startsWith('u/' + auth.openid + '/')" }, reason: 't' } }
    expect(evaluateStorageRule(rules, 'write', { auth: { openid: 'a' }, resource: { openid: 'a', path: 'u/a/x' } })).toBe(true)
    expect(evaluateStorageRule(rules, 'write', { auth: null, resource: { openid: null, path: 'u/null/x' } })).toBe(false)
    expect(evaluateStorageRule(rules, 'write', { auth: null, resource: { openid: null, path: 'u//x' } })).toBe(false)
    const numeric: SecurityRulesFile = { database: {}, storage: { rule: { read: false, write: "resource.path == 'u' + 1" }, reason: 't' } }
    expect(evaluateStorageRule(numeric, 'write', { auth: { openid: 'a' }, resource: { openid: 'a', path: 'u1' } })).toBe(false)
  })
  test('storage: no client reads a file directly, not even its owner (functions hand out temp URLs)', () => {
    expect(evaluateStorageRule(shipped, 'read', { auth: resident, resource: { openid: 'o-resident', path: 'uploads/reports/a.jpg' } })).toBe(false)
  })
})

describe('rule semantics (a creator-readable collection and a path-scoped bucket)', () => {
  const rules: SecurityRulesFile = {
    database: {
      notes: { rule: { read: 'doc._openid == auth.openid', write: false, create: 'auth.openid != null && doc._openid == auth.openid' }, reason: 'test' },
      open: { rule: { read: true, write: 'auth != null' }, reason: 'test' },
    },
    storage: { rule: { read: false, write: "resource.openid == auth.openid && resource.path.startsWith('uploads/' )" }, reason: 'test' },
  }
  test('creator-readable: the creator reads, another user does not, a logged-out client does not', () => {
    expect(evaluateDatabaseRule(rules, 'notes', 'read', { auth: resident, doc: { _openid: 'o-resident' } })).toBe(true)
    expect(evaluateDatabaseRule(rules, 'notes', 'read', { auth: other, doc: { _openid: 'o-resident' } })).toBe(false)
    expect(evaluateDatabaseRule(rules, 'notes', 'read', { auth: null, doc: { _openid: null } })).toBe(false)
  })
  test('create/update/delete use their own key when present, else write', () => {
    expect(evaluateDatabaseRule(rules, 'notes', 'create', { auth: resident, doc: { _openid: 'o-resident' } })).toBe(true)
    expect(evaluateDatabaseRule(rules, 'notes', 'update', { auth: resident, doc: { _openid: 'o-resident' } })).toBe(false)
    expect(evaluateDatabaseRule(rules, 'open', 'delete', { auth: resident })).toBe(true)
    expect(evaluateDatabaseRule(rules, 'open', 'delete', { auth: null })).toBe(false)
  })
  test('an unknown collection is refused, including prototype names', () => {
    expect(evaluateDatabaseRule(rules, 'users', 'read', { auth: resident })).toBe(false)
    expect(evaluateDatabaseRule(rules, 'constructor', 'read', { auth: resident })).toBe(false)
    expect(evaluateDatabaseRule(rules, '__proto__', 'read', { auth: resident })).toBe(false)
  })
  test('storage path prefix: only under uploads/, and only the owner', () => {
    expect(evaluateStorageRule(rules, 'write', { auth: resident, resource: { openid: 'o-resident', path: 'uploads/o-resident/a.jpg' } })).toBe(true)
    expect(evaluateStorageRule(rules, 'write', { auth: resident, resource: { openid: 'o-resident', path: 'avatars/a.jpg' } })).toBe(false)
    expect(evaluateStorageRule(rules, 'write', { auth: resident, resource: { openid: 'o-other', path: 'uploads/o-other/a.jpg' } })).toBe(false)
  })
  test('comparisons on doc and auth fields; ordering only between like types', () => {
    const scope = { auth: { openid: 'o1' }, doc: { level: 3, name: 'b', _openid: 'o1' } }
    expect(evaluateRuleValue('doc.level >= 3 && doc.level < 4', scope)).toBe(true)
    expect(evaluateRuleValue("doc.name > 'a' || false", scope)).toBe(true)
    expect(evaluateRuleValue("doc.level > '2'", scope)).toBe(false)
    expect(evaluateRuleValue('!(doc._openid == auth.openid)', scope)).toBe(false)
    expect(evaluateRuleValue('doc.missing == null', scope)).toBe(true)
    expect(evaluateRuleValue('doc.constructor != null', scope)).toBe(false)
    // Two missing values never match each other, whichever way they are compared.
    expect(evaluateRuleValue('doc.missing == auth.missing', scope)).toBe(false)
    expect(evaluateRuleValue('doc.missing != auth.missing', scope)).toBe(false)
  })
})

describe('fails closed on anything outside the language', () => {
  test.each([
    'doc._openid = auth.openid',
    'doc._openid === auth.openid',
    'process.exit(1)',
    'auth.openid.toString() == "x"',
    'get("database.users." + auth.openid).role == "county"',
    'doc.a == doc.b == true',
    '(auth != null',
    "doc.name == 'unterminated",
    'doc[0] == 1',
    '',
  ])('%s is a syntax error and denies', (expression) => {
    expect(() => parseRuleExpression(expression)).toThrow(RuleSyntaxError)
    expect(evaluateRuleValue(expression, { auth: resident, doc: { _openid: 'o-resident' } })).toBe(false)
  })
  test('a rule value that is neither boolean nor string denies', () => {
    expect(evaluateRuleValue(1, { auth: resident })).toBe(false)
    expect(evaluateRuleValue({ read: true }, { auth: resident })).toBe(false)
    expect(evaluateRuleValue(undefined, { auth: resident })).toBe(false)
  })
})
