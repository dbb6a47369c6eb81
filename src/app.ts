import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initCloud } from './api/call'
// The design tokens (colour, type, spacing, radius, tap sizes; care mode overrides them): loaded once, for every page.
import './ui/tokens.css'
import { fitRootFontSize } from './ui/fit-root'

// H5: 750 design px = the screen's width (WeChat's rpx does this by itself).
fitRootFontSize()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud()
  })
  return children
}

export default App
