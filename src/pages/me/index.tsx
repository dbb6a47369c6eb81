import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { callAction } from '../../api/call'
import { listCommunities, listFollowedTopics, redeemInvitation, whoAmI } from '../../ui/actions'
import { RESIDENT_ROLES, roleLabel } from '../../ui/labels'
import { staffLanding } from '../../domain/staff-nav'
import { go, ROUTES, STAFF_PAGES } from '../../ui/nav'
import { useRemote } from '../../ui/use-remote'
import { useUnreadBadge } from '../messages/badge'
import Page from '../../components/Page'
import DevLogin from '../../components/DevLogin'
import Btn from '../../components/Btn'
import CareSwitch from '../../components/CareSwitch'
import Field from '../../components/Field'
import JoinCommunity from '../../components/JoinCommunity'
import { Failure, Loading, Say } from '../../components/Status'
import { TAKING_READERS } from '../../domain/resident-actions'
import './index.css'

/** The 工作台 (staff subpackage), named here so the main package does not import the staff navigation. */
const STAFF_HOME = '/staff/home/index'
/** 消息 (the notification centre), opened from here; its unread count is the 我的 tab's badge. */
const MESSAGES_PAGE = '/pages/messages/index'
/** 揭榜 (its own subpackage): the community's items open for taking, read by its residents and field staff. */
const TAKE_PAGE = '/take/index'

/**
 * 我的: who I am and where, 关怀模式 (large text, high contrast, for every page), joining or moving community,
 * redeeming a staff invitation code, my reports, and for staff the way into the staff pages.
 */
export default function Me() {
  const { state, reload } = useRemote(() => callAction(whoAmI, {}))
  const [joining, setJoining] = useState(false)

  const me = state.kind === 'ready' ? state.data : null
  // The 消息 badge follows the unread count whoAmI answers with, on every show (issue 11).
  useUnreadBadge(me?.unread ?? null)
  const user = me?.user ?? null
  const role = user?.role ?? null
  const landing = staffLanding(role)
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
        {me?.openid && <Btn onTap={() => go(MESSAGES_PAGE)}>{me.unread ? `消息（${me.unread} 条未读） ›` : '消息 ›'}</Btn>}
        <Btn onTap={() => go(ROUTES.myReports)}>我的诉求 ›</Btn>
        {user?.communityId && (TAKING_READERS as readonly string[]).includes(user.role) && <Btn onTap={() => go(TAKE_PAGE)}>揭榜 ›</Btn>}
        {landing && (
          // Where the role enters the staff side (src/domain/staff-nav.ts staffLanding): field staff at the triage
          // inbox, supervisors and the county office at the 工作台 (overdue items, 接收到期提醒), department staff at
          // 部门待办 — the only staff page they use.
          <Btn kind='primary' onTap={() => go(landing.page === 'home' ? STAFF_HOME : landing.page === 'inbox' ? ROUTES.staffInbox : STAFF_PAGES[landing.page])}>
            {`${landing.label} ›`}
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

      {user && (RESIDENT_ROLES as readonly string[]).includes(user.role) && <Followed />}

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

/** 我关注的 (issue 11): the topics I follow or joined, each opening its page (where a join can be withdrawn). */
function Followed() {
  const { state, reload } = useRemote(() => callAction(listFollowedTopics, { limit: 20, offset: 0 }))
  return (
    <View className='card' aria-label='我关注的'>
      <Text className='section-title'>我关注的</Text>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <Failure message={state.message} onRetry={() => void reload()} />}
      {state.kind === 'ready' && state.data.topics.length === 0 && <Text className='muted'>还没有关注或报名的议题</Text>}
      {state.kind === 'ready' &&
        state.data.topics.map(({ topic: t, joined }) => (
          <Btn key={t.id} kind='ghost' onTap={() => go(ROUTES.topic(t.id))}>
            {`${t.title} · ${t.stageLabel}${joined ? ' · 已报名' : ''} ›`}
          </Btn>
        ))}
    </View>
  )
}
