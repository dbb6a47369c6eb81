import type { PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { useCareMode } from '../../ui/care-mode'
import './index.css'
// The form kit's look (fields, chips, sections, errors, deadlines), shared by resident and staff pages.
import './form.css'

// Browser-only styles (keyboard focus, the text-only tab bar); the mini-program build never sees this sheet: the
// condition is a build constant, so the weapp bundle drops the require, which an import could not be made to do.
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (process.env.TARO_ENV === 'h5') require('./h5.css')

/** Every page's root: applies care mode (large text, high contrast) through one class on the page. */
export default function Page({ className, children, label }: PropsWithChildren<{ className?: string; label?: string }>) {
  const [care] = useCareMode()
  return (
    <View className={`page ${care ? 'page--care' : ''} ${className ?? ''}`} aria-label={label} role='main'>
      {children}
    </View>
  )
}
