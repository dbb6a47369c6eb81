import { useEffect, useRef, type ReactNode } from 'react'
import { Button } from '@tarojs/components'

export interface BtnProps {
  children: ReactNode
  onTap: () => void
  /** Spoken name; required when the visible content is only an icon or a symbol. */
  label?: string
  kind?: 'primary' | 'default' | 'danger' | 'ghost' | 'chip' | 'done'
  /** Toggle buttons (chips, stars, stance): announced as pressed. */
  pressed?: boolean
  disabled?: boolean
  busy?: boolean
  small?: boolean
  className?: string
  /** The listed action this button performs (rendered as data-action), so a page's offers can be seen and tested. */
  action?: string
}

/**
 * The one button of every page, resident and staff: Taro's Button with the project's look, an accessible name, and in H5 a
 * keyboard path (Taro's web-component button is not focusable by itself: it gets tabindex, role and Enter/Space).
 * Boolean attributes are set only when on: the H5 web components read a present "false" as true.
 */
export default function Btn({ children, onTap, label, kind = 'default', pressed, disabled, busy, small, className, action }: BtnProps) {
  const ref = useRef<{ setAttribute?: (name: string, value: string) => void; removeAttribute: (name: string) => void } | null>(null)
  useEffect(() => {
    const el = ref.current
    if (process.env.TARO_ENV !== 'h5' || !el || typeof el.setAttribute !== 'function') return
    el.setAttribute('tabindex', disabled ? '-1' : '0')
    el.setAttribute('role', 'button')
    if (pressed === undefined) el.removeAttribute('aria-pressed')
    else el.setAttribute('aria-pressed', pressed ? 'true' : 'false')
    if (disabled) el.setAttribute('aria-disabled', 'true')
    else el.removeAttribute('aria-disabled')
  }, [disabled, pressed])
  const cls = ['btn', `btn--${kind}`, small ? 'btn--small' : '', pressed ? 'btn--on' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <Button
      ref={ref}
      className={cls}
      aria-label={label}
      data-action={action}
      disabled={disabled || busy ? true : undefined}
      loading={busy ? true : undefined}
      onClick={() => {
        if (!disabled && !busy) onTap()
      }}
      // Not in Taro's ButtonProps: a DOM keydown, used by the H5 build only.
      {...({
        onKeyDown: (e: { key?: string; preventDefault?: () => void }) => {
          if ((e?.key === 'Enter' || e?.key === ' ') && !disabled && !busy) {
            e.preventDefault?.()
            onTap()
          }
        },
      } as object)}
    >
      {children}
    </Button>
  )
}
