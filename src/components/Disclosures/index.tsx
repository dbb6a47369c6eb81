import { View, Text } from '@tarojs/components'
import type { ResolutionView } from '../../contracts/topics'
import { fmtShort, fmtTime, overdueBy } from '../../ui/format'
import Photos from '../Photos'

/**
 * The next progress disclosure an open item owes, in words: when it is due, or — late — which deadline it missed and by
 * how much (e.g. 办理情况公示逾期 2 天). One wording for the topic page and the 三单 item view.
 */
export function disclosureDueText(r: Pick<ResolutionView, 'status' | 'disclosureDueAt'>): string {
  if (!r.disclosureDueAt) return ''
  return r.status === 'overdue'
    ? `${overdueBy('办理情况公示', r.disclosureDueAt) || '办理情况公示已逾期'}（期限 ${fmtTime(r.disclosureDueAt)}）`
    : `下次公示办理情况：${fmtTime(r.disclosureDueAt)} 前`
}

/** An item's progress disclosures (办理情况公示), each on time or late against its own deadline, with its photos. */
export default function Disclosures({ disclosures }: { disclosures: ResolutionView['disclosures'] }) {
  const progress = disclosures.filter((d) => !d.final)
  if (progress.length === 0) return null
  return (
    <View>
      <Text className='sub-title'>办理情况公示</Text>
      {progress.map((d, i) => (
        <View key={i} className='item'>
          <View className='row'>
            <Text className={`tag ${d.onTime ? 'tag--ok' : 'tag--red'}`}>{d.onTime ? '按时' : '逾期'}</Text>
            <Text className='muted'>{`${fmtShort(d.at)}（期限 ${fmtShort(d.dueAt)}）`}</Text>
          </View>
          <Text className='text-block'>{d.text}</Text>
          <Photos ids={d.photos} pending={d.pendingPhotos} label='办理照片' />
        </View>
      ))}
    </View>
  )
}
