import { act } from 'react'
import Taro from '@tarojs/taro'
import Me from '../../src/pages/me'
import { isCareMode, setCareMode, systemAsksLargeText } from '../../src/ui/care-mode'
import { render, waitFor, buttonByLabel, tap, pageRoot } from './render'
import { installFakeGateway, fakeFunction } from './fake-gateway'

/** Makes the browser's default font size (what `font-size: medium` computes to) `px`. */
function browserDefaultFont(px: number): jest.SpyInstance {
  const real = window.getComputedStyle.bind(window)
  return jest.spyOn(window, 'getComputedStyle').mockImplementation((el: Element, pseudo?: string | null) => {
    const style = real(el, pseudo)
    if ((el as HTMLElement).style?.fontSize !== 'medium') return style
    return { ...style, fontSize: `${px}px` } as CSSStyleDeclaration
  })
}

beforeEach(() => {
  Taro.clearStorageSync()
  document.documentElement.classList.remove('jy-care')
})
afterEach(() => {
  jest.restoreAllMocks()
  process.env.TARO_ENV = 'h5'
})

describe('care mode follows the system large-font setting unless the user chose on the switch', () => {
  test('H5: a browser default font of 20 px or more turns care mode on when nothing was chosen; 16 px does not', () => {
    browserDefaultFont(16)
    expect(systemAsksLargeText()).toBe(false)
    expect(isCareMode()).toBe(false)
    jest.restoreAllMocks()
    browserDefaultFont(20)
    expect(systemAsksLargeText()).toBe(true)
    expect(isCareMode()).toBe(true)
    // The document is marked too, for what lies outside a page's root (the tab bar).
    expect(document.documentElement.classList.contains('jy-care')).toBe(true)
  })

  test('an explicit off on the switch wins over a large system font, and an explicit on over a normal one', () => {
    browserDefaultFont(24)
    setCareMode(false)
    expect(isCareMode()).toBe(false)
    expect(document.documentElement.classList.contains('jy-care')).toBe(false)
    jest.restoreAllMocks()
    browserDefaultFont(16)
    setCareMode(true)
    expect(isCareMode()).toBe(true)
  })

  test('WeChat: fontSizeScaleFactor ≥ 1.15 (or fontSizeSetting ≥ 20 without it) asks for large text', () => {
    process.env.TARO_ENV = 'weapp'
    const api = Taro as unknown as { getAppBaseInfo?: () => object }
    const had = api.getAppBaseInfo
    try {
      api.getAppBaseInfo = () => ({ fontSizeScaleFactor: 1 })
      expect(systemAsksLargeText()).toBe(false)
      api.getAppBaseInfo = () => ({ fontSizeScaleFactor: 1.3 })
      expect(systemAsksLargeText()).toBe(true)
      api.getAppBaseInfo = () => ({ fontSizeSetting: 17 })
      expect(systemAsksLargeText()).toBe(false)
      api.getAppBaseInfo = () => ({ fontSizeSetting: 22 })
      expect(systemAsksLargeText()).toBe(true)
    } finally {
      api.getAppBaseInfo = had
    }
  })

  test('the switch on 我的 is a switch (role=switch, aria-checked) operable with the keyboard', async () => {
    installFakeGateway([], { account: fakeFunction({ whoAmI: () => ({ ok: true, data: { openid: 'o-1', source: 'wx_client', user: null } }) }) })
    setCareMode(false)
    const me = render(<Me />)
    try {
      const toggle = buttonByLabel(me.container, '关怀模式，当前已关闭')
      expect(toggle.getAttribute('role')).toBe('switch')
      expect(toggle.getAttribute('aria-checked')).toBe('false')
      expect(toggle.getAttribute('tabindex')).toBe('0')
      await act(async () => {
        toggle.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }))
      })
      await waitFor(() => expect(pageRoot(me.container).className).toContain('page--care'))
      expect(buttonByLabel(me.container, '关怀模式，当前已开启').getAttribute('aria-checked')).toBe('true')
      await tap(buttonByLabel(me.container, '关怀模式，当前已开启'))
      await waitFor(() => expect(pageRoot(me.container).className).not.toContain('page--care'))
      expect(Taro.getStorageSync('jy.careMode')).toBe(false)
    } finally {
      me.unmount()
    }
  })
})
