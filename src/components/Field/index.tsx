import { View, Text, Input } from '@tarojs/components'

/** A labelled one-line input. The label is visible and is also the input's accessible name. */
export default function Field({
  label,
  value,
  onChange,
  placeholder,
  maxlength,
  type,
  hint,
  name,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  maxlength?: number
  type?: 'text' | 'number'
  hint?: string
  /** Stable handle for tests and forms. */
  name?: string
}) {
  return (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      <Input
        className='field__input'
        name={name}
        value={value}
        type={type ?? 'text'}
        maxlength={maxlength ?? 140}
        placeholder={placeholder}
        aria-label={label}
        onInput={(e) => onChange(e.detail.value)}
      />
      {hint && <Text className='muted'>{hint}</Text>}
    </View>
  )
}
