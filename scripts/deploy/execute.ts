/**
 * Carries out a deploy plan with @cloudbase/manager-node. Each step is idempotent, so running the deploy again
 * brings an environment up to date: collections are created only if missing, indexes only if missing, rules are
 * replaced, functions are created or (force) have their code, configuration and triggers updated.
 */
import path from 'node:path'
import type CloudBase from '@cloudbase/manager-node'
import type { DeployPlan } from './plan'

/** The parts of a CloudBase manager the deploy uses; the real `new CloudBase({...})` satisfies it. */
export interface DeployManager {
  database: Pick<CloudBase['database'], 'createCollectionIfNotExists' | 'checkIndexExists' | 'updateCollection'>
  functions: Pick<CloudBase['functions'], 'createFunction'>
  storage: Pick<CloudBase['storage'], 'setStorageAcl'>
  commonService: (service?: string, version?: string) => Pick<ReturnType<CloudBase['commonService']>, 'call'>
}

export async function executePlan(plan: DeployPlan, manager: DeployManager, log: (line: string) => void = console.log): Promise<void> {
  for (const collection of plan.collections) {
    const created = await manager.database.createCollectionIfNotExists(collection.name)
    log(`collection ${collection.name}: ${created?.IsCreated ? 'created' : 'exists'}`)
    const missing = []
    for (const index of collection.indexes) {
      const exists = await manager.database.checkIndexExists(collection.name, index.IndexName)
      if (!exists?.Exists) missing.push(index)
    }
    if (missing.length) {
      await manager.database.updateCollection(collection.name, { CreateIndexes: missing })
      log(`  indexes added: ${missing.map((i) => i.IndexName).join(', ')}`)
    }
  }

  // Database rules: the TCB API ModifySafeRule (version 2018-06-08, manager-node's default for commonService),
  // https://cloud.tencent.com/document/api/876/128959 — AclTag CUSTOM with the rule as a JSON string.
  for (const { collection, rule } of plan.databaseRules) {
    await manager.commonService().call({
      Action: 'ModifySafeRule',
      Param: { EnvId: plan.envId, CollectionName: collection, AclTag: 'CUSTOM', Rule: JSON.stringify(rule) },
    })
    log(`rule ${collection}: ${JSON.stringify(rule)}`)
  }

  await manager.storage.setStorageAcl('CUSTOM', { read: plan.storageRule.rule.read ?? false, write: plan.storageRule.rule.write ?? false })
  log(`storage rule: ${JSON.stringify(plan.storageRule.rule)}`)

  for (const fn of plan.functions) {
    await manager.functions.createFunction({
      func: {
        name: fn.name,
        runtime: fn.runtime,
        timeout: fn.timeout,
        memorySize: fn.memorySize,
        handler: 'index.main',
        installDependency: fn.installDependency,
        envVariables: fn.envVariables,
        triggers: fn.triggers,
        // The cloud installs dependencies from package.json; a local node_modules is never uploaded.
        ignore: ['node_modules', 'node_modules/**/*'],
      },
      functionRootPath: fn.functionRootPath,
      force: true,
    })
    log(`function ${fn.name}: deployed from ${path.join(fn.functionRootPath, fn.name)}${fn.triggers.length ? ` with trigger ${fn.triggers.map((t) => t.name).join(', ')}` : ''}`)
  }
}
