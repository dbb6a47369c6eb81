import { act, type ReactElement } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import Taro from '@tarojs/taro'

// React's act() only flushes updates when the environment says it is a test.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

/**
 * WeChat's dialogs, answered in place of a person: every confirmation (Taro.showModal) is accepted, and each dialog
 * and toast is recorded, so a page that asks before what cannot be undone runs on in a test as it would after 确认.
 */
export const dialogs = { modals: [] as { title?: string; content?: string }[], toasts: [] as string[] }
Object.assign(Taro as unknown as Record<string, unknown>, {
  showModal: async (o: { title?: string; content?: string }) => {
    dialogs.modals.push({ title: o.title, content: o.content })
    return { confirm: true, cancel: false, errMsg: 'showModal:ok' }
  },
  showToast: async (o: { title?: string }) => {
    dialogs.toasts.push(o.title ?? '')
    return { errMsg: 'showToast:ok' }
  },
})

export interface Rendered {
  container: HTMLElement
  text: () => string
  unmount: () => void
}

/** Renders into a fresh element under document.body; text() is what a person would read. */
export function render(element: ReactElement): Rendered {
  const container = document.createElement('div')
  document.body.appendChild(container)
  let root: Root | undefined
  act(() => {
    root = createRoot(container)
    root.render(element)
  })
  return {
    container,
    text: () => (container.textContent ?? '').replace(/\s+/g, ' ').trim(),
    unmount: () => {
      act(() => root?.unmount())
      container.remove()
    },
  }
}

/** Polls until check() stops throwing, flushing React work between tries. Fails with the last error. */
export async function waitFor<T>(check: () => T, timeoutMs = 3000): Promise<T> {
  const start = Date.now()
  let last: unknown
  for (;;) {
    try {
      return check()
    } catch (err) {
      last = err
    }
    if (Date.now() - start > timeoutMs) throw last
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10))
    })
  }
}

/** The Taro Button (H5: div.taro-button-core) whose text includes `label`; throws if none, so it works inside waitFor. */
export function buttonByText(container: HTMLElement, label: string): HTMLElement {
  const all = Array.from(container.querySelectorAll<HTMLElement>('.taro-button-core'))
  const found = all.find((b) => (b.textContent ?? '').includes(label))
  if (!found) throw new Error(`no button with text "${label}" among: ${all.map((b) => b.textContent).join(' | ')}`)
  return found
}

/** A tap as the H5 components receive it from a finger or a mouse. */
export async function tap(el: HTMLElement): Promise<void> {
  await act(async () => {
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
  })
}

/** The visible text of every Taro Button on screen, in order. */
export function buttonTexts(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll<HTMLElement>('.taro-button-core')).map((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim())
}

/** The Taro Button whose accessible name (aria-label) is exactly `label`. */
export function buttonByLabel(container: HTMLElement, label: string): HTMLElement {
  const found = Array.from(container.querySelectorAll<HTMLElement>('.taro-button-core')).find((b) => b.getAttribute('aria-label') === label)
  if (!found) throw new Error(`no button labelled "${label}"`)
  return found
}

/** Types into the Taro Input with this name, as a keyboard does (the native setter, then an input event). */
export async function typeInto(container: HTMLElement, name: string, value: string): Promise<void> {
  const input = container.querySelector<HTMLInputElement>(`input[name="${name}"]`)
  if (!input) throw new Error(`no input named "${name}"`)
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
    setter.call(input, value)
    input.dispatchEvent(new Event('input', { bubbles: true }))
  })
}

/** The root element of the Page component (class "page"). */
export function pageRoot(container: HTMLElement): HTMLElement {
  const root = container.querySelector<HTMLElement>('.page')
  if (!root) throw new Error('no .page root')
  return root
}
