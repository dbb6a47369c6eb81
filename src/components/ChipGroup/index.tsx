import { View, Text } from '@tarojs/components'

export interface ChipOption<T extends string> {
  value: T
  label: string
}

/** One choice among a few, as chips. Tapping the chosen chip again keeps it chosen. */
export default function ChipGroup<T extends string>({
  options,
  value,
  onChange,
  disabled,
  label,
}: {
  options: readonly ChipOption<T>[]
  value: T | null
  onChange: (value: T) => void
  disabled?: boolean
  label?: string
}) {
  return (
    <View className='sf-field'>
      {label ? <Text className='sf-field__label'>{label}</Text> : null}
      <View className='sf-chips' role='radiogroup' aria-label={label}>
        {options.map((o) => {
          const on = o.value === value
          return (
            <View
              key={o.value}
              className={`sf-chip ${on ? 'sf-chip--on' : ''} ${disabled ? 'sf-chip--disabled' : ''}`}
              role='radio'
              aria-checked={on}
              data-value={o.value}
              onClick={() => {
                if (!disabled) onChange(o.value)
              }}
            >
              {o.label}
            </View>
          )
        })}
      </View>
    </View>
  )
}
