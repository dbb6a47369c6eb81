import { View, Text, Textarea } from '@tarojs/components'
import './form.css'

/** Multi-line text with its label and a "used/max" counter; input stops at `max`. */
export default function TextAreaField({
  label,
  value,
  onChange,
  max,
  placeholder,
  disabled,
  name,
}: {
  label?: string
  value: string
  onChange: (value: string) => void
  max: number
  placeholder?: string
  disabled?: boolean
  name?: string
}) {
  return (
    <View className='sf-field'>
      {label ? <Text className='sf-field__label'>{label}</Text> : null}
      <Textarea
        className='sf-textarea'
        name={name}
        value={value}
        placeholder={placeholder}
        maxlength={max}
        disabled={disabled}
        onInput={(e) => onChange(e.detail.value)}
      />
      <Text className={`sf-counter ${value.length >= max ? 'sf-counter--full' : ''}`}>{`${value.length}/${max}`}</Text>
    </View>
  )
}
