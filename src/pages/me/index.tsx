import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { callAction } from '../../api/call'
import { listCommunities, redeemInvitation, whoAmI } from '../../ui/actions'
import { isStaffRole, RESIDENT_ROLES, roleLabel } from '../../ui/labels'
import { go, ROUTES, STAFF_PAGES } from '../../ui/nav'
import { useRemote } from '../../ui/use-remote'
import Page from '../../components/Page'
import DevLogin from '../../components/DevLogin'
import Btn from '../../components/Btn'
import CareSwitch from '../../components/CareSwitch'
import Field from '../../components/Field'
import JoinCommunity from '../../components/JoinCommunity'
import { Failure, Loading, Say } from '../../components/Status'
import './index.css'

/**
 * 我的: who I am and where, 关怀模式 (large text, high contrast, for every page), joining or moving community,
 * redeeming a staff invitation code, my reports, and for staff the way into the staff pages.
 */
export default function Me() {
  const { state, reload } = useRemote(() => callAction(whoAmI, {}))
  const [joining, setJoining] = useState(false)

  const me = state.kind === 'ready' ? state.data : null
  const user = me?.user ?? null
  const role = user?.role ?? null
  const mayJoin = !!me?.openid && (!user || (RESIDENT_ROLES as readonly string[]).includes(user.role))
  return (
    <Page className='me' label='我的'>
      <Text className='title'>我的</Text>
      <View className='card'>
        {state.kind === 'loading' && <Loading text='正在确认身份…' />}
        {state.kind === 'error' && <Failure prefix='暂时无法确认身份' message={state.message} onRetry={() => void reload()} />}
        {me && !me.openid && <Text>未登录</Text>}
        {me?.openid && !user && <Text>已登录，尚未加入社区</Text>}
        {user && (
          <View className='stack'>
            <Text className='me__name'>{user.displayName}</Text>
            <Text>{`身份：${roleLabel(user.role)}`}</Text>
            <Place user={user} />
          </View>
        )}
      </View>

      <View className='card'>
        <View className='row row--between'>
          <View className='stack me__care-text'>
            <Text className='section-title'>关怀模式</Text>
            <Text className='muted'>字更大、对比更强，所有页面都生效</Text>
          </View>
          <CareSwitch />
        </View>
      </View>

      <View className='card'>
        <Btn onTap={() => go(ROUTES.myReports)}>我的诉求 ›</Btn>
        {isStaffRole(role) && (
          <Btn kind='primary' onTap={() => go(ROUTES.staffInbox)}>
            进入工作台 ›
          </Btn>
        )}
        {role === 'department_staff' && (
          <Btn kind='primary' onTap={() => go(STAFF_PAGES.department)}>
            部门待办 ›
          </Btn>
        )}
        {mayJoin && !joining && <Btn onTap={() => setJoining(true)}>{user?.communityId ? '更换社区' : '加入社区'}</Btn>}
      </View>

      {mayJoin && joining && (
        <JoinCommunity
          title={user?.communityId ? '更换社区' : '加入社区'}
          onJoined={() => {
            setJoining(false)
            void reload()
          }}
        />
      )}

      {me?.openid && <Redeem onDone={() => void reload()} />}

      {process.env.TARO_ENV === 'h5' ? <DevLogin onChange={() => void reload()} /> : null}
    </Page>
  )
}

/**
 * Where I belong: my community; for township and county staff (who belong to no community) their area. whoAmI gives
 * only the township's id, so its name is read from the communities list (each community carries its township's name).
 */
function Place({ user }: { user: { role: string; communityName: string | null; townshipId: string | null } }) {
  const wide = !user.communityName && (user.role === 'township_supervisor' || user.role === 'county_office')
  const { state } = useRemote(() => (wide ? callAction(listCommunities, {}) : null), [wide])
  if (!wide) return <Text className='muted'>{`社区：${user.communityName ?? '未加入'}`}</Text>
  if (user.role === 'county_office') return <Text className='muted'>辖区：全县各乡镇（街道）</Text>
  // The list names every township; only when it holds one township is that name surely mine.
  const names = state.kind === 'ready' ? [...new Set(state.data.communities.map((c) => c.townshipName))] : []
  const count = state.kind === 'ready' ? state.data.communities.length : 0
  return <Text className='muted'>{`辖区：${names.length === 1 ? `${names[0]}（${count} 个社区）` : state.kind === 'loading' ? '…' : '本乡镇（街道）'}`}</Text>
}

/** Staff bind their post with a code from the level above. */
function Redeem({ onDone }: { onDone: () => void }) {
  const [code, setCode] = useState('')
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null)
  const submit = async () => {
    const c = code.trim().toUpperCase()
    if (!/^[A-Z0-9]{8}$/.test(c)) return setMsg({ ok: false, text: '邀请码为 8 位字母或数字' })
    if (!name.trim()) return setMsg({ ok: false, text: '请填写姓名' })
    setBusy(true)
    const o = await callAction(redeemInvitation, { code: c, displayName: name.trim() })
    setBusy(false)
    if (!o.ok) return setMsg({ ok: false, text: o.error.message })
    setMsg({ ok: true, text: `已绑定岗位：${roleLabel(o.data.user.role)}` })
    setCode('')
    onDone()
  }
  return (
    <View className='card'>
      <Text className='section-title'>工作人员邀请码</Text>
      <Text className='muted'>网格员、社区工作人员、居民代表凭上级签发的邀请码绑定岗位。</Text>
      <Field name='inviteCode' label='邀请码' value={code} onChange={(v) => setCode(v.toUpperCase())} maxlength={8} placeholder='8 位字母或数字' />
      <Field name='inviteName' label='姓名' value={name} onChange={setName} maxlength={20} />
      {msg && <Say ok={msg.ok} text={msg.text} />}
      <Btn kind='primary' small busy={busy} onTap={() => void submit()}>
        绑定岗位
      </Btn>
    </View>
  )
}
