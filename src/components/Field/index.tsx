import { View, Text, Input, Textarea } from '@tarojs/components'

// The native field inside Taro's H5 wrapper fills the box (the mini-program build never sees this sheet).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a build-time branch: only the H5 bundle gets the sheet
if (process.env.TARO_ENV === 'h5') require('./h5.css')

/**
 * The one text field of every page: a visible label that is also the input's accessible name, one line or several
 * (`multiline`). `max` stops the input there and shows a "used/max" counter; `maxlength` only stops it (140 unless
 * told). Styled by the form sheet (components/Page/form.css).
 */
export default function Field({
  label,
  value,
  onChange,
  placeholder,
  max,
  maxlength,
  type = 'text',
  multiline,
  hint,
  disabled,
  name,
}: {
  label?: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  max?: number
  maxlength?: number
  type?: 'text' | 'number' | 'digit'
  multiline?: boolean
  hint?: string
  disabled?: boolean
  /** Stable handle for tests and forms. */
  name?: string
}) {
  const limit = max ?? maxlength ?? 140
  return (
    <View className='sf-field'>
      {label ? <Text className='sf-field__label'>{label}</Text> : null}
      {multiline ? (
        <Textarea
          className='sf-textarea'
          name={name}
          value={value}
          placeholder={placeholder}
          maxlength={limit}
          disabled={disabled}
          aria-label={label}
          onInput={(e) => onChange(e.detail.value)}
        />
      ) : (
        <Input
          className='sf-input'
          name={name}
          type={type}
          value={value}
          placeholder={placeholder}
          maxlength={limit}
          disabled={disabled}
          aria-label={label}
          onInput={(e) => onChange(e.detail.value)}
        />
      )}
      {max ? <Text className={`sf-counter ${value.length >= max ? 'sf-counter--full' : ''}`}>{`${value.length}/${max}`}</Text> : null}
      {hint ? <Text className='muted'>{hint}</Text> : null}
    </View>
  )
}
