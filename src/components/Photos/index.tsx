import { View, Image, Text } from '@tarojs/components'
import { photoSrc } from '../../ui/photo'

/** Thumbnails of stored photos (cloud:// fileIDs); in H5 they are fetched through the local gateway. */
export default function Photos({ ids, label = '照片' }: { ids: readonly string[]; label?: string }) {
  if (!ids.length) return null
  return (
    <View className='photos'>
      {ids.map((id, i) => {
        const src = photoSrc(id)
        return src ? (
          <Image key={id} className='photos__img' src={src} mode='aspectFill' aria-label={`${label} ${i + 1}`} />
        ) : (
          <Text key={id} className='muted'>{`${label} ${i + 1}`}</Text>
        )
      })}
    </View>
  )
}
