import { useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Photos from './Photos'
import './form.css'

/**
 * Adds photos to a form as cloud-storage fileIDs (upload first, then the action carries the ids). Only the
 * mini-program can upload; the H5 build sends none.
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
  if (process.env.TARO_ENV !== 'weapp') return <Text className='muted'>网页版不上传照片（可在小程序中补充）</Text>

  const add = async () => {
    setError(null)
    let paths: string[]
    try {
      const chosen = await Taro.chooseImage({ count: max - value.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      paths = chosen.tempFilePaths
    } catch {
      return // cancelled
    }
    setUploading(true)
    try {
      const ids: string[] = []
      for (const filePath of paths) {
        const ext = /\.[a-z0-9]+$/i.exec(filePath)?.[0] ?? '.jpg'
        const cloudPath = `${folder}/${Date.now()}-${Math.random().toString(36).slice(2, 8)}${ext}`
        const res = await Taro.cloud.uploadFile({ cloudPath, filePath })
        ids.push(res.fileID)
      }
      onChange([...value, ...ids].slice(0, max))
    } catch (err) {
      setError(`照片上传失败：${(err as { errMsg?: string }).errMsg ?? String(err)}`)
    } finally {
      setUploading(false)
    }
  }

  return (
    <View className='sf-field'>
      <Photos fileIds={value} />
      <View className='sf-buttons'>
        {value.length < max ? (
          <Button size='mini' loading={uploading} disabled={disabled || uploading} onClick={() => void add()}>
            {`添加照片（${value.length}/${max}）`}
          </Button>
        ) : null}
        {value.length ? (
          <Button size='mini' disabled={disabled || uploading} onClick={() => onChange([])}>
            清除照片
          </Button>
        ) : null}
      </View>
      {error ? <Text className='sf-error'>{error}</Text> : null}
    </View>
  )
}
