import { useEffect, useRef, useState, type PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useCareMode } from '../../ui/care-mode'
import { currentPath, goBack, isTabPage } from '../../ui/nav'
import './index.css'
// The form kit's look (fields, chips, sections, errors, deadlines), shared by resident and staff pages.
import './form.css'

// Browser-only styles (keyboard focus, the text-only tab bar); the mini-program build never sees this sheet: the
// condition is a build constant, so the weapp bundle drops the require, which an import could not be made to do.
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (process.env.TARO_ENV === 'h5') require('./h5.css')

const H5 = process.env.TARO_ENV === 'h5'
/** How long after a page shows its heading may still take focus (the page's data may arrive in the meantime). */
const FOCUS_WINDOW_MS = 4_000

/**
 * Every page's root: one `main` named by `label`; care mode (large text, high contrast) through one class on it.
 * In H5 also: the page's heading (its first `.title`, or the label drawn as one) is a level-1 heading that takes the
 * focus when the page shows; a page outside the tab bar has a 返回 control; Taro's generated parts (tab bar, inputs,
 * images) get the semantics they lack (see repairSemantics).
 */
export default function Page({ className, children, label }: PropsWithChildren<{ className?: string; label?: string }>) {
  const [care] = useCareMode()
  const root = useRef<HTMLElement | null>(null)
  // Only a running app knows its route; a page rendered alone (unit tests) gets neither a 返回 nor its own heading.
  const [path] = useState(() => (H5 ? currentPath() : null))
  const showBack = path !== null && !isTabPage(path)
  const [ownHeading, setOwnHeading] = useState(false)
  const focusUntil = useRef(0)

  Taro.useDidShow?.(() => {
    focusUntil.current = Date.now() + FOCUS_WINDOW_MS
    markTabBar()
  })

  /**
   * Finds the heading, gives it its semantics, and while the page has just been shown puts the focus on it — again
   * if a re-render took it away (focus fell back to the body), never once the user has moved it somewhere else.
   */
  const settle = useRef<() => void>(() => undefined)
  const settleNow = () => {
    const el: HTMLElement | null = H5 ? root.current : null
    if (!el || typeof el.querySelector !== 'function') return
    markTabBar()
    repairSemantics(el)
    const title = el.querySelector<HTMLElement>('.title')
    if (path !== null && !title !== ownHeading) setOwnHeading(!title)
    const heading = title ?? el.querySelector<HTMLElement>('.page__heading')
    if (!heading) return
    heading.setAttribute('role', 'heading')
    heading.setAttribute('aria-level', '1')
    heading.setAttribute('tabindex', '-1')
    if (Date.now() > focusUntil.current) return
    const active = document.activeElement
    if (active && active !== document.body && active !== heading && !active.matches('[role=heading]')) {
      focusUntil.current = 0
      return
    }
    if (active !== heading) heading.focus({ preventScroll: true })
  }
  useEffect(() => {
    settle.current = settleNow
    settleNow()
  })

  // Content that arrives inside children with state of their own (forms, photos) gets the same care.
  useEffect(() => {
    const el: HTMLElement | null = H5 ? root.current : null
    if (!el || typeof MutationObserver === 'undefined') return
    let queued = false
    const observer = new MutationObserver(() => {
      if (queued) return
      queued = true
      setTimeout(() => {
        queued = false
        settle.current()
      }, 0)
    })
    observer.observe(el, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [])

  return (
    <View ref={root as never} className={`page ${care ? 'page--care' : ''} ${className ?? ''}`} aria-label={label} role='main'>
      {showBack ? <BackControl /> : null}
      {ownHeading ? <Text className='page__heading'>{label}</Text> : null}
      {children}
    </View>
  )
}

/** 返回 (H5): a real button for pointer and keyboard; back to the opener, or up when the page was opened directly. */
function BackControl() {
  const ref = useRef<HTMLElement | null>(null)
  useEffect(() => {
    ref.current?.setAttribute?.('tabindex', '0')
  }, [])
  return (
    <View
      ref={ref as never}
      className='page__back'
      role='button'
      aria-label='返回'
      onClick={() => goBack()}
      {...({
        onKeyDown: (e: { key?: string; preventDefault?: () => void }) => {
          if (e?.key === 'Enter' || e?.key === ' ') {
            e.preventDefault?.()
            goBack()
          }
        },
      } as object)}
    >
      <Text aria-hidden='true'>‹ </Text>
      <Text>返回</Text>
    </View>
  )
}

/**
 * Taro's H5 tab bar is generated (links in a div): it is named as the main navigation, and the tab of the page shown
 * carries aria-current=page, kept in step with Taro's own "selected" class by an observer.
 */
let tabBarObserved: Element | null = null
function markTabBar(): void {
  if (!H5 || typeof document === 'undefined') return
  const bar = document.querySelector('.weui-tabbar')
  if (!bar) return
  const apply = () => {
    bar.setAttribute('role', 'navigation')
    bar.setAttribute('aria-label', '主导航')
    for (const item of Array.from(bar.querySelectorAll('.weui-tabbar__item'))) {
      if (item.classList.contains('weui-bar__item_on')) item.setAttribute('aria-current', 'page')
      else item.removeAttribute('aria-current')
    }
    // The text-only tabs render an empty icon image: it is decoration.
    for (const img of Array.from(bar.querySelectorAll('img'))) img.setAttribute('alt', '')
  }
  apply()
  if (tabBarObserved === bar || typeof MutationObserver === 'undefined') return
  tabBarObserved = bar
  new MutationObserver(apply).observe(bar, { attributes: true, attributeFilter: ['class'], subtree: true })
}

/** The text of a short visible label next to a control (the control's wrapper's previous sibling, a few levels up). */
function nearbyLabel(control: Element): string {
  const field = control.closest('.sf-field')
  const fieldLabel = field?.querySelector('.sf-field__label')?.textContent?.trim()
  if (fieldLabel) return fieldLabel
  let node: Element | null = control
  for (let depth = 0; node && depth < 4; depth++, node = node.parentElement) {
    const before = node.previousElementSibling
    const text = before?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
    if (text && text.length <= 24) return text
  }
  return ''
}

/**
 * Semantics Taro's H5 components lack, added to what they render:
 * - an Input/Textarea's aria-label stays on Taro's wrapper element, where it names nothing: it moves to the inner
 *   <input>/<textarea>; a control with no name at all is named by its visible label (a form field's label, or the
 *   short text just before it);
 * - an Image's aria-label is on the wrapper: the wrapper becomes role=img (so the label names the picture) and the
 *   inner <img> is marked as part of it (alt=""); an Image with no label is decoration (alt="").
 */
export function repairSemantics(root: HTMLElement): void {
  for (const wrapper of Array.from(root.querySelectorAll('taro-input-core[aria-label], taro-textarea-core[aria-label]'))) {
    const inner = wrapper.querySelector('input, textarea')
    if (!inner) continue
    inner.setAttribute('aria-label', wrapper.getAttribute('aria-label') ?? '')
    wrapper.removeAttribute('aria-label')
  }
  for (const control of Array.from(root.querySelectorAll('input:not([type=hidden]), textarea'))) {
    if (control.getAttribute('aria-label') || control.getAttribute('aria-labelledby') || control.closest('label')) continue
    const text = nearbyLabel(control)
    if (text) control.setAttribute('aria-label', text)
  }
  for (const image of Array.from(root.querySelectorAll('taro-image-core'))) {
    if (image.getAttribute('aria-label')) image.setAttribute('role', 'img')
    for (const img of Array.from(image.querySelectorAll('img'))) if (!img.hasAttribute('alt')) img.setAttribute('alt', '')
  }
}
