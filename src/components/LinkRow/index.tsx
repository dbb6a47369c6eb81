import type { ReactNode } from 'react'
import { View } from '@tarojs/components'

const H5 = process.env.TARO_ENV === 'h5'

export interface LinkRowProps {
  children: ReactNode
  /** Where the row leads: called on a tap, and in H5 on Enter or Space while the row has the keyboard focus. */
  onOpen: () => void
  className?: string
  /** Spoken name, when the row's text alone would not say where it leads (or says too much). */
  label?: string
  /** The row names the page already shown (aria-current=page); it still calls onOpen, which decides. */
  current?: boolean
  /** data-* attributes (ids a test or a style reads), passed to the row as they are. */
  [data: `data-${string}`]: string | undefined
}

/**
 * The one clickable row of every list (a topic, an item, a page of the workbench): a View with role=link that a tap
 * opens. In H5 it is also in the keyboard's tab order (tabindex=0) and Enter or Space opens it, with the focus ring of
 * Page's h5.css (`.link-row:focus-visible`, heavier in care mode); a key pressed on a control inside the row is that
 * control's. In the mini-program it is a plain tappable view: the build constant drops the keyboard part.
 */
export default function LinkRow({ children, onOpen, className, label, current, ...data }: LinkRowProps) {
  const keyboard = H5
    ? {
        tabIndex: 0,
        onKeyDown: (e: { key?: string; target?: unknown; currentTarget?: unknown; preventDefault?: () => void }) => {
          if (e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ')) return
          e.preventDefault?.()
          onOpen()
        },
      }
    : {}
  return (
    <View
      {...data}
      className={className ? `link-row ${className}` : 'link-row'}
      role='link'
      aria-label={label}
      aria-current={current ? 'page' : undefined}
      onClick={onOpen}
      // Not in Taro's ViewProps: focus and keys, used by the H5 build only.
      {...(keyboard as object)}
    >
      {children}
    </View>
  )
}
