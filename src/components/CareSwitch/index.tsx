import { useEffect, useRef } from 'react'
import { Button, View, Text } from '@tarojs/components'
import { useCareMode } from '../../ui/care-mode'
import './index.css'

/**
 * The 关怀模式 switch: a real switch (role=switch, aria-checked) drawn as a track and a knob with its state in words.
 * Taro's Button, so a tap works in WeChat; in H5 it also gets a tabindex and Space/Enter (the web-component button
 * is not focusable by itself). Turning it off is kept as an explicit choice, which then wins over the system's
 * large-font setting (src/ui/care-mode.ts).
 */
export default function CareSwitch() {
  const [care, setCare] = useCareMode()
  const ref = useRef<HTMLElement | null>(null)
  const label = `关怀模式，当前${care ? '已开启' : '已关闭'}`
  useEffect(() => {
    const el = ref.current
    if (process.env.TARO_ENV !== 'h5' || !el || typeof el.setAttribute !== 'function') return
    el.setAttribute('tabindex', '0')
    el.setAttribute('role', 'switch')
    el.setAttribute('aria-checked', care ? 'true' : 'false')
  }, [care])
  return (
    <Button
      ref={ref as never}
      className={`care-switch ${care ? 'care-switch--on' : ''}`}
      aria-label={label}
      aria-checked={care}
      onClick={() => setCare(!care)}
      // Not in Taro's ButtonProps: a DOM keydown, used by the H5 build only.
      {...({
        onKeyDown: (e: { key?: string; preventDefault?: () => void }) => {
          if (e?.key === 'Enter' || e?.key === ' ') {
            e.preventDefault?.()
            setCare(!care)
          }
        },
      } as object)}
    >
      <View className='care-switch__track' aria-hidden='true'>
        <View className='care-switch__knob' />
      </View>
      <Text className='care-switch__text'>{care ? '已开启' : '已关闭'}</Text>
    </Button>
  )
}
