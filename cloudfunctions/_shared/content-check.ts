import { initCloud } from './router'

/**
 * WeChat content security (msgSecCheck v2) on every text residents publish. "risky" is refused; "review" is
 * accepted but held for staff. If the check itself is unavailable the text is held for review rather than lost.
 */
export async function checkText(content: string, openid: string, scene: 1 | 2 | 3 | 4 = 2): Promise<'pass' | 'review' | 'risky'> {
  try {
    const res = await initCloud().openapi.security.msgSecCheck({ content, version: 2, scene, openid })
    const suggest = res?.result?.suggest
    return suggest === 'risky' ? 'risky' : suggest === 'pass' ? 'pass' : 'review'
  } catch (err) {
    console.error('msgSecCheck unavailable, holding for review:', (err as Error).message)
    return 'review'
  }
}
