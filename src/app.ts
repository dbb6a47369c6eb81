import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initCloud } from './api/call'
// The design tokens (colour, type, spacing, radius, tap sizes; care mode overrides them): loaded once, for every page.
import './ui/tokens.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud()
  })
  return children
}

export default App
