import { useState } from 'react'
import { View, Text, Picker } from '@tarojs/components'
import { beijingDateOf, formatBeijing } from '../../domain/calendar'

/**
 * A Beijing calendar date ('YYYY-MM-DD') or a wall time ('HH:mm') from the system picker. The picker shows and
 * returns plain strings, never Date objects, so the device's time zone cannot shift the day.
 */
export default function DateField({
  label,
  value,
  onChange,
  mode = 'date',
  start,
  end,
  placeholder = '请选择',
  disabled,
}: {
  label?: string
  value: string
  onChange: (value: string) => void
  mode?: 'date' | 'time'
  start?: string
  end?: string
  placeholder?: string
  disabled?: boolean
}) {
  // Where the picker opens when nothing is chosen yet: today (or now) as of when the field appeared.
  const [openedAt] = useState(() => Date.now())
  return (
    <View className='sf-field'>
      {label ? <Text className='sf-field__label'>{label}</Text> : null}
      <Picker mode={mode} value={value || (mode === 'time' ? formatBeijing(openedAt, 'HH:mm') : beijingDateOf(openedAt))} start={start} end={end} disabled={disabled} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='sf-picker' data-mode={mode}>
          {value || placeholder}
        </View>
      </Picker>
    </View>
  )
}
