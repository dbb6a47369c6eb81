/**
 * npm run deploy -- --env <envId> [--config config/deploy.json] [--dry-run] [--json]
 *
 * Deploys the cloud side of 家园议事 to a CloudBase environment with @cloudbase/manager-node: collections and indexes
 * (config/database.json), database and storage security rules (config/security-rules.json), and every cloud function
 * with its timer trigger, openapi permissions and template-id environment variables. `--dry-run` prints the plan and
 * touches nothing. Credentials come from TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN
 * for temporary keys), never from a file in the repository. docs/deploy.md walks through it.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { buildPlan, describePlan, maskedPlan, placeholderSecrets, PlanError, readDeployConfig, readRepo } from './deploy/plan'
import { executePlan } from './deploy/execute'

const root = path.resolve(__dirname, '..')

function usage(message?: string): never {
  if (message) console.error(`deploy: ${message}`)
  console.error('usage: npm run deploy -- --env <envId> [--config config/deploy.json] [--dry-run] [--json]')
  process.exit(2)
}

function parseArgs(argv: string[]): { env?: string; config: string; dryRun: boolean; json: boolean } {
  const out = { env: undefined as string | undefined, config: path.join(root, 'config', 'deploy.json'), dryRun: false, json: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--dry-run') out.dryRun = true
    else if (arg === '--json') out.json = true
    else if (arg === '--env' || arg === '--config') {
      const value = argv[++i]
      if (!value || value.startsWith('--')) usage(`${arg} needs a value`)
      if (arg === '--env') out.env = value
      else out.config = path.resolve(value)
    } else usage(`unknown argument ${arg}`)
  }
  return out
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const functionRootPath = path.join(root, 'dist', 'cloudfunctions')
  const config = readDeployConfig(args.config)
  const plan = buildPlan(readRepo(root), config, { envId: args.env, functionRootPath })

  if (args.dryRun) {
    console.log(args.json ? JSON.stringify(maskedPlan(plan), null, 2) : describePlan(plan))
    return
  }
  // The example's secrets are public: a real environment never runs with them.
  const placeholders = placeholderSecrets(config)
  if (placeholders.length) usage(`${placeholders.join(', ')} still the example's value: set long random values in ${args.config}`)

  const secretId = process.env.TENCENTCLOUD_SECRETID
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY
  if (!secretId || !secretKey) usage('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (a CAM key allowed to manage the environment)')

  // The functions ship exactly as built: bundle them now so the upload never carries a stale dist/.
  const build = spawnSync(process.execPath, [require.resolve('tsx/cli'), path.join(root, 'scripts', 'build-functions.ts'), functionRootPath], {
    stdio: 'inherit',
  })
  if (build.status !== 0) process.exit(build.status ?? 1)
  for (const fn of plan.functions) {
    if (!fs.existsSync(path.join(functionRootPath, fn.name, 'index.js'))) throw new PlanError(`${fn.name}: not built`)
  }

  console.log(describePlan(plan), '\n')
  const { default: CloudBase } = await import('@cloudbase/manager-node')
  const manager = new CloudBase({
    secretId,
    secretKey,
    token: process.env.TENCENTCLOUD_SESSIONTOKEN,
    envId: plan.envId,
    ...(plan.region ? { region: plan.region } : {}),
  })
  await executePlan(plan, manager)
  console.log(`\ndeploy: ${plan.envId} is up to date. Build the mini-program with:\n  ${plan.miniProgram.buildCommand}`)
}

main().catch((e: unknown) => {
  console.error(`deploy: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
