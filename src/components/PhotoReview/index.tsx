import { View, Text } from '@tarojs/components'
import Btn from '../Btn'
import { clearMedia } from '../../contracts/media'
import type { Calls } from '../../ui/calls'
import { toast } from '../../ui/feedback'

/**
 * Staff's decision on photos still held by the image check (shown 审核中): 通过 publishes one, 移除 deletes it and
 * tells its uploader (media.clearMedia). `pendingIds` are the held photos' fileIDs (a view's pendingPhotoIds: its
 * pendingPhotos are temporary URLs, which clearMedia does not take). The server decides only photos the check sent to
 * human review (or could not check); one still waiting for its verdict is refused with WRONG_STAGE, shown under the form.
 */
export default function PhotoReview({ pendingIds, calls, onChanged }: { pendingIds: readonly string[] | undefined; calls: Calls; onChanged: () => void }) {
  if (!pendingIds?.length) return null
  const decide = async (fileId: string, verdict: 'pass' | 'remove', index: number) => {
    const out = await calls.run(
      `media:${fileId}`,
      clearMedia,
      { fileId, verdict },
      verdict === 'remove' ? { confirm: { title: '移除图片', content: `移除待审核图片 ${index + 1}？图片将被删除，并告知上传人。`, confirmText: '移除' } } : undefined,
    )
    if (out) {
      toast(verdict === 'pass' ? '图片已通过' : '图片已移除')
      onChanged()
    }
  }
  return (
    <View className='photo-review'>
      {pendingIds.map((fileId, i) => (
        <View key={fileId} className='sf-buttons photo-review__row' data-file-id={fileId}>
          <Text className='muted'>{`待审核图片 ${i + 1}`}</Text>
          <Btn small kind='primary' action='clearMedia' busy={calls.busy === `media:${fileId}`} disabled={calls.busy !== null} onTap={() => void decide(fileId, 'pass', i)}>
            图片通过
          </Btn>
          <Btn small action='clearMedia' busy={calls.busy === `media:${fileId}`} disabled={calls.busy !== null} onTap={() => void decide(fileId, 'remove', i)}>
            移除图片
          </Btn>
          {calls.errorOf(`media:${fileId}`) ? <Text className='sf-error'>{calls.errorOf(`media:${fileId}`)}</Text> : null}
        </View>
      ))}
    </View>
  )
}
