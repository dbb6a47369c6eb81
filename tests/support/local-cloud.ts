import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startLocalCloudbase, type LocalCloudbase, type LocalCloudbaseOptions } from '../../local-cloudbase/server'

export type TestCloud = LocalCloudbase & { dataDir: string; sdk: () => any; dispose: () => Promise<void> }

/**
 * A local CloudBase for one test file: a fresh data dir, port 0, strict indexes, and the real wx-server-sdk pointed
 * at it through the environment (the SDK reads it per request, so set it before the first call).
 */
export async function startTestCloud(options: Partial<LocalCloudbaseOptions> = {}): Promise<TestCloud> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jy-cloud-'))
  const cloud = await startLocalCloudbase({ port: 0, dataDir, strictIndexes: true, quiet: true, timers: false, ...options })
  Object.assign(process.env, cloud.sdkEnv())
  return Object.assign(cloud, {
    dataDir,
    sdk: () => {
      const cloudSdk = require('wx-server-sdk')
      cloudSdk.init({ env: cloudSdk.DYNAMIC_CURRENT_ENV })
      return cloudSdk
    },
    dispose: async () => {
      await cloud.close()
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  })
}

/** Sets the caller identity the SDK's getWXContext() reads, as the runtime does per invocation. */
export function actAs(openid: string, appid = 'wxtestapp'): void {
  process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP'
  process.env.WX_OPENID = openid
  process.env.WX_APPID = appid
}
