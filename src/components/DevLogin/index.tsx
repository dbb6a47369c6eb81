import { useCallback, useEffect, useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { setGatewaySession, getGatewaySession } from '../../api/call'
import type { Role } from '../../domain/roles'
import { ROLE_LABELS } from '../../ui/labels'
import './index.css'

interface DevUser {
  openid: string
  name: string
  role: Role
  note: string | null
}

type ListState = { kind: 'loading' } | { kind: 'ready'; users: DevUser[] } | { kind: 'error'; message: string }

/**
 * H5 only: the local gateway's dev login. Lists the demo users the local CloudBase offers and signs in as one by
 * storing the gateway's signed session; the page decides what to reload. The mini-program never renders this: there
 * WeChat itself says who the caller is.
 */
export default function DevLogin({ onChange }: { onChange: () => void }) {
  const [list, setList] = useState<ListState>({ kind: 'loading' })
  const [busy, setBusy] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [signedIn, setSignedIn] = useState<boolean>(() => getGatewaySession() !== null)

  useEffect(() => {
    let live = true
    fetch('/api/dev/users')
      .then(async (res) => {
        const body = (await res.json()) as { users?: DevUser[] }
        if (!res.ok || !Array.isArray(body.users)) throw new Error(`HTTP ${res.status}`)
        if (live) setList({ kind: 'ready', users: body.users })
      })
      .catch((err: unknown) => {
        if (live) setList({ kind: 'error', message: String(err) })
      })
    return () => {
      live = false
    }
  }, [])

  const login = useCallback(
    async (openid: string) => {
      setBusy(openid)
      setFailure(null)
      try {
        const res = await fetch('/api/dev/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ openid }),
        })
        const body = (await res.json()) as { token?: string; errMsg?: string }
        if (!res.ok || !body.token) throw new Error(body.errMsg ?? `HTTP ${res.status}`)
        setGatewaySession(body.token)
        setSignedIn(true)
        onChange()
      } catch (err) {
        setFailure(`登录失败：${err instanceof Error ? err.message : String(err)}`)
      } finally {
        setBusy(null)
      }
    },
    [onChange],
  )

  const logout = useCallback(() => {
    setGatewaySession(null)
    setSignedIn(false)
    onChange()
  }, [onChange])

  return (
    <View className='dev-login'>
      <Text className='dev-login__title'>演示登录（仅本地调试）</Text>
      {list.kind === 'loading' && <Text className='dev-login__hint'>正在加载演示用户…</Text>}
      {list.kind === 'error' && <Text className='dev-login__hint'>演示用户列表加载失败：{list.message}</Text>}
      {list.kind === 'ready' && list.users.length === 0 && <Text className='dev-login__hint'>暂无演示用户</Text>}
      {list.kind === 'ready' &&
        list.users.map((u) => (
          <Button
            key={u.openid}
            className='dev-login__user'
            size='mini'
            // The H5 build's web components treat a present attribute as true, even "false": set them only when on.
            disabled={busy !== null ? true : undefined}
            loading={busy === u.openid ? true : undefined}
            onClick={() => void login(u.openid)}
          >
            {`${u.name}（${ROLE_LABELS[u.role] ?? u.role}）`}
          </Button>
        ))}
      {signedIn && (
        <Button className='dev-login__logout' size='mini' onClick={logout}>
          退出登录
        </Button>
      )}
      {failure && <Text className='dev-login__error'>{failure}</Text>}
    </View>
  )
}
