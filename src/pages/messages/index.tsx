import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { callAction } from '../../api/call'
import type * as account from '../../contracts/account'
import { LOW_GRANTS, SUBSCRIBE_AT } from '../../contracts/messages'
import { RESIDENTS } from '../../domain/policy'
import type { Role } from '../../domain/roles'
import { askSubscription } from '../../ui/subscribe'
import { fmtTime } from '../../ui/format'
import { go } from '../../ui/nav'
import { useRemote } from '../../ui/use-remote'
import Page from '../../components/Page'
import Btn from '../../components/Btn'
import { Empty, Failure, Loading } from '../../components/Status'

// Light references (see ui/actions.ts).
const listNotifications = { functionName: 'account', name: 'listNotifications' } as unknown as typeof account.listNotifications
const markNotificationsRead = { functionName: 'account', name: 'markNotificationsRead' } as unknown as typeof account.markNotificationsRead
const whoAmI = { functionName: 'account', name: 'whoAmI' } as unknown as typeof account.whoAmI

/** The tab whose badge shows the unread count (我的: the messages page is opened from there). */
export const BADGE_TAB_INDEX = 2

/** Shows the unread count on the tab bar; nothing unread removes the badge. Outside a tab page it fails quietly. */
export function useUnreadBadge(unread: number | null): void {
  useEffect(() => {
    if (unread === null) return
    const done = () => undefined
    try {
      const r = unread > 0 ? Taro.setTabBarBadge({ index: BADGE_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) }) : Taro.removeTabBarBadge({ index: BADGE_TAB_INDEX })
      Promise.resolve(r).catch(done)
    } catch {
      done()
    }
  }, [unread])
}

const MESSAGE_NOTE: Record<string, string> = {
  sent: '已发送微信通知',
  noGrant: '未订阅，仅在此显示',
  refused: '微信未送达（未订阅）',
  failed: '微信通知发送失败',
  noSubscriber: '仅在此显示',
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
  const deadlineGrants = data?.grants.deadline
  const low = staff && deadlineGrants !== 'long-term' && (typeof deadlineGrants !== 'number' || deadlineGrants < LOW_GRANTS)
  const subscribe = async () => {
    await askSubscription(SUBSCRIBE_AT.deadlines)
    await reload()
  }
  return (
    <Page className='messages' label='消息'>
      <Text className='title'>{data && data.unread > 0 ? `消息（${data.unread} 条未读）` : '消息'}</Text>
      {low && (
        <View className='card'>
          <Text className='muted'>{typeof deadlineGrants === 'number' && deadlineGrants > 0 ? `到期提醒还可接收 ${deadlineGrants} 条` : '尚未开启到期提醒的微信通知'}</Text>
          <Btn kind='primary' onTap={() => void subscribe()}>
            接收到期提醒
          </Btn>
        </View>
      )}
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <Failure message={state.message} onRetry={() => void reload()} />}
      {data &&
        (data.items.length === 0 ? (
          <View className='card'>
            <Empty text='还没有消息' />
          </View>
        ) : (
          data.items.map((n) => (
            <View key={n.id} className={`card message${n.read ? '' : ' message--unread'}`} aria-label={n.title} onClick={() => void open(n.id, n.page, n.read)}>
              <View className='row row--between'>
                <Text className='tag'>{n.status}</Text>
                {!n.read && <Text className='tag tag--red'>未读</Text>}
              </View>
              <Text className='text-block'>{n.title}</Text>
              {n.note && <Text className='muted'>{n.note}</Text>}
              <Text className='muted'>{`${fmtTime(n.at)} · ${MESSAGE_NOTE[n.message] ?? ''}`}</Text>
            </View>
          ))
        ))}
    </Page>
  )
}
