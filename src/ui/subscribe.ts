import Taro from '@tarojs/taro'
import { MESSAGE_TEMPLATES } from '../contracts/messages'

/**
 * Asks for one-time subscription messages before follow/join taps (WeChat allows the request only inside a tap).
 * Refusal, an unsupported base library or H5 change nothing: the action goes on either way.
 */
export function askSubscription(kinds: readonly (keyof typeof MESSAGE_TEMPLATES)[] = ['statusChanged']): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve()
  const api = (Taro as unknown as { requestSubscribeMessage?: (o: { tmplIds: string[] }) => Promise<unknown> | void }).requestSubscribeMessage
  if (typeof api !== 'function') return Promise.resolve()
  try {
    return Promise.resolve(api({ tmplIds: kinds.map((k) => MESSAGE_TEMPLATES[k].id) })).then(
      () => undefined,
      () => undefined,
    )
  } catch {
    return Promise.resolve()
  }
}
