import { View, Text } from '@tarojs/components'

/** A call's or a form's error, as the server (or the form) worded it. Renders nothing without one. */
export default function ErrorText({ message }: { message?: string | null }) {
  if (!message) return null
  return (
    <View role='alert'>
      <Text className='sf-error'>{message}</Text>
    </View>
  )
}
