import { View, Text } from '@tarojs/components'
import Btn from '../Btn'

/** Loading and failure of a page's data, said in words; a failure offers 重试. */
export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='status' aria-live='polite'>
      <Text className='muted'>{text}</Text>
    </View>
  )
}

export function Failure({ message, onRetry, prefix = '加载失败' }: { message: string; onRetry?: () => void; prefix?: string }) {
  return (
    <View className='status status--error' role='alert'>
      <Text className='error'>{`${prefix}：${message}`}</Text>
      {onRetry && (
        <Btn small onTap={onRetry}>
          重试
        </Btn>
      )}
    </View>
  )
}

export function Empty({ text }: { text: string }) {
  return <Text className='muted empty'>{text}</Text>
}

/** A message after an action: an error is announced at once (role alert), a success politely (role status). */
export function Say({ ok, text, className }: { ok: boolean; text: string; className?: string }) {
  return (
    <View role={ok ? 'status' : 'alert'} className={`say ${className ?? ''}`}>
      <Text className={ok ? 'ok' : 'error'}>{text}</Text>
    </View>
  )
}
