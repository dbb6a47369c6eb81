import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Btn from '../../components/Btn'
import LinkRow from '../../components/LinkRow'
import Page from '../../components/Page'
import Field from '../../components/Field'
import { callAction } from '../../api/call'
import { useRemote } from '../../ui/use-remote'
import { CALLBACK_METHOD_LABELS, listCallbacks, recordCallback } from '../../contracts/resolutions'
import ChipGroup from '../../components/ChipGroup'
import { beijingMonthOf, nextMonth, previousMonth } from '../../domain/calendar'
import ErrorText from '../../components/ErrorText'
import Deadline from '../../components/Deadline'
import StaffNav from '../../components/StaffNav'
import { useCalls } from '../../ui/calls'
import { goTo } from '../../ui/nav'
import { fmtTime } from '../../ui/format'
import './index.css'

type Method = keyof typeof CALLBACK_METHOD_LABELS
const METHOD_OPTIONS = (Object.keys(CALLBACK_METHOD_LABELS) as Method[]).map((value) => ({ value, label: CALLBACK_METHOD_LABELS[value] }))

/** 月回访: last month's decided and finished items, each called back by the 20th; "未解决" reopens a finished item. */
export default function StaffCallbacks() {
  const [month, setMonth] = useState<string | null>(null)
  const loaded = useRemote(() => callAction(listCallbacks, month ? { month } : {}), [month])
  const calls = useCalls()
  const [notes, setNotes] = useState<Record<string, string>>({})
  // Issue 12: each callback says how it was made (电话 / 实地) and who was reached.
  const [methods, setMethods] = useState<Record<string, Method | null>>({})
  const [reached, setReached] = useState<Record<string, string>>({})
  const [done, setDone] = useState<string | null>(null)

  const shown = loaded.state.kind === 'ready' ? loaded.state.data.month : month
  // The current month, read once when the page opens (not on every render).
  const [thisMonth] = useState(() => beijingMonthOf(Date.now()))

  const record = async (resolutionId: string, outcome: 'fixed' | 'not_fixed') => {
    const key = `callback:${resolutionId}`
    setDone(null)
    const item = loaded.state.kind === 'ready' ? loaded.state.data.items.find((i) => i.resolutionId === resolutionId) : undefined
    const method = methods[resolutionId]
    const who = (reached[resolutionId] ?? '').trim()
    // Sent when given: callbacks recorded without them stay valid (older clients, the county's quick entries).
    const out = await calls.run(
      key,
      recordCallback,
      // The callback answers the month on screen (an item decided in one month and finished in the next is on both lists).
      { resolutionId, outcome, note: (notes[resolutionId] ?? '').trim(), ...(method ? { method } : {}), ...(who ? { reached: who } : {}), ...(shown ? { month: shown } : {}) },
      { done: '回访已记录' },
    )
    if (out) {
      setNotes((n) => ({ ...n, [resolutionId]: '' }))
      setMethods((m) => ({ ...m, [resolutionId]: null }))
      setReached((r) => ({ ...r, [resolutionId]: '' }))
      setDone(
        outcome === 'fixed'
          ? `已记录：「${out.resolution.title}」已解决`
          : item?.resultPublishedAt
            ? `已记录：「${out.resolution.title}」未解决，已重新进入办理`
            : `已记录：「${out.resolution.title}」群众反映尚未解决，继续办理`,
      )
      void loaded.reload(true)
    }
  }

  const busy = calls.busy !== null
  return (
    <Page label='月回访'>
      <StaffNav here='callbacks' />
      <View className='sf-section'>
        <View className='callbacks__month'>
          <Btn small disabled={!shown} onTap={() => shown && setMonth(previousMonth(shown))}>
            上个月
          </Btn>
          <Text className='sf-section__title'>{shown ? `${shown} 决定或办结的事项` : '决定或办结的事项'}</Text>
          <Btn small disabled={!shown || nextMonth(shown) > thisMonth} onTap={() => shown && setMonth(nextMonth(shown))}>
            下个月
          </Btn>
        </View>
        {loaded.state.kind === 'ready' ? (
          <Deadline label='回访截止（次月 20 日）' at={loaded.state.data.callbackDueAt} settled={loaded.state.data.items.every((i) => i.callback)} />
        ) : null}
      </View>
      {loaded.state.kind === 'loading' && <Text className='muted'>正在加载回访清单…</Text>}
      {loaded.state.kind === 'error' && <ErrorText message={`回访清单加载失败：${loaded.state.message}`} />}
      {done ? <Text className='sf-ok'>{done}</Text> : null}
      {loaded.state.kind === 'ready' && loaded.state.data.items.length === 0 ? <Text className='muted'>该月没有决定或办结的事项</Text> : null}
      {loaded.state.kind === 'ready'
        ? loaded.state.data.items.map((item) => {
            const key = `callback:${item.resolutionId}`
            return (
              <View key={item.resolutionId} className='card callbacks__item' data-resolution-id={item.resolutionId}>
                <LinkRow className='callbacks__title' onOpen={() => (item.topicId ? goTo('topic', { id: item.topicId }) : goTo('item', { id: item.resolutionId }))}>
                  {item.title}
                </LinkRow>
                <Text className='muted'>
                  {`承办人：${item.assigneeName} · ${item.resultPublishedAt ? `结果公示：${fmtTime(item.resultPublishedAt)}` : `办理中（${item.decidedAt ? `${fmtTime(item.decidedAt)} 决定` : '上月决定'}）`}`}
                </Text>
                {item.callback ? (
                  <Text className={item.callback.outcome === 'fixed' ? 'sf-ok' : 'sf-overdue'}>
                    {`${item.callback.outcome === 'fixed' ? '已解决' : '未解决'}（${item.callback.method ? `${CALLBACK_METHOD_LABELS[item.callback.method]}回访 · ` : ''}${item.callback.reached ? `${item.callback.reached} · ` : ''}${fmtTime(item.callback.at)}）：${item.callback.note}`}
                  </Text>
                ) : (
                  <>
                    <ChipGroup
                      label='回访方式'
                      options={METHOD_OPTIONS}
                      value={methods[item.resolutionId] ?? null}
                      onChange={(v) => setMethods((m) => ({ ...m, [item.resolutionId]: v }))}
                    />
                    <Field
                      label='回访对象'
                      value={reached[item.resolutionId] ?? ''}
                      max={50}
                      placeholder='如：反映人王大妈、3 号楼楼长'
                      onChange={(v) => setReached((r) => ({ ...r, [item.resolutionId]: v }))}
                    />
                    <Field
                      multiline
                      label='回访记录'
                      value={notes[item.resolutionId] ?? ''}
                      max={500}
                      placeholder='回访了谁、居民怎么说'
                      onChange={(v) => setNotes((n) => ({ ...n, [item.resolutionId]: v }))}
                    />
                    <ErrorText message={calls.errorOf(key)} />
                    <View className='sf-buttons'>
                      <Btn small kind='primary' busy={calls.busy === key} disabled={busy} onTap={() => void record(item.resolutionId, 'fixed')}>
                        已解决
                      </Btn>
                      <Btn small kind='danger' disabled={busy} onTap={() => void record(item.resolutionId, 'not_fixed')}>
                        未解决
                      </Btn>
                    </View>
                  </>
                )}
              </View>
            )
          })
        : null}
    </Page>
  )
}
