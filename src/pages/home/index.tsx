import { useCallback, useEffect, useRef, useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { callAction } from '../../api/call'
import { whoAmI } from '../../contracts/account'
import type { OutputOf } from '../../contracts/action'
import { ROLE_LABELS } from '../../domain/roles'
import DevLogin from '../../components/DevLogin'
import './index.css'

type Identity = OutputOf<typeof whoAmI>
type State = { kind: 'loading' } | { kind: 'ready'; me: Identity } | { kind: 'error'; message: string }

/** Home: says who is signed in, as account.whoAmI answers. Only the latest request may set the state. */
export default function Home() {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const latest = useRef(0)

  const load = useCallback(async () => {
    const seq = ++latest.current
    setState({ kind: 'loading' })
    const outcome = await callAction(whoAmI, {})
    if (seq !== latest.current) return
    setState(outcome.ok ? { kind: 'ready', me: outcome.data } : { kind: 'error', message: outcome.error.message })
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  return (
    <View className='home'>
      <Text className='home__title'>家园议事</Text>
      <View className='home__card'>
        <IdentityView state={state} />
        <Button className='home__refresh' size='mini' onClick={() => void load()}>
          刷新
        </Button>
      </View>
      {process.env.TARO_ENV === 'h5' ? <DevLogin onChange={() => void load()} /> : null}
    </View>
  )
}

function IdentityView({ state }: { state: State }) {
  if (state.kind === 'loading') return <Text className='home__status'>正在确认身份…</Text>
  if (state.kind === 'error') return <Text className='home__status home__status--error'>暂时无法确认身份：{state.message}</Text>
  const { me } = state
  if (!me.openid) return <Text className='home__status'>未登录</Text>
  if (!me.user) return <Text className='home__status'>已登录，尚未加入社区</Text>
  return (
    <View className='home__who'>
      <Text className='home__status'>{`当前用户：${me.user.displayName}`}</Text>
      <Text className='home__role'>{`身份：${ROLE_LABELS[me.user.role]}`}</Text>
    </View>
  )
}
