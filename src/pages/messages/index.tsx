import { View, Text } from '@tarojs/components'
import { callAction } from '../../api/call'
import type * as account from '../../contracts/account'
import { RESIDENTS } from '../../domain/resident-actions'
import type { Role } from '../../domain/roles'
import { fmtTime } from '../../ui/format'
import { go } from '../../ui/nav'
import { useRemote } from '../../ui/use-remote'
import Page from '../../components/Page'
import LinkRow from '../../components/LinkRow'
import { Empty, Failure, Loading } from '../../components/Status'
import { listNotifications, markNotificationsRead, useUnreadBadge } from './badge'
import SubscribeDeadlines from './subscribe-deadlines'

// A light reference (see ui/actions.ts).
const whoAmI = { functionName: 'account', name: 'whoAmI' } as unknown as typeof account.whoAmI

const MESSAGE_NOTE: Record<string, string> = {
  sent: '已发送微信通知',
  noGrant: '未订阅，仅在此显示',
  refused: '微信未送达（未订阅）',
  failed: '微信通知发送失败',
}

/** 消息: every event the person would have been messaged about, newest first; tapping one opens its item. */
export default function Messages() {
  const { state, reload } = useRemote(async () => {
    const [list, me] = await Promise.all([callAction(listNotifications, {}), callAction(whoAmI, {})])
    if (!list.ok) return list
    return { ok: true as const, data: { ...list.data, role: me.ok ? (me.data.user?.role ?? null) : null } }
  })
  const data = state.kind === 'ready' ? state.data : null
  useUnreadBadge(data ? data.unread : null)
  const open = async (id: string, page: string, read: boolean) => {
    if (!read) await callAction(markNotificationsRead, { ids: [id] })
    go(`/${page}`)
  }
  // Staff and supervisors get deadline reminders and escalations: they are offered 接收到期提醒 while grants run low.
  const staff = !!data?.role && !(RESIDENTS as readonly Role[]).includes(data.role as Role)
  return (
    <Page className='messages' label='消息'>
      <Text className='title'>{data && data.unread > 0 ? `消息（${data.unread} 条未读）` : '消息'}</Text>
      {staff && data && <SubscribeDeadlines left={data.grants.deadline} onDone={() => void reload(true)} />}
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <Failure message={state.message} onRetry={() => void reload()} />}
      {data &&
        (data.items.length === 0 ? (
          <View className='card'>
            <Empty text='还没有消息' />
          </View>
        ) : (
          data.items.map((n) => (
            <LinkRow key={n.id} className={`card message${n.read ? '' : ' message--unread'}`} label={n.title} onOpen={() => void open(n.id, n.page, n.read)}>
              <View className='row row--between'>
                <Text className='tag'>{n.status}</Text>
                {!n.read && <Text className='tag tag--red'>未读</Text>}
              </View>
              <Text className='text-block'>{n.title}</Text>
              {n.note && <Text className='muted'>{n.note}</Text>}
              <Text className='muted'>{`${fmtTime(n.at)} · ${MESSAGE_NOTE[n.message] ?? ''}`}</Text>
            </LinkRow>
          ))
        ))}
    </Page>
  )
}
