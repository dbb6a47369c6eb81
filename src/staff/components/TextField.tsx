import { View, Text, Input } from '@tarojs/components'
import './form.css'

/** A one-line text (or number) field with its label; `max` also shows a counter. */
export default function TextField({
  label,
  value,
  onChange,
  max,
  placeholder,
  type = 'text',
  disabled,
  name,
}: {
  label?: string
  value: string
  onChange: (value: string) => void
  max?: number
  placeholder?: string
  type?: 'text' | 'number' | 'digit'
  disabled?: boolean
  name?: string
}) {
  return (
    <View className='sf-field'>
      {label ? <Text className='sf-field__label'>{label}</Text> : null}
      <Input
        className='sf-input'
        name={name}
        type={type}
        value={value}
        placeholder={placeholder}
        maxlength={max ?? 140}
        disabled={disabled}
        onInput={(e) => onChange(e.detail.value)}
      />
      {max ? <Text className={`sf-counter ${value.length >= max ? 'sf-counter--full' : ''}`}>{`${value.length}/${max}`}</Text> : null}
    </View>
  )
}
