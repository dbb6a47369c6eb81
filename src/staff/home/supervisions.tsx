import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Btn from '../../components/Btn'
import LinkRow from '../../components/LinkRow'
import Field from '../../components/Field'
import ErrorText from '../../components/ErrorText'
import { callAction } from '../../api/call'
import { useRemote } from '../../ui/use-remote'
import { useCalls } from '../../ui/calls'
import { inWords } from '../../ui/feedback'
import { fmtTime } from '../../ui/format'
import { goTo } from '../../ui/nav'
import { answerSupervision, listSupervisions } from '../../contracts/supervision'

/**
 * 街道督办 on the community staff's 工作台 (issue 12): the township's supervisions of this community, those owing an
 * answer first with their reply due date (overdue ones marked: the sweep sends them to the county office), each
 * answered once here (supervision.answerSupervision, offered where allowedActions has it).
 */
export default function SupervisionAnswers() {
  const loaded = useRemote(() => callAction(listSupervisions, {}), [])
  const calls = useCalls()
  const [texts, setTexts] = useState<Record<string, string>>({})
  const [done, setDone] = useState<string | null>(null)
  const list = loaded.state.kind === 'ready' ? loaded.state.data.escalations : []
  const owed = list.filter((e) => !e.supervision?.answer).length

  const answer = async (escalationId: string) => {
    setDone(null)
    const out = await calls.run(`answer:${escalationId}`, answerSupervision, { escalationId, text: (texts[escalationId] ?? '').trim() }, { done: '已回复' })
    if (out) {
      setTexts((t) => ({ ...t, [escalationId]: '' }))
      setDone('已回复街道督办')
      void loaded.reload(true)
    }
  }

  return (
    <View className='sf-section' id='home-supervisions'>
      <Text className='sf-section__title'>{`街道督办（待回复 ${owed}）`}</Text>
      {loaded.state.kind === 'loading' ? <Text className='muted'>正在加载…</Text> : null}
      {loaded.state.kind === 'error' ? <Text className='muted'>{`暂时无法查看：${inWords(loaded.state.message)}`}</Text> : null}
      {done ? <Text className='sf-ok'>{done}</Text> : null}
      {loaded.state.kind === 'ready' && list.length === 0 ? <Text className='sf-ok'>没有街道督办</Text> : null}
      {list.map((e) => {
        const s = e.supervision!
        const key = `answer:${e.id}`
        return (
          <View key={e.id} className={`home-item ${s.replyOverdue ? 'home-item--late' : ''}`} data-supervision-id={e.id}>
            <LinkRow className='home-item__title' onOpen={() => (e.topicId ? goTo('topic', { id: e.topicId }) : goTo('item', { id: e.resolutionId }))}>
              {e.text}
            </LinkRow>
            <Text className='muted'>{`督办意见（${s.byName}）：${s.note}`}</Text>
            {s.answer ? (
              <Text className='muted'>{`已回复（${s.answer.byName}，${fmtTime(s.answer.at)}）：${s.answer.text}`}</Text>
            ) : (
              <Text className={s.replyOverdue ? 'sf-overdue' : 'muted'}>{`回复期限 ${fmtTime(s.replyDueAt)}${s.escalatedToCountyAt ? ' · 已逾期，已报县级办公室' : s.replyOverdue ? ' · 已逾期，将报县级办公室' : ''}`}</Text>
            )}
            {e.allowedActions.includes('answerSupervision') ? (
              <>
                <Field
                  multiline
                  label='回复督办'
                  value={texts[e.id] ?? ''}
                  max={1000}
                  placeholder='已做什么、何时完成'
                  onChange={(v) => setTexts((t) => ({ ...t, [e.id]: v }))}
                />
                <ErrorText message={calls.errorOf(key)} />
                <Btn small kind='primary' busy={calls.busy === key} disabled={calls.busy !== null} onTap={() => void answer(e.id)}>
                  回复
                </Btn>
              </>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}
