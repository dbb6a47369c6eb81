import { View, Text } from '@tarojs/components'
import { LOW_GRANTS, SUBSCRIBE_AT } from '../../contracts/messages'
import { askSubscription } from '../../ui/subscribe'
import Btn from '../../components/Btn'

/**
 * 接收到期提醒: staff and supervisors' control for deadline reminders and escalations. Shown while their deadline
 * grants are fewer than LOW_GRANTS (each acceptance allows one message), hidden under long-term subscriptions. The
 * tap itself asks (WeChat's rule), then the owner reloads to show the new count.
 */
export default function SubscribeDeadlines({ left, onDone }: { left: number | 'long-term' | undefined; onDone: () => void }) {
  if (left === 'long-term' || (typeof left === 'number' && left >= LOW_GRANTS)) return null
  const subscribe = async () => {
    await askSubscription(SUBSCRIBE_AT.deadlines)
    onDone()
  }
  return (
    <View className='card'>
      <Text className='muted'>{typeof left === 'number' && left > 0 ? `到期提醒还可接收 ${left} 条` : '尚未开启到期提醒的微信通知'}</Text>
      <Btn kind='primary' onTap={() => void subscribe()}>
        接收到期提醒
      </Btn>
    </View>
  )
}
