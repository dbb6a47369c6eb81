import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './form.css'

/**
 * Cloud-storage photos (fileIDs). The mini-program's Image resolves cloud:// itself; the H5 build has no storage
 * download, so it shows the count only.
 */
export default function Photos({ fileIds }: { fileIds: readonly string[] }) {
  if (!fileIds.length) return null
  if (process.env.TARO_ENV !== 'weapp') return <Text className='muted'>{`照片 ${fileIds.length} 张`}</Text>
  return (
    <View className='sf-photos'>
      {fileIds.map((id) => (
        <Image
          key={id}
          className='sf-photo'
          src={id}
          mode='aspectFill'
          lazyLoad
          onClick={() => void Taro.previewImage({ current: id, urls: [...fileIds] })}
        />
      ))}
    </View>
  )
}
