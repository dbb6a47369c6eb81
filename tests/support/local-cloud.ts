import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import http from 'node:http'
import { startLocalCloudbase, type LocalCloudbase, type LocalCloudbaseOptions } from '../../local-cloudbase/server'
import { ADMIN_KEY_FILE, type AdminKey } from '../../local-cloudbase/admin-auth'

export type TestCloud = LocalCloudbase & { dataDir: string; sdk: () => any; dispose: () => Promise<void> }

/**
 * A local CloudBase for one test file: a fresh data dir, port 0, strict indexes, and the real wx-server-sdk pointed
 * at it through the environment (the SDK reads it per request, so set it before the first call), signing with the
 * data directory's admin key as every outside tool must.
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

/** The admin key a server made in its data directory (`<data>/admin-key.json`), as an outside tool reads it. */
export function readAdminKey(dataDir: string): AdminKey {
  return JSON.parse(fs.readFileSync(path.join(dataDir, ADMIN_KEY_FILE), 'utf8')) as AdminKey
}

/** The SDK's environment for a server started elsewhere (the CLI): its admin URL and its data directory's key. */
export function sdkEnvFor(adminUrl: string, dataDir: string): Record<string, string> {
  const key = readAdminKey(dataDir)
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    TENCENTCLOUD_SECRETID: key.secretId,
    TENCENTCLOUD_SECRETKEY: key.secretKey,
    TENCENTCLOUD: 'true',
    SCF_NAMESPACE: 'local-env',
  }
}

/**
 * POSTs a hand-made JSON body to `/admin`, signed exactly as wx-server-sdk signs (with the signer it uses,
 * @cloudbase/signature-nodejs), for tests that send what the SDK would not. `key: null` sends it unsigned;
 * `headers` are sent (and signed, as the SDK signs Host) as given, Host included; `sendBody` is sent instead of the
 * body that was signed.
 */
export async function adminPost(
  cloud: Pick<LocalCloudbase, 'url' | 'adminKey' | 'port'>,
  body: Record<string, unknown>,
  options: { key?: AdminKey | null; headers?: Record<string, string>; sendBody?: Record<string, unknown> } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const key = options.key === undefined ? cloud.adminKey : options.key
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'tcb-node-sdk/3.17.2',
    'x-sdk-version': 'wx-server-sdk/4.0.2',
    host: new URL(cloud.url).host,
    ...options.headers,
  }
  const pathAndQuery = '/admin?env=local-env'
  if (key) {
    const { sign } = require('@cloudbase/signature-nodejs') as typeof import('@cloudbase/signature-nodejs')
    const timestamp = Math.floor(Date.now() / 1000) - 1
    const url = `http://${headers.host}${pathAndQuery}`
    const { authorization } = sign({ secretId: key.secretId, secretKey: key.secretKey, method: 'post', url, params: body, headers, withSignedParams: true, timestamp })
    headers.authorization = authorization
    headers['x-timestamp'] = String(timestamp)
    headers['x-signature-expires'] = '600'
  }
  const text = JSON.stringify(options.sendBody ?? body)
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: cloud.port, method: 'POST', path: pathAndQuery, headers: { ...headers, 'content-length': String(Buffer.byteLength(text)) } }, (res) => {
      let out = ''
      res.on('data', (c: Buffer) => (out += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(out) as Record<string, unknown> }))
    })
    req.on('error', reject)
    req.end(text)
  })
}

/** The few calls of the real (plain JavaScript) SDK's database that tests make, typed for the tests' use. */
export interface SdkQuery {
  count(): Promise<{ total: number }>
  get(): Promise<{ data: Record<string, unknown>[] }>
}
export interface SdkCollection extends SdkQuery {
  add(options: { data: Record<string, unknown> }): Promise<{ _id: string }>
  where(query: Record<string, unknown>): SdkQuery
  doc(id: string): { get(): Promise<{ data: Record<string, unknown> }> }
}
export interface SdkDatabase {
  collection(name: string): SdkCollection
  runTransaction(run: (transaction: { collection(name: string): SdkCollection }) => Promise<void>): Promise<unknown>
}

/**
 * The client's own database access (the mini-program's wx.cloud.database(); in H5 the gateway's POST /api/database),
 * as the holder of a dev-login session (`token`, or null for anonymous). Every request is judged by the security
 * rules: with the shipped rules a refusal is 403 `{ errCode: -502003, code: 'DATABASE_PERMISSION_DENIED' }`.
 */
export async function clientDb(
  cloud: Pick<LocalCloudbase, 'origin'>,
  token: string | null,
  request: { action: 'get' | 'count' | 'add' | 'update' | 'remove'; collection: string; docId?: string; query?: Record<string, unknown>; data?: Record<string, unknown>; limit?: number; skip?: number },
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${cloud.origin}/api/database`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(request),
  })
  return { status: res.status, json: (await res.json()) as Record<string, unknown> }
}
