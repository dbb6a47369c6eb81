/**
 * The deploy plan: everything `npm run deploy` will create or update in a CloudBase environment, as plain data.
 * Built from the repository (config/database.json, config/security-rules.json, cloudfunctions/<name>/config.json)
 * and the operator's configuration (config/deploy.json). Building it touches no network; the executor
 * (./execute.ts) carries it out with @cloudbase/manager-node, and `--dry-run` prints it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { checkRulesSyntax, type RuleSet, type SecurityRulesFile } from '../../local-cloudbase/security-rules'
import { TEMPLATE_ENV } from '../../src/contracts/messages'

/** config/deploy.json (copy config/deploy.example.json). Secrets never live here: see docs/deploy.md. */
export const DeployConfigSchema = z.object({
  envId: z.string().trim().optional(),
  appId: z.string().trim().regex(/^wx[0-9a-f]{16}$/, 'appId must look like wx followed by 16 hex digits'),
  region: z.string().trim().min(1).optional(),
  templates: z.object({
    statusChanged: z.string().trim().min(1),
    deadline: z.string().trim().min(1),
    // Issue 11: optional; absent, these messages go through the statusChanged template (src/contracts/messages.ts).
    meeting: z.string().trim().min(1).optional(),
    notice: z.string().trim().min(1).optional(),
    result: z.string().trim().min(1).optional(),
  }),
  functions: z
    .object({
      runtime: z.string().trim().min(1).default('Nodejs18.15'),
      timeoutSeconds: z.number().int().min(3).max(900).default(20),
      memoryMB: z.number().int().min(128).max(3072).default(256),
    })
    .default({ runtime: 'Nodejs18.15', timeoutSeconds: 20, memoryMB: 256 }),
  /**
   * The functions' secrets, set as their environment variables: ID_SECRET (every function: the key of the opaque
   * public ids, cloudfunctions/_shared/opaque-id.ts; keep it for the life of the environment) and BOOTSTRAP_SECRET
   * (the account function only, for the one-time bootstrapCounty; leave it out once the county office exists).
   * config/deploy.json is git-ignored; a dry run never prints them in clear.
   */
  secrets: z.object({
    idSecret: z.string().trim().min(24, 'secrets.idSecret must be at least 24 characters'),
    bootstrapSecret: z.string().trim().min(16, 'secrets.bootstrapSecret must be at least 16 characters').optional(),
  }),
})
export type DeployConfig = z.infer<typeof DeployConfigSchema>

interface DatabaseFile {
  collections: Record<string, { scanOk?: boolean; indexes: { name: string; keys: Record<string, 1 | -1>; unique?: boolean }[] }>
}
interface FunctionConfigFile {
  permissions?: { openapi?: string[] }
  triggers?: { name: string; type: string; config: string }[]
}

/** What the plan is built from: the repository's declarations, read by readRepo. */
export interface RepoInputs {
  database: DatabaseFile
  securityRules: SecurityRulesFile
  functions: { name: string; config: FunctionConfigFile }[]
}

/** An index as manager-node's updateCollection takes it (CreateIndexes: IndexName, MgoKeySchema). */
export interface PlannedIndex {
  IndexName: string
  MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: '1' | '-1' }[]; MgoIsUnique: boolean }
}

export interface PlannedFunction {
  name: string
  /** The built, self-contained folder (scripts/build-functions.ts): functionRootPath/<name>. */
  functionRootPath: string
  runtime: string
  timeout: number
  memorySize: number
  /** Installed in the cloud from the folder's package.json (wx-server-sdk). */
  installDependency: true
  envVariables: Record<string, string>
  triggers: { name: string; type: string; config: string }[]
  /** 云调用 permissions, shipped in the folder's config.json (permissions.openapi) as WeChat DevTools ships them. */
  openapi: string[]
}

export interface DeployPlan {
  envId: string
  appId: string
  region?: string
  collections: { name: string; indexes: PlannedIndex[] }[]
  databaseRules: { collection: string; rule: RuleSet; reason: string }[]
  storageRule: { rule: RuleSet; reason: string }
  functions: PlannedFunction[]
  /** The mini-program is uploaded from WeChat DevTools; these are the values its build must carry. */
  miniProgram: { appId: string; buildEnv: Record<string, string>; buildCommand: string }
  /** Values that deploy but are surely not production's (placeholder appId, local template ids). */
  warnings: string[]
}

export class PlanError extends Error {}

/** Environment variables that hold secrets: shown masked in every printed plan. */
export const SECRET_ENV = { idSecret: 'ID_SECRET', bootstrapSecret: 'BOOTSTRAP_SECRET' } as const
/** The function whose bootstrapCounty action reads BOOTSTRAP_SECRET; no other function gets it. */
export const BOOTSTRAP_FUNCTION = 'account'
/** The example configuration's secrets start with this: a real deploy refuses them (they are public). */
export const EXAMPLE_SECRET_PREFIX = 'example-'

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T

/** Reads the repository's declarations: collections, rules, and every function folder under cloudfunctions/. */
export function readRepo(root: string): RepoInputs {
  const fnDir = path.join(root, 'cloudfunctions')
  const functions = fs
    .readdirSync(fnDir)
    .filter((n) => !n.startsWith('_') && fs.statSync(path.join(fnDir, n)).isDirectory())
    .sort()
    .map((name) => ({ name, config: readJson<FunctionConfigFile>(path.join(fnDir, name, 'config.json')) }))
  return {
    database: readJson<DatabaseFile>(path.join(root, 'config', 'database.json')),
    securityRules: readJson<SecurityRulesFile>(path.join(root, 'config', 'security-rules.json')),
    functions,
  }
}

/** Reads and validates the operator's configuration file; a bad file is refused with every problem listed. */
export function readDeployConfig(file: string): DeployConfig {
  if (!fs.existsSync(file)) throw new PlanError(`${file} not found: copy config/deploy.example.json to config/deploy.json and fill it in`)
  const parsed = DeployConfigSchema.safeParse(readJson<unknown>(file))
  if (!parsed.success) {
    throw new PlanError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`)
  }
  return parsed.data
}

/**
 * Builds the plan. Refuses (PlanError) when the repository is inconsistent: a collection without a security rule, a
 * rule for a collection config/database.json does not declare, a rule that does not parse, a function whose trigger
 * is not a timer, or an env id that disagrees with the configuration.
 */
export function buildPlan(repo: RepoInputs, config: DeployConfig, options: { envId?: string; functionRootPath: string }): DeployPlan {
  const envId = (options.envId ?? config.envId ?? '').trim()
  if (!envId) throw new PlanError('no environment: pass --env <envId> or set envId in config/deploy.json')
  if (options.envId && config.envId && options.envId !== config.envId) {
    throw new PlanError(`--env ${options.envId} disagrees with envId ${config.envId} in the configuration file`)
  }

  const collectionNames = Object.keys(repo.database.collections)
  const ruleNames = Object.keys(repo.securityRules.database ?? {})
  const problems: string[] = []
  for (const name of collectionNames) if (!ruleNames.includes(name)) problems.push(`collection ${name} has no security rule`)
  for (const name of ruleNames) if (!collectionNames.includes(name)) problems.push(`security rule for unknown collection ${name}`)
  for (const name of ruleNames) if (!repo.securityRules.database[name]?.reason?.trim()) problems.push(`security rule for ${name} states no reason`)
  if (!repo.securityRules.storage?.reason?.trim()) problems.push('storage rule states no reason')
  problems.push(...checkRulesSyntax(repo.securityRules))

  const envVariables: Record<string, string> = {
    [TEMPLATE_ENV.statusChanged]: config.templates.statusChanged,
    [TEMPLATE_ENV.deadline]: config.templates.deadline,
    ...(config.templates.meeting ? { [TEMPLATE_ENV.meeting]: config.templates.meeting } : {}),
    ...(config.templates.notice ? { [TEMPLATE_ENV.notice]: config.templates.notice } : {}),
    ...(config.templates.result ? { [TEMPLATE_ENV.result]: config.templates.result } : {}),
  }
  const functions = repo.functions.map(({ name, config: fnConfig }): PlannedFunction => {
    const triggers = fnConfig.triggers ?? []
    for (const t of triggers) if (t.type !== 'timer') problems.push(`function ${name}: trigger ${t.name} is not a timer`)
    return {
      name,
      functionRootPath: options.functionRootPath,
      runtime: config.functions.runtime,
      timeout: config.functions.timeoutSeconds,
      memorySize: config.functions.memoryMB,
      installDependency: true,
      // Secrets: ID_SECRET everywhere (any function may answer opaque ids), BOOTSTRAP_SECRET only where it is read.
      envVariables: {
        ...envVariables,
        [SECRET_ENV.idSecret]: config.secrets.idSecret,
        ...(name === BOOTSTRAP_FUNCTION && config.secrets.bootstrapSecret ? { [SECRET_ENV.bootstrapSecret]: config.secrets.bootstrapSecret } : {}),
      },
      triggers: triggers.map((t) => ({ name: t.name, type: t.type, config: t.config })),
      openapi: [...(fnConfig.permissions?.openapi ?? [])],
    }
  })
  if (problems.length) throw new PlanError(problems.join('\n'))

  const warnings: string[] = []
  if (/^wx0+$/.test(config.appId)) warnings.push(`appId ${config.appId} is the example's placeholder`)
  for (const [kind, id] of Object.entries(config.templates)) {
    if (id?.startsWith('local-')) warnings.push(`template ${kind} is the local id ${id}: WeChat will refuse to send it`)
  }

  return {
    envId,
    appId: config.appId,
    ...(config.region ? { region: config.region } : {}),
    collections: collectionNames.map((name) => ({
      name,
      indexes: repo.database.collections[name]!.indexes.map((index) => ({
        IndexName: index.name,
        MgoKeySchema: {
          MgoIndexKeys: Object.entries(index.keys).map(([key, dir]) => ({ Name: key, Direction: dir === -1 ? '-1' : '1' })),
          MgoIsUnique: index.unique === true,
        },
      })),
    })),
    databaseRules: ruleNames.map((collection) => ({
      collection,
      rule: repo.securityRules.database[collection]!.rule,
      reason: repo.securityRules.database[collection]!.reason,
    })),
    storageRule: { rule: repo.securityRules.storage.rule, reason: repo.securityRules.storage.reason },
    functions,
    miniProgram: {
      appId: config.appId,
      buildEnv: { TARO_APP_CLOUD_ENV: envId, ...envVariables },
      buildCommand: `${Object.entries({ TARO_APP_CLOUD_ENV: envId, ...envVariables })
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')} npm run build:weapp`,
    },
    warnings,
  }
}

/** A secret as printed: never the value, only that it is set and its length. */
export function maskSecret(value: string): string {
  return `****(${value.length} chars)`
}

/** The plan with every secret environment variable masked: what `--dry-run` (text or --json) prints. */
export function maskedPlan(plan: DeployPlan): DeployPlan {
  const secretKeys = new Set<string>(Object.values(SECRET_ENV))
  return {
    ...plan,
    functions: plan.functions.map((f) => ({
      ...f,
      envVariables: Object.fromEntries(Object.entries(f.envVariables).map(([k, v]) => [k, secretKeys.has(k) ? maskSecret(v) : v])),
    })),
  }
}

/** Secrets a real deploy must not ship: the example's public placeholders. */
export function placeholderSecrets(config: DeployConfig): string[] {
  return Object.entries(config.secrets)
    .filter(([, v]) => typeof v === 'string' && v.startsWith(EXAMPLE_SECRET_PREFIX))
    .map(([k]) => `secrets.${k}`)
}

/** The plan as the operator reads it in `--dry-run`; secrets are masked. */
export function describePlan(unmasked: DeployPlan): string {
  const plan = maskedPlan(unmasked)
  const lines: string[] = []
  lines.push(`CloudBase environment ${plan.envId}${plan.region ? ` (${plan.region})` : ''}, mini-program ${plan.appId}`)
  lines.push('', `Collections (${plan.collections.length}) — created if missing, missing indexes added:`)
  for (const c of plan.collections) {
    lines.push(`  ${c.name}`)
    for (const i of c.indexes) {
      const keys = i.MgoKeySchema.MgoIndexKeys.map((k) => `${k.Name}:${k.Direction}`).join(', ')
      lines.push(`    index ${i.IndexName} { ${keys} }${i.MgoKeySchema.MgoIsUnique ? ' unique' : ''}`)
    }
  }
  lines.push('', `Database security rules (${plan.databaseRules.length}, AclTag CUSTOM):`)
  for (const r of plan.databaseRules) lines.push(`  ${r.collection}: ${JSON.stringify(r.rule)}`, `    why: ${r.reason}`)
  lines.push('', 'Storage security rule (CUSTOM):', `  ${JSON.stringify(plan.storageRule.rule)}`, `    why: ${plan.storageRule.reason}`)
  lines.push('', `Functions (${plan.functions.length}) — created, or code, config and triggers updated:`)
  for (const f of plan.functions) {
    lines.push(`  ${f.name}: ${path.join(f.functionRootPath, f.name)} ${f.runtime}, ${f.timeout} s, ${f.memorySize} MB, wx-server-sdk installed in the cloud`)
    for (const t of f.triggers) lines.push(`    trigger ${t.name}: ${t.type} "${t.config}"`)
    lines.push(`    openapi: ${f.openapi.length ? f.openapi.join(', ') : '(none)'}`)
    lines.push(`    env: ${Object.entries(f.envVariables).map(([k, v]) => `${k}=${v}`).join(' ')}`)
  }
  lines.push('', 'Mini-program (uploaded from WeChat DevTools with AppID ' + plan.miniProgram.appId + '), build it with:')
  lines.push(`  ${plan.miniProgram.buildCommand}`)
  if (plan.warnings.length) lines.push('', 'Warnings:', ...plan.warnings.map((w) => `  ${w}`))
  return lines.join('\n')
}
