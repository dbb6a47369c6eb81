import { View, Image, Text } from '@tarojs/components'
import { photoSrc } from '../../ui/photo'

/**
 * Thumbnails of stored photos (cloud:// fileIDs); in H5 they are fetched through the local gateway. Photos listed in
 * `pending` are still under the image check: only their uploader and staff receive them, and they are marked 审核中.
 */
export default function Photos({ ids, pending = [], label = '照片' }: { ids: readonly string[]; pending?: readonly string[]; label?: string }) {
  if (!ids.length) return null
  return (
    <View className='photos'>
      {ids.map((id, i) => {
        const src = photoSrc(id)
        const held = pending.includes(id)
        const name = held ? `${label} ${i + 1}（审核中）` : `${label} ${i + 1}`
        const image = src ? (
          <Image key={id} className='photos__img' src={src} mode='aspectFill' aria-label={name} />
        ) : (
          <Text key={id} className='muted'>{name}</Text>
        )
        return held ? (
          <View key={id} className='photos__held'>
            {image}
            <Text className='photos__badge'>审核中</Text>
          </View>
        ) : (
          image
        )
      })}
    </View>
  )
}
