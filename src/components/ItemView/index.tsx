import { View, Text } from '@tarojs/components'
import type { ResolutionView } from '../../contracts/topics'
import { fmtDate, fmtShort, fmtStars, fmtTime, overdueBy } from '../../ui/format'
import Photos from '../Photos'
import Disclosures, { disclosureDueText } from '../Disclosures'
import { StarsView } from '../Stars'

/**
 * One 三单 item (受理自办 / 转交办理) as its reporter and its handler see it: who handles it by when, the next
 * disclosure owed, each progress disclosure (on time or late), the result, the reporter's confirmation and the
 * ratings with their replies. Buttons are the page's: it shows exactly the item's allowedActions.
 */
export default function ItemView({ item: r }: { item: ResolutionView }) {
  const overdue = r.status === 'overdue'
  const handlingLate = !r.resultPublishedAt && !!overdueBy('办理期限', r.dueAt)
  const result = [...r.disclosures].reverse().find((d) => d.final && r.resultPublishedAt)
  return (
    <View className={`item-view ${overdue ? 'resolution--overdue' : ''}`} data-item-id={r.id}>
      <View className='row row--between'>
        <Text className='sub-title'>{r.sourceLabel ?? '办理事项'}</Text>
        <Text className={`tag ${overdue ? 'tag--red' : r.status === 'done' ? 'tag--ok' : ''}`}>{r.statusLabel}</Text>
      </View>
      <Text>{`承办：${r.assigneeName}`}</Text>
      <Text className={handlingLate ? 'error' : ''}>{`办理期限：${fmtDate(r.dueAt)}${handlingLate ? `（${overdueBy('办理期限', r.dueAt)}）` : ''}`}</Text>
      {r.disclosureDueAt && !r.resultPublishedAt ? <Text className={overdue ? 'error' : 'muted'}>{disclosureDueText(r)}</Text> : null}
      <Disclosures disclosures={r.disclosures} />
      {result ? (
        <View className='resolution__result'>
          <Text className='sub-title'>办理结果</Text>
          <Text className='muted'>{`公示于 ${fmtTime(result.at)}`}</Text>
          <Text className='text-block'>{result.text}</Text>
          <Photos ids={result.photos} pending={result.pendingPhotos} label='结果照片' />
        </View>
      ) : null}
      {r.confirmation ? (
        <Text className={r.confirmation.solved ? 'sf-ok' : 'warn'}>
          {r.confirmation.solved ? `诉求人已确认解决（${fmtShort(r.confirmation.at)}）` : `诉求人反馈未解决，已重新办理（${fmtShort(r.confirmation.at)}）`}
        </Text>
      ) : null}
      {r.ratingCount > 0 ? (
        <View>
          <Text className='sub-title'>{`满意度：${fmtStars(r.averageRating)}`}</Text>
          {r.ratings.map((x) => (
            <View key={x.id} className='item'>
              <StarsView stars={x.stars} />
              {x.comment ? <Text>{x.comment}</Text> : null}
              {x.reply ? <Text>{`回复：${x.reply.text}`}</Text> : x.replyDueAt ? <Text className='warn'>{`待回复（${fmtDate(x.replyDueAt)} 前）`}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
