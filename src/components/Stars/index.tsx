import { View, Text } from '@tarojs/components'
import Btn from '../Btn'

/** Star rating: shown (★★★☆☆) or chosen with five buttons, each named for screen readers. */
export function StarsView({ stars }: { stars: number }) {
  const n = Math.max(0, Math.min(5, Math.round(stars)))
  return (
    <Text className='stars' aria-label={`${n} 星`}>
      {'★'.repeat(n) + '☆'.repeat(5 - n)}
    </Text>
  )
}

export function StarsInput({ value, onChange }: { value: number; onChange: (stars: number) => void }) {
  return (
    <View className='stars-input row' role='radiogroup' aria-label='评分'>
      {[1, 2, 3, 4, 5].map((n) => (
        <Btn key={n} kind='chip' small pressed={value === n} label={`${n} 星`} onTap={() => onChange(n)} className='stars-input__star'>
          {n <= value ? '★' : '☆'}
        </Btn>
      ))}
    </View>
  )
}
