import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Btn from '../Btn'
import Photos from '../Photos'
import { choosePhotos, compressPhoto, uploadPhoto, UploadUnavailable } from '../../ui/photo'

/**
 * Adds photos to a form as cloud-storage fileIDs (upload first, then the action carries the ids), through the same
 * pick → shrink → upload pipeline as the resident's report (src/ui/photo.ts).
 */
export default function PhotoPicker({
  value,
  onChange,
  max = 9,
  folder,
  disabled,
}: {
  value: string[]
  onChange: (fileIds: string[]) => void
  max?: number
  folder: string
  disabled?: boolean
}) {
  const [uploading, setUploading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const add = async () => {
    setError(null)
    let chosen: { path: string; bytes: number }[]
    try {
      chosen = await choosePhotos('album', max - value.length)
    } catch {
      return // cancelled
    }
    setUploading(true)
    try {
      const ids: string[] = []
      for (const file of chosen) {
        const photo = await compressPhoto(file)
        // Inside the caller's own upload folder (uploadPhoto adds uploads/<openid>/).
        const cloudPath = `${folder}/${Date.now()}-${Math.random().toString(36).slice(2, 8)}.jpg`
        ids.push(await uploadPhoto(photo, cloudPath))
      }
      onChange([...value, ...ids].slice(0, max))
    } catch (err) {
      setError(err instanceof UploadUnavailable ? err.message : `照片上传失败：${(err as { errMsg?: string }).errMsg ?? (err as Error).message ?? String(err)}`)
    } finally {
      setUploading(false)
    }
  }

  return (
    <View className='sf-field'>
      <Photos ids={value} />
      <View className='sf-buttons'>
        {value.length < max ? (
          <Btn small busy={uploading} disabled={disabled || uploading} onTap={() => void add()}>
            {`添加照片（${value.length}/${max}）`}
          </Btn>
        ) : null}
        {value.length ? (
          <Btn small disabled={disabled || uploading} onTap={() => onChange([])}>
            清除照片
          </Btn>
        ) : null}
      </View>
      {error ? <Text className='sf-error'>{error}</Text> : null}
    </View>
  )
}
