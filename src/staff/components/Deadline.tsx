import { Text } from '@tarojs/components'
import { fmt, overdue } from '../lib/time'
import './form.css'

/** "label：time", in red with 已逾期 once the time has passed (unless `settled`). */
export default function Deadline({ label, at, settled }: { label: string; at: string | null | undefined; settled?: boolean }) {
  if (!at) return null
  const late = !settled && overdue(at)
  return <Text className={`sf-deadline ${late ? 'sf-overdue' : 'muted'}`}>{`${label}：${fmt(at)}${late ? '（已逾期）' : ''}`}</Text>
}
