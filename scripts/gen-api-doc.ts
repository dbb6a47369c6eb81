/**
 * docs/api.md from the contracts: every action, its function, summary, input, output and error codes. The contracts
 * are the source; this file is generated (`npx tsx scripts/gen-api-doc.ts`), and a test fails when it is stale.
 */
import fs from 'node:fs'
import path from 'node:path'
import { z } from '../src/contracts/zod'
import { allContracts } from '../src/contracts'
import { COMMON_ERROR_CODES } from '../src/contracts/action'
import { ACTION_RULES, type ActionName } from '../src/domain/policy'
import { ROLE_LABELS } from '../src/domain/roles'

function schemaText(schema: z.ZodType, io: 'input' | 'output' = 'input'): string {
  try {
    return JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any', io }), null, 1)
      .replace(/\n\s*/g, ' ')
      .replace(/"\$schema": "[^"]*", /, '')
  } catch {
    return '(see src/contracts)'
  }
}

export function renderApiDoc(): string {
  const lines: string[] = [
    '# API: one contract per action',
    '',
    'Generated from `src/contracts/*.ts` by `npx tsx scripts/gen-api-doc.ts`; do not edit by hand.',
    'Every action is called as `wx.cloud.callFunction({ name: <function>, data: { action, input } })` (or `POST /api/functions/<function>` on the local gateway)',
    'and answers `{ ok: true, data }` or `{ ok: false, error: { code, message, issues? } }`.',
    '',
    `Every action may also answer: ${COMMON_ERROR_CODES.map((c) => `\`${c}\``).join(', ')}.`,
    '',
    '| function | action | summary | roles allowed | own error codes |',
    '| --- | --- | --- | --- | --- |',
  ]
  for (const c of allContracts) {
    const rule = (ACTION_RULES as Record<string, { roles: readonly string[] }>)[c.name as ActionName]
    // A contract's own wording of its audience wins (it says what the rule alone cannot, e.g. the sweep's timer).
    const roles = c.audience ?? (rule ? rule.roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS]).join('、') + '（辖区内）' : '—')
    lines.push(`| ${c.functionName} | \`${c.name}\` | ${c.summary} | ${roles} | ${c.errors.map((e) => `\`${e}\``).join(' ') || '—'} |`)
  }
  lines.push('', '## Inputs and outputs', '', 'For each action: the input it accepts and the `data` of its `{ ok: true, data }` answer (JSON Schema).', '')
  for (const c of allContracts) {
    lines.push(
      `### ${c.functionName}.${c.name}`, '', c.summary, '',
      'Input:', '', '```json', schemaText(c.input), '```', '',
      'Output (`data`):', '', '```json', schemaText(c.output, 'output'), '```', '',
    )
  }
  return lines.join('\n')
}

if (require.main === module) {
  const target = path.resolve(__dirname, '..', 'docs', 'api.md')
  fs.writeFileSync(target, renderApiDoc())
  console.log(`wrote ${path.relative(process.cwd(), target)} (${allContracts.length} actions)`)
}
