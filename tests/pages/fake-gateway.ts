/**
 * A stand-in for the local gateway at the fetch level, so pages run through src/api/call.ts unchanged: it answers
 * the dev login endpoints and POST /api/functions/<name> in the gateway's shapes ({result} | {errCode, errMsg}) and
 * derives the caller only from the bearer token it issued, as the real gateway does.
 */
export interface FakeUser {
  openid: string
  name: string
  role: string
  communityId?: string | null
}

export interface RecordedCall {
  url: string
  method: string
  authorization: string | null
  body: unknown
}

type FunctionHandler = (data: any, caller: { openid: string }) => unknown

interface FakeResponse {
  ok: boolean
  status: number
  json: () => Promise<unknown>
}

function reply(status: number, body: unknown): FakeResponse {
  return { ok: status >= 200 && status < 300, status, json: async () => JSON.parse(JSON.stringify(body)) }
}

export function installFakeGateway(users: FakeUser[], functions: Record<string, FunctionHandler>) {
  const calls: RecordedCall[] = []
  const tokens = new Map<string, string>()
  const fetchMock = jest.fn(async (input: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
    const method = init.method ?? 'GET'
    const authorization = init.headers?.authorization ?? null
    const body = init.body ? (JSON.parse(init.body) as unknown) : undefined
    calls.push({ url: input, method, authorization, body })
    const path = input.replace(/^https?:\/\/[^/]+/, '')
    if (method === 'GET' && path === '/api/dev/users') {
      return reply(200, { users: users.map((u) => ({ openid: u.openid, name: u.name, role: u.role, note: null })) })
    }
    if (method === 'POST' && path === '/api/dev/login') {
      const openid = (body as { openid?: string }).openid ?? ''
      if (!users.some((u) => u.openid === openid)) return reply(404, { errCode: 'UNKNOWN_USER', errMsg: '没有这个演示用户' })
      const token = `token-${tokens.size + 1}`
      tokens.set(token, openid)
      return reply(200, { token })
    }
    const m = /^\/api\/functions\/([^/]+)$/.exec(path)
    if (method === 'POST' && m) {
      let openid = ''
      if (authorization) {
        const known = tokens.get(authorization.replace(/^Bearer /, ''))
        if (known === undefined) return reply(401, { errCode: 'SESSION_INVALID', errMsg: '登录已失效，请重新登录' })
        openid = known
      }
      const handler = functions[decodeURIComponent(m[1]!)]
      if (!handler) return reply(200, { errCode: -501000, errMsg: `FunctionName parameter could not be found` })
      return reply(200, { result: await handler(body, { openid }) })
    }
    return reply(404, { errCode: 'NOT_FOUND', errMsg: path })
  })
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  return { calls, fetchMock }
}

/** account.whoAmI as the real function answers it, over a fixed user list. */
export function fakeAccount(users: FakeUser[]): FunctionHandler {
  return (data, caller) => {
    if (data?.action !== 'whoAmI') return { ok: false, error: { code: 'UNKNOWN_ACTION', message: String(data?.action) } }
    const u = users.find((x) => x.openid === caller.openid)
    return {
      ok: true,
      data: {
        openid: caller.openid,
        source: 'wx_client',
        user: u ? { displayName: u.name, role: u.role, communityId: u.communityId ?? null } : null,
      },
    }
  }
}

export type ActionHandler = (input: any, caller: { openid: string }) => unknown

/**
 * A cloud function that routes by action name, as the real ones do: unknown actions answer UNKNOWN_ACTION.
 * Handlers return the Outcome (`{ ok, data }` / `{ ok: false, error }`).
 */
export function fakeFunction(actions: Record<string, ActionHandler>): FunctionHandler {
  return (data, caller) => {
    const handler = actions[data?.action]
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_ACTION', message: String(data?.action) } }
    return handler(data.input, caller)
  }
}

/** The calls made to one function with one action, as sent (bodies only). */
export function callsOf(calls: RecordedCall[], fn: string, action: string): { action: string; input: any }[] {
  return calls
    .filter((c) => c.url.endsWith(`/api/functions/${fn}`))
    .map((c) => c.body as { action: string; input: any })
    .filter((b) => b.action === action)
}
