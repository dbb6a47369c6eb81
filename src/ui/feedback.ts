import Taro from '@tarojs/taro'

/**
 * What a person is told around an action: a confirmation before what cannot be undone, a toast after it, and an
 * error in words. Both dialogs are WeChat's own (showModal / showToast; Taro draws them in H5). A platform without
 * them (a test double) never blocks an action: confirm answers yes, toast is skipped.
 */

const CJK = /[\u4e00-\u9fff]/

/** Asks before an action that cannot be undone; true only when the person confirms. */
export async function confirmAction(title: string, content: string, confirmText = '确认'): Promise<boolean> {
  try {
    const asked = Taro.showModal({ title, content, confirmText, cancelText: '取消', confirmColor: '#c8102e' })
    if (process.env.TARO_ENV === 'h5') setTimeout(reachableModal, 0)
    const res = await asked
    return !!res.confirm
  } catch {
    return true
  }
}

/**
 * H5: Taro draws the dialog's two answers as plain divs. They become buttons a keyboard and a screen reader can use
 * (role, tabindex, Enter/Space), the dialog is named by its title, and focus moves to 取消 (the safe answer).
 */
function reachableModal(): void {
  if (typeof document === 'undefined') return
  const modal = document.querySelector<HTMLElement>('.taro__modal')
  if (!modal) return
  const content = modal.querySelector<HTMLElement>('.taro-modal__content')
  content?.setAttribute('role', 'alertdialog')
  content?.setAttribute('aria-modal', 'true')
  const title = modal.querySelector<HTMLElement>('.taro-modal__title')
  if (title && content) {
    title.id = 'jy-modal-title'
    content.setAttribute('aria-labelledby', title.id)
  }
  // Taro's grey body text is under 4.5:1: the tokens' muted colour (7.1:1). In care mode the dialog's text grows too.
  const text = modal.querySelector<HTMLElement>('.taro-modal__text')
  const page = document.querySelector<HTMLElement>('.page')
  const muted = page ? getComputedStyle(page).getPropertyValue('--jy-muted').trim() : ''
  if (text) text.style.color = muted || '#4e5969'
  const care = !!document.querySelector('.page--care')
  const buttons = Array.from(modal.querySelectorAll<HTMLElement>('.taro-model__btn'))
  if (care) for (const el of [title, text, ...buttons]) if (el) el.style.fontSize = '20px'
  for (const b of buttons) {
    b.setAttribute('role', 'button')
    b.setAttribute('tabindex', '0')
    b.onkeydown = (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault()
        b.click()
      }
    }
  }
  buttons.find((b) => b.classList.contains('taro-model__cancel'))?.focus()
}

/** A short confirmation after an action succeeded (the page also shows it inline where it matters). */
export function toast(title: string): void {
  try {
    Promise.resolve(Taro.showToast({ title, icon: 'none', duration: 2000 })).catch(() => undefined)
  } catch {
    // no toast on this platform: the inline message is enough
  }
}

/**
 * An error as a person can read it: the server's messages are Chinese sentences and are shown as they are; anything
 * else (a transport failure such as "NETWORK: TypeError: Failed to fetch", an English library message) becomes one
 * plain sentence, with the transport's short code kept only as a reference to quote to support (参考：NETWORK).
 */
export function inWords(message: string | null | undefined): string {
  const text = (message ?? '').trim()
  if (CJK.test(text)) return text
  const code = /^([A-Z][A-Z_]+|-?\d+):/.exec(text)?.[1]
  if (code === 'NETWORK') return '网络连接失败，请检查网络后重试（参考：NETWORK）'
  return `服务暂时不可用，请稍后再试${code ? `（参考：${code}）` : ''}`
}

/** A short, quoted excerpt of a person's text for a message about it (never its id). */
export function excerpt(text: string | null | undefined, max = 12): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim()
  return t.length > max ? `${t.slice(0, max)}…` : t
}
