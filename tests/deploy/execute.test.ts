import path from 'node:path'
import { executePlan, type DeployManager } from '../../scripts/deploy/execute'
import { buildPlan, readDeployConfig, readRepo, type DeployPlan } from '../../scripts/deploy/plan'

const root = path.resolve(__dirname, '../..')
const functionRootPath = path.join(root, 'dist', 'cloudfunctions')
const plan = buildPlan(readRepo(root), readDeployConfig(path.join(root, 'config', 'deploy.example.json')), { envId: 'prod-1a2b', functionRootPath })

type Call = [method: string, ...args: unknown[]]

/** A stand-in for `new CloudBase(...)` (manager-node) that records every call; `existing` lists collection/index pairs already there. */
function fakeManager(existing: Set<string> = new Set()): { manager: DeployManager; calls: Call[] } {
  const calls: Call[] = []
  const manager: DeployManager = {
    database: {
      createCollectionIfNotExists: async (name) => {
        calls.push(['database.createCollectionIfNotExists', name])
        return { RequestId: 'r', IsCreated: !existing.has(name), ExistsResult: { RequestId: 'r', Exists: existing.has(name) } }
      },
      checkIndexExists: async (name, index) => {
        calls.push(['database.checkIndexExists', name, index])
        return { RequestId: 'r', Exists: existing.has(`${name}/${index}`) }
      },
      updateCollection: async (name, info) => {
        calls.push(['database.updateCollection', name, info])
        return {}
      },
    },
    functions: {
      createFunction: async (param) => {
        calls.push(['functions.createFunction', param])
        return { RequestId: 'r' }
      },
    },
    storage: {
      setStorageAcl: async (acl, rule) => {
        calls.push(['storage.setStorageAcl', acl, rule])
        return { RequestId: 'r' }
      },
    },
    commonService: (...serviceArgs) => ({
      call: async (options) => {
        calls.push(['commonService.call', serviceArgs, options])
        return { RequestId: 'r' }
      },
    }),
  }
  return { manager, calls }
}

/** The calls the plan prescribes, derived from the plan data alone, for an environment where `existing` is present. */
function expectedCalls(p: DeployPlan, existing: Set<string> = new Set()): Call[] {
  const calls: Call[] = []
  for (const c of p.collections) {
    calls.push(['database.createCollectionIfNotExists', c.name])
    for (const i of c.indexes) calls.push(['database.checkIndexExists', c.name, i.IndexName])
    const missing = c.indexes.filter((i) => !existing.has(`${c.name}/${i.IndexName}`))
    if (missing.length) calls.push(['database.updateCollection', c.name, { CreateIndexes: missing }])
  }
  for (const r of p.databaseRules) {
    calls.push(['commonService.call', [], { Action: 'ModifySafeRule', Param: { EnvId: p.envId, CollectionName: r.collection, AclTag: 'CUSTOM', Rule: JSON.stringify(r.rule) } }])
  }
  calls.push(['storage.setStorageAcl', 'CUSTOM', p.storageRule.rule])
  for (const f of p.functions) {
    calls.push([
      'functions.createFunction',
      {
        func: {
          name: f.name,
          runtime: f.runtime,
          timeout: f.timeout,
          memorySize: f.memorySize,
          handler: 'index.main',
          installDependency: true,
          envVariables: f.envVariables,
          triggers: f.triggers,
          ignore: ['node_modules', 'node_modules/**/*'],
        },
        functionRootPath,
        force: true,
      },
    ])
  }
  return calls
}

describe('deploy executor', () => {
  test('on an empty environment issues exactly the plan’s manager-node calls, in order', async () => {
    const { manager, calls } = fakeManager()
    await executePlan(plan, manager, () => {})
    expect(calls).toEqual(expectedCalls(plan))
    // Spot checks against the repository, so the test cannot pass on an empty plan.
    expect(calls.filter((c) => c[0] === 'commonService.call')).toHaveLength(plan.collections.length)
    const sweep = calls.find((c) => c[0] === 'functions.createFunction' && (c[1] as { func: { name: string } }).func.name === 'sweep')!
    expect((sweep[1] as { func: { triggers: unknown[] } }).func.triggers).toEqual([{ name: 'hourlyDeadlineSweep', type: 'timer', config: '0 5 * * * * *' }])
  })

  test('on an environment that already has some indexes adds only the missing ones', async () => {
    const existing = new Set(['users', 'users/openid_unique', 'users/devLogin_order', 'users/community_role', 'users/township_role', 'users/role_township', 'resolutions/topic', 'resolutions/board_status_from', 'resolutions/board_status_due', 'resolutions/decided_at', 'resolutions/handling_from', 'resolutions/community_taking'])
    const { manager, calls } = fakeManager(existing)
    await executePlan(plan, manager, () => {})
    expect(calls).toEqual(expectedCalls(plan, existing))
    expect(calls.some((c) => c[0] === 'database.updateCollection' && c[1] === 'users')).toBe(false)
    const resolutions = calls.find((c) => c[0] === 'database.updateCollection' && c[1] === 'resolutions')!
    expect((resolutions[2] as { CreateIndexes: { IndexName: string }[] }).CreateIndexes.map((i) => i.IndexName)).toEqual([
      'community',
      'disclosure_due',
      'handling_due',
      'result_published',
      'department',
    ])
  })
})
