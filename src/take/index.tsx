import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { callAction } from '../api/call'
import { listItemsOpenForTaking, takeItem } from '../ui/actions'
import { useRemote } from '../ui/use-remote'
import { confirmAction, inWords, toast } from '../ui/feedback'
import { fmtDate, fmtShort } from '../ui/format'
import Page from '../components/Page'
import Btn from '../components/Btn'
import { Empty, Failure, Loading, Say } from '../components/Status'
import './index.css'

/**
 * 揭榜 (issue 12): the items of my community that staff published for taking and nobody has taken yet — what each
 * needs, by when, since when — read from supervision.listItemsOpenForTaking (no reporter's data). A registered
 * volunteer (a 资源清单 entry whose resident is me) gets 「我来揭榜」 on the items the server lists takeItem for;
 * the first taker wins and a later one reads the server's answer. Others are told how to register. Its own one-page
 * subpackage, opened from 我的.
 */
export default function TakePage() {
  const loaded = useRemote(() => callAction(listItemsOpenForTaking, {}))
  const [busy, setBusy] = useState<string | null>(null)
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null)

  const take = async (item: { id: string; title: string }, resourceId: string) => {
    if (busy) return
    if (!(await confirmAction('我来揭榜', `揭榜承办「${item.title}」？揭榜后由你承办，社区将跟进办理情况。`, '揭榜'))) return
    setBusy(item.id)
    setSaid(null)
    const out = await callAction(takeItem, { resolutionId: item.id, resourceId })
    setBusy(null)
    if (out.ok) {
      setSaid({ ok: true, text: `已揭榜：「${item.title}」由你承办` })
      toast('揭榜成功')
    } else {
      setSaid({ ok: false, text: inWords(out.error.message) })
    }
    // Either way the list is read again: a taken item leaves it.
    void loaded.reload(true)
  }

  const data = loaded.state.kind === 'ready' ? loaded.state.data : null
  return (
    <Page className='take' label='揭榜'>
      <Text className='title'>揭榜</Text>
      <Text className='muted'>社区把需要帮手的办理事项张榜公布，登记在册的志愿者可以揭榜承办，先揭先得。</Text>
      {loaded.state.kind === 'loading' && <Loading text='正在加载张榜事项…' />}
      {loaded.state.kind === 'error' && <Failure message={loaded.state.message} onRetry={() => void loaded.reload()} />}
      {data ? (
        <View className='card'>
          {data.myVolunteer ? (
            <Text>{`你已登记为社区志愿者（${data.myVolunteer.name}），可以揭榜承办下面的事项。`}</Text>
          ) : (
            <Text className='muted'>想揭榜承办？请联系社区工作人员，把你登记到社区资源清单的志愿者中；登记后即可在这里揭榜。</Text>
          )}
        </View>
      ) : null}
      {said ? <Say ok={said.ok} text={said.text} /> : null}
      {data && data.items.length === 0 ? <Empty text='目前没有待揭榜的事项' /> : null}
      {data && data.items.length > 0 ? (
        <View className='card' aria-label='待揭榜事项'>
          <Text className='section-title'>{`待揭榜（${data.items.length}）`}</Text>
          {data.items.map((item) => (
            <View key={item.id} className='take__item' data-item-id={item.id}>
              <Text className='sub-title'>{item.title}</Text>
              {item.need ? <Text>{`需要：${item.need}`}</Text> : null}
              <Text className='muted'>{`${item.sourceLabel} · 办理期限 ${fmtDate(item.dueAt)} · ${fmtShort(item.openForTakingAt)} 张榜`}</Text>
              {data.myVolunteer && item.allowedActions.includes('takeItem') ? (
                <Btn small kind='primary' label={`我来揭榜：${item.title}`} busy={busy === item.id} disabled={busy !== null} onTap={() => void take(item, data.myVolunteer!.id)}>
                  我来揭榜
                </Btn>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
    </Page>
  )
}
