import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Btn from '../../components/Btn'
import ErrorText from '../../components/ErrorText'
import Field from '../../components/Field'
import { callAction } from '../../api/call'
import { useRemote } from '../../ui/use-remote'
import type { Calls } from '../../ui/calls'
import { fmtShort } from '../../ui/format'
import type { ResolutionView } from '../../contracts/topics'
import { assignItemToResource, listResources, publishItemForTaking } from '../../contracts/supervision'

/**
 * 接单 and 揭榜 on one open item, for the community's staff (the staff item page and each item of the staff topic
 * page). The buttons are exactly the item's allowedActions (ACTION_RULES on the server): 「接单」 opens a chooser of
 * the community's entries on the 资源清单 and gives the item to the one chosen; 「张榜」 publishes it for an entry to
 * take, with what it needs. Each write is confirmed first; a refusal shows the server's words. The item's 揭榜 state
 * is shown to whoever sees the item: published and waiting, or taken (the taker is the item's assignee).
 */
export default function Taking({ item, calls, onChanged }: { item: ResolutionView; calls: Calls; onChanged: () => void }) {
  const can = (action: string) => item.allowedActions.includes(action)
  const [choosing, setChoosing] = useState(false)
  const [need, setNeed] = useState('')
  const assignKey = `assign:${item.id}`
  const publishKey = `publish:${item.id}`
  // The roll is read only once the chooser is open (a null loader asks nothing).
  const roll = useRemote(() => (choosing ? callAction(listResources, {}) : null), [choosing])

  const assign = async (resource: { id: string; name: string }) => {
    const out = await calls.run(
      assignKey,
      assignItemToResource,
      { resolutionId: item.id, resourceId: resource.id },
      { confirm: { title: '接单', content: `把「${item.title}」交给${resource.name}承办？承办人将改为${resource.name}。`, confirmText: '接单' }, done: '已接单' },
    )
    if (out) {
      setChoosing(false)
      onChanged()
    }
  }
  const publish = async () => {
    const text = need.trim()
    const out = await calls.run(
      publishKey,
      publishItemForTaking,
      { resolutionId: item.id, ...(text ? { need: text } : {}) },
      { confirm: { title: '张榜', content: `把「${item.title}」张榜，由资源清单中的单位、党员或志愿者揭榜承办（先揭先得）？张榜后本社区居民可以看到。`, confirmText: '张榜' }, done: '已张榜' },
    )
    if (out) {
      setNeed('')
      onChanged()
    }
  }

  const taking = item.taking ?? null
  if (!taking && !can('assignItemToResource') && !can('publishItemForTaking')) return null
  return (
    <View className='sf-field' data-taking={item.id}>
      {taking && !taking.takenAt ? <Text className='warn'>{`已张榜，待揭榜（${fmtShort(taking.openForTakingAt)} 张榜）`}</Text> : null}
      {taking?.takenAt ? <Text className='sf-ok'>{`已揭榜：${item.assigneeName}（${fmtShort(taking.takenAt)}）`}</Text> : null}
      {taking?.need ? <Text className='muted'>{`需要：${taking.need}`}</Text> : null}
      {can('assignItemToResource') ? (
        <View className='sf-buttons'>
          <Btn small action='assignItemToResource' className='staff-action' disabled={calls.busy !== null} onTap={() => setChoosing((c) => !c)}>
            {choosing ? '收起资源清单' : '接单'}
          </Btn>
        </View>
      ) : null}
      {choosing ? (
        <View className='sf-section' aria-label='选择承办资源'>
          {roll.state.kind === 'loading' ? <Text className='muted'>正在加载资源清单…</Text> : null}
          {roll.state.kind === 'error' ? <ErrorText message={`资源清单加载失败：${roll.state.message}`} /> : null}
          {roll.state.kind === 'ready' && roll.state.data.resources.length === 0 ? <Text className='muted'>资源清单中还没有在册资源，请先在「社区清单 · 资源清单」中登记。</Text> : null}
          {roll.state.kind === 'ready'
            ? roll.state.data.resources.map((r) => (
                <View key={r.id} className='sf-field' data-resource-id={r.id}>
                  <Text>{`${r.kindLabel}｜${r.name}`}</Text>
                  <Text className='muted'>{`可提供：${r.offer}`}</Text>
                  <Btn small kind='primary' busy={calls.busy === assignKey} disabled={calls.busy !== null} onTap={() => void assign(r)}>
                    {`交给${r.name}`}
                  </Btn>
                </View>
              ))
            : null}
        </View>
      ) : null}
      <ErrorText message={calls.errorOf(assignKey)} />
      {can('publishItemForTaking') ? (
        <View className='sf-field'>
          <Field label='需要的帮助（张榜后居民可见，可不填）' value={need} max={200} onChange={setNeed} />
          <ErrorText message={calls.errorOf(publishKey)} />
          <Btn small action='publishItemForTaking' className='staff-action' busy={calls.busy === publishKey} disabled={calls.busy !== null} onTap={() => void publish()}>
            张榜
          </Btn>
        </View>
      ) : null}
    </View>
  )
}
