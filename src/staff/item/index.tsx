import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Btn from '../../components/Btn'
import Page from '../../components/Page'
import Field from '../../components/Field'
import ErrorText from '../../components/ErrorText'
import ItemView from '../../components/ItemView'
import PhotoPicker from '../../components/PhotoPicker'
import StaffNav from '../../components/StaffNav'
import { callAction } from '../../api/call'
import { getItem, publishProgress, publishResult, replyToRating } from '../../contracts/resolutions'
import { useCalls } from '../../ui/calls'
import { useRemote } from '../../ui/use-remote'
import { useRouteParams } from '../../ui/nav'
import Taking from './Taking'

/**
 * 事项办理: one 三单 item (受理自办 / 转交办理) for its handler — disclose progress, publish the result with photos, reply
 * to a low rating; for community staff, 接单 (give it to an entry on the 资源清单) and 张榜 (publish it for taking).
 * Each form appears only when the server lists its action for the caller.
 */
export default function StaffItem() {
  const { id } = useRouteParams()
  const loaded = useRemote(() => (id ? callAction(getItem, { resolutionId: id }) : null), [id])
  const calls = useCalls()
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [replies, setReplies] = useState<Record<string, string>>({})

  if (!id) return <Page label='事项办理'><ErrorText message='缺少事项编号' /></Page>
  const item = loaded.state.kind === 'ready' ? loaded.state.data.resolution : null
  const can = (action: string) => !!item?.allowedActions.includes(action)
  const busy = calls.busy !== null

  const disclose = async (final: boolean) => {
    const input = { resolutionId: id, text: text.trim(), photos }
    const out = final
      ? await calls.run('disclose', publishResult, input, {
          confirm: { title: '公示办理结果', content: '办理结果公示后，诉求人将确认是否解决并评价。确认公示？', confirmText: '公示' },
          done: '办理结果已公示',
        })
      : await calls.run('disclose', publishProgress, input, { done: '办理情况已公示' })
    if (out) {
      setText('')
      setPhotos([])
      loaded.setData({ resolution: out.resolution })
    }
  }
  const reply = async (ratingId: string) => {
    const key = `rating:${ratingId}`
    const out = await calls.run(key, replyToRating, { ratingId, text: (replies[ratingId] ?? '').trim() }, { done: '回复已公开' })
    if (out) {
      setReplies((r) => ({ ...r, [ratingId]: '' }))
      loaded.setData({ resolution: out.resolution })
    }
  }

  return (
    <Page label='事项办理'>
      <StaffNav here='inbox' />
      {loaded.state.kind === 'loading' && <Text className='muted'>正在加载事项…</Text>}
      {loaded.state.kind === 'error' && <ErrorText message={`事项加载失败：${loaded.state.message}`} />}
      {item ? (
        <View className='card sf-section'>
          <Text className='sf-section__title'>{item.title}</Text>
          <ItemView item={item} />
          <Taking item={item} calls={calls} onChanged={() => void loaded.reload(true)} />
          {can('publishProgress') || can('publishResult') ? (
            <View className='sf-field'>
              <Field multiline label='办理情况 / 办理结果' value={text} max={1000} onChange={setText} />
              <PhotoPicker value={photos} onChange={setPhotos} folder={`items/${id}`} disabled={busy} />
              <ErrorText message={calls.errorOf('disclose')} />
              <View className='sf-buttons'>
                {can('publishProgress') ? (
                  <Btn small busy={calls.busy === 'disclose'} disabled={busy} onTap={() => void disclose(false)}>
                    公示办理情况
                  </Btn>
                ) : null}
                {can('publishResult') ? (
                  <Btn small kind='primary' disabled={busy} onTap={() => void disclose(true)}>
                    公示办理结果
                  </Btn>
                ) : null}
              </View>
            </View>
          ) : null}
          {item.ratings
            .filter((x) => !x.reply && x.allowedActions.includes('replyToRating'))
            .map((x) => (
              <View key={x.id} className='sf-field' data-rating-id={x.id}>
                <Field multiline label={`回复 ${x.stars} 星评价`} value={replies[x.id] ?? ''} max={500} onChange={(v) => setReplies((r) => ({ ...r, [x.id]: v }))} />
                <ErrorText message={calls.errorOf(`rating:${x.id}`)} />
                <Btn small kind='primary' busy={calls.busy === `rating:${x.id}`} disabled={busy} onTap={() => void reply(x.id)}>
                  公开回复
                </Btn>
              </View>
            ))}
        </View>
      ) : null}
    </Page>
  )
}
