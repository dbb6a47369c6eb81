import { View, Text } from '@tarojs/components'

export default function Home() {
  return (
    <View className='home'>
      <Text>家园议事</Text>
    </View>
  )
}
