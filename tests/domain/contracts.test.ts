import fs from 'node:fs'
import path from 'node:path'
import { allContracts } from '../../src/contracts'
import { ACTION_RULES } from '../../src/domain/policy'
import { renderApiDoc } from '../../scripts/gen-api-doc'

const ROOT = path.resolve(__dirname, '../..')

test('every action has one unique verb-noun name', () => {
  const names = allContracts.map((c) => c.name)
  expect(new Set(names).size).toBe(names.length)
  for (const name of names) expect(name).toMatch(/^[a-z]+[A-Z][A-Za-z]+$/)
})

// Every contract is served by its function's router: checked by tsc (cloudfunctions/_shared/router.ts defineRouter,
// tests/domain/router.types.ts), not by reading the source.

test('every policy-governed action is named in the contracts', () => {
  const contractNames = new Set(allContracts.map((c) => c.name))
  const serverOnly = ['viewPrivateDetails'] // a read permission, not an action
  for (const action of Object.keys(ACTION_RULES)) if (!serverOnly.includes(action)) expect(contractNames.has(action)).toBe(true)
})

test('docs/api.md is generated from the contracts and up to date (npx tsx scripts/gen-api-doc.ts)', () => {
  expect(fs.readFileSync(path.join(ROOT, 'docs', 'api.md'), 'utf8')).toBe(renderApiDoc())
})
