/**
 * H5 only: the root font size that makes the design's 750 px the width of the screen, as rpx does in WeChat.
 * Taro's H5 build turns design px into rem with 1 rem = 40 design px (pxtransform, designWidth 750), but nothing sets
 * the root size, so the browser's 16 px made every size 0.77 of the design on a 390 px phone (body text 12 px, a
 * 64-design-px tap target 26 px). Widths are clamped to 320–640 px, so a desktop window shows a phone-sized page.
 */
export const DESIGN_WIDTH = 750
export const REM_DESIGN_PX = 40

export function rootFontSize(viewportWidth: number): number {
  const width = Math.min(640, Math.max(320, viewportWidth))
  return (width / DESIGN_WIDTH) * REM_DESIGN_PX
}

export function fitRootFontSize(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined' || typeof window === 'undefined') return
  const fit = () => {
    document.documentElement.style.fontSize = `${rootFontSize(document.documentElement.clientWidth || window.innerWidth)}px`
  }
  fit()
  window.addEventListener('resize', fit)
}
