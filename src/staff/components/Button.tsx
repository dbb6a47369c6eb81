import { Button as TaroButton, type ButtonProps } from '@tarojs/components'

/**
 * Taro's Button for the staff pages, with its boolean attributes set only when on: the H5 build's web components
 * keep a `disabled="false"` attribute, and the stylesheet's `[disabled]` then greys the button out and fades its label
 * although it still works (as the resident pages' Btn already avoids). The mini-program sees the same props.
 */
export default function Button({ disabled, loading, ...rest }: ButtonProps) {
  return <TaroButton {...rest} disabled={disabled ? true : undefined} loading={loading ? true : undefined} />
}
