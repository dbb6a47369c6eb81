import { Text } from '@tarojs/components'
import { fmtTime, lateBy, overdue } from '../../ui/format'

/**
 * "label：time", in red with 已逾期 and by how much (e.g. 已逾期 2 天) once the time has passed (unless `settled`). Where the server has judged it
 * (`late`, from the item's status on the server's clock) that verdict wins over this device's clock.
 */
export default function Deadline({ label, at, settled, late: judged }: { label: string; at: string | null | undefined; settled?: boolean; late?: boolean }) {
  if (!at) return null
  const late = !settled && (judged ?? overdue(at))
  const span = late ? lateBy(at) : ''
  return <Text className={`sf-deadline ${late ? 'sf-overdue' : 'muted'}`}>{`${label}：${fmtTime(at)}${late ? `（已逾期${span ? ` ${span}` : ''}）` : ''}`}</Text>
}
