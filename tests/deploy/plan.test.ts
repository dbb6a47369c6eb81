import fs from 'node:fs'
import path from 'node:path'
import { buildPlan, describePlan, maskedPlan, placeholderSecrets, PlanError, readDeployConfig, readRepo, type DeployConfig, type RepoInputs } from '../../scripts/deploy/plan'

const root = path.resolve(__dirname, '../..')
const functionRootPath = path.join(root, 'dist', 'cloudfunctions')
const readJson = (...parts: string[]) => JSON.parse(fs.readFileSync(path.join(root, ...parts), 'utf8'))

// The repository's own declarations, read here independently of the plan builder.
const database = readJson('config', 'database.json') as { collections: Record<string, { indexes: { name: string; keys: Record<string, number>; unique?: boolean }[] }> }
const functionNames = fs
  .readdirSync(path.join(root, 'cloudfunctions'))
  .filter((n) => !n.startsWith('_') && fs.statSync(path.join(root, 'cloudfunctions', n)).isDirectory())
const config: DeployConfig = readDeployConfig(path.join(root, 'config', 'deploy.example.json'))
const plan = buildPlan(readRepo(root), config, { envId: 'prod-1a2b', functionRootPath })

describe('deploy plan', () => {
  test('creates every collection of config/database.json with exactly its indexes, keys, directions and uniqueness', () => {
    expect(plan.collections.map((c) => c.name).sort()).toEqual(Object.keys(database.collections).sort())
    for (const [name, declared] of Object.entries(database.collections)) {
      const planned = plan.collections.find((c) => c.name === name)!
      expect(planned.indexes).toEqual(
        declared.indexes.map((i) => ({
          IndexName: i.name,
          MgoKeySchema: {
            MgoIndexKeys: Object.entries(i.keys).map(([k, d]) => ({ Name: k, Direction: String(d) })),
            MgoIsUnique: i.unique === true,
          },
        })),
      )
    }
  })

  test('deploys every function folder from its built dist folder with its trigger and openapi permissions', () => {
    expect(plan.functions.map((f) => f.name).sort()).toEqual([...functionNames].sort())
    for (const name of functionNames) {
      const declared = readJson('cloudfunctions', name, 'config.json') as { permissions?: { openapi?: string[] }; triggers?: unknown[] }
      const planned = plan.functions.find((f) => f.name === name)!
      expect(planned.functionRootPath).toBe(functionRootPath)
      expect(planned.installDependency).toBe(true)
      expect(planned.triggers).toEqual(declared.triggers ?? [])
      expect(planned.openapi).toEqual(declared.permissions?.openapi ?? [])
    }
    // The repository's one timer is in the plan (guards against a config.json silently losing it).
    expect(plan.functions.find((f) => f.name === 'sweep')!.triggers).toEqual([{ name: 'hourlyDeadlineSweep', type: 'timer', config: '0 5 * * * * *' }])
  })

  test('has a security rule for every collection, none for an unknown one, and the storage rule', () => {
    expect(plan.databaseRules.map((r) => r.collection).sort()).toEqual(Object.keys(database.collections).sort())
    for (const r of plan.databaseRules) expect(r.reason.length).toBeGreaterThan(20)
    // Server-only unless deliberately otherwise: today every collection is.
    for (const r of plan.databaseRules) expect(r.rule).toEqual({ read: false, write: false })
    // Uploads only by their owner and only under the uploader's own folder uploads/<openid>/.
    expect(plan.storageRule.rule).toEqual({ read: false, write: "auth != null && resource.openid == auth.openid && resource.path.startsWith('uploads/' + auth.openid + '/')" })
  })

  test('takes env id, appId and template ids from configuration into function env and the mini-program build', () => {
    const custom = buildPlan(readRepo(root), { ...config, appId: 'wx1234567890abcdef', templates: { statusChanged: 'TPL-A', deadline: 'TPL-B' } }, { envId: 'e1', functionRootPath })
    expect(custom.envId).toBe('e1')
    // The secrets (checked in their own test below) travel with the template ids.
    const secrets = (name: string) => ({ ID_SECRET: config.secrets.idSecret, ...(name === 'account' ? { BOOTSTRAP_SECRET: config.secrets.bootstrapSecret } : {}) })
    for (const f of custom.functions) expect(f.envVariables).toEqual({ TARO_APP_TEMPLATE_STATUS_CHANGED: 'TPL-A', TARO_APP_TEMPLATE_DEADLINE: 'TPL-B', ...secrets(f.name) })
    expect(custom.miniProgram).toEqual({
      appId: 'wx1234567890abcdef',
      buildEnv: { TARO_APP_CLOUD_ENV: 'e1', TARO_APP_TEMPLATE_STATUS_CHANGED: 'TPL-A', TARO_APP_TEMPLATE_DEADLINE: 'TPL-B' },
      buildCommand: 'TARO_APP_CLOUD_ENV=e1 TARO_APP_TEMPLATE_STATUS_CHANGED=TPL-A TARO_APP_TEMPLATE_DEADLINE=TPL-B npm run build:weapp',
    })
    expect(custom.warnings).toEqual([])
    // The example's placeholders deploy, but are named.
    expect(plan.warnings).toHaveLength(3)
  })

  test('sets ID_SECRET on every function and BOOTSTRAP_SECRET on account only, from the configuration, masked in the dry run', () => {
    const idSecret = 'id-secret-0123456789abcdefghijklmn'
    const bootstrapSecret = 'boot-secret-0123456789'
    const real = buildPlan(readRepo(root), { ...config, secrets: { idSecret, bootstrapSecret } }, { envId: 'e1', functionRootPath })
    for (const f of real.functions) {
      expect(f.envVariables.ID_SECRET).toBe(idSecret)
      expect(f.envVariables.BOOTSTRAP_SECRET).toBe(f.name === 'account' ? bootstrapSecret : undefined)
    }
    // The dry run (text and --json) shows that each is set, never its value.
    const printed = [describePlan(real), JSON.stringify(maskedPlan(real))].join('\n')
    expect(printed).not.toContain(idSecret)
    expect(printed).not.toContain(bootstrapSecret)
    expect(describePlan(real)).toMatch(/ID_SECRET=\*{4}\(34 chars\)/)
    expect(describePlan(real)).toMatch(/BOOTSTRAP_SECRET=\*{4}\(22 chars\)/)
    // Without a bootstrap secret the account function gets none (the bootstrap answers BOOTSTRAP_DISABLED).
    const after = buildPlan(readRepo(root), { ...config, secrets: { idSecret } }, { envId: 'e1', functionRootPath })
    for (const f of after.functions) expect(f.envVariables.BOOTSTRAP_SECRET).toBeUndefined()
    // The example's values are public: a real deploy names them and refuses (scripts/deploy.ts).
    expect(placeholderSecrets(config)).toEqual(['secrets.idSecret', 'secrets.bootstrapSecret'])
    expect(placeholderSecrets({ ...config, secrets: { idSecret, bootstrapSecret } })).toEqual([])
  })

  describe('refuses an inconsistent repository or configuration', () => {
    const repo = readRepo(root)
    const withRules = (database: RepoInputs['securityRules']['database']): RepoInputs => ({ ...repo, securityRules: { ...repo.securityRules, database } })
    const build = (r: RepoInputs, envId: string | undefined = 'e1', c: DeployConfig = config) => () => buildPlan(r, c, { envId, functionRootPath })

    test('a collection without a rule', () => {
      const { users: _users, ...rest } = repo.securityRules.database
      expect(build(withRules(rest))).toThrow(new PlanError('collection users has no security rule'))
    })
    test('a rule for an unknown collection', () => {
      expect(build(withRules({ ...repo.securityRules.database, townships_typo: { rule: { read: false, write: false }, reason: 'a reason long enough' } }))).toThrow(
        'security rule for unknown collection townships_typo',
      )
    })
    test('a rule that does not parse', () => {
      expect(build(withRules({ ...repo.securityRules.database, users: { rule: { read: 'doc._openid = auth.openid', write: false }, reason: 'x' } }))).toThrow(
        /database\.users\.read/,
      )
    })
    test('a configuration without an ID_SECRET', () => {
      const file = path.join(require('node:os').tmpdir(), `deploy-no-secret-${process.pid}.json`)
      const { secrets: _secrets, ...rest } = readJson('config', 'deploy.example.json')
      fs.writeFileSync(file, JSON.stringify(rest))
      try {
        expect(() => readDeployConfig(file)).toThrow(/secrets/)
      } finally {
        fs.rmSync(file, { force: true })
      }
    })
    test('no environment, or one that disagrees with the configuration file', () => {
      expect(() => buildPlan(repo, config, { functionRootPath })).toThrow(/no environment/)
      expect(build(repo, 'e2', { ...config, envId: 'e1' })).toThrow(/disagrees/)
    })
  })
})
