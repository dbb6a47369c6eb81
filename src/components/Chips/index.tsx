import { View } from '@tarojs/components'
import Btn from '../Btn'

/** Single choice among a few options, as large tappable chips (easier than a picker for older residents). */
export default function Chips<T extends string>({
  options,
  value,
  onChange,
  label,
}: {
  options: readonly { value: T; label: string }[]
  value: T | null
  onChange: (value: T) => void
  label: string
}) {
  return (
    <View className='chips' role='radiogroup' aria-label={label}>
      {options.map((o) => (
        <Btn key={o.value} kind='chip' small pressed={o.value === value} onTap={() => onChange(o.value)}>
          {o.label}
        </Btn>
      ))}
    </View>
  )
}
