import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { callAction } from '../api/call'
import type { OutputOf } from '../contracts/action'
import type { TopicStage } from '../domain/stages'
import { CATEGORY_LABELS } from '../domain/model'
import { searchTopics } from '../ui/actions'
import { fmtDate } from '../ui/format'
import { go, ROUTES, useRouteParams } from '../ui/nav'
import { inWords } from '../ui/feedback'
import Page from '../components/Page'
import Field from '../components/Field'
import Btn from '../components/Btn'
import Chips from '../components/Chips'
import TopicCard from '../components/TopicCard'
import { Empty, Failure, Loading } from '../components/Status'
import './index.css'

type Found = OutputOf<typeof searchTopics>
type StageChoice = TopicStage | 'all'

const STAGES: { value: StageChoice; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'published', label: '议题发布' },
  { value: 'deliberated', label: '已议事' },
  { value: 'noticed', label: '公告中' },
  { value: 'handling', label: '办理中' },
  { value: 'resultPublished', label: '已公示' },
]
/** One page of results; 更多 asks for the next one and adds it below. */
const PAGE = 10

type Shown = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; found: Found; offset: number }

/**
 * Search of one's own community (topics.searchTopics): words in the titles and descriptions of topics and the text
 * of reports, narrowed by stage. Opened from the home page's search box with its words (?q=); the server decides
 * what a resident may see (never held or private content).
 */
export default function SearchPage() {
  const params = useRouteParams()
  const [words, setWords] = useState(params.q ?? '')
  const [stage, setStage] = useState<StageChoice>('all')
  const [shown, setShown] = useState<Shown>({ kind: 'idle' })

  const run = async (offset: number, w = words, s = stage) => {
    if (offset === 0) setShown({ kind: 'loading' })
    const o = await callAction(searchTopics, { words: w.trim(), ...(s === 'all' ? {} : { stage: s }), limit: PAGE, offset })
    if (!o.ok) return setShown({ kind: 'error', message: inWords(o.error.message) })
    setShown((prev) =>
      offset > 0 && prev.kind === 'ready'
        ? { kind: 'ready', offset, found: { topics: [...prev.found.topics, ...o.data.topics], reports: [...prev.found.reports, ...o.data.reports], more: o.data.more } }
        : { kind: 'ready', offset, found: o.data },
    )
  }
  // The words the home page sent are searched once, on opening.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (params.q) void run(0)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return (
    <Page className='search' label='搜索议题和诉求'>
      <View className='card search__box'>
        <Field label='关键词' name='words' value={words} onChange={setWords} maxlength={30} placeholder='如：路灯、停车、充电棚' />
        <Chips
          label='阶段'
          options={STAGES}
          value={stage}
          onChange={(s) => {
            setStage(s)
            void run(0, words, s)
          }}
        />
        <Btn kind='primary' onTap={() => void run(0)}>
          搜索
        </Btn>
      </View>
      {shown.kind === 'loading' && <Loading text='正在搜索…' />}
      {shown.kind === 'error' && <Failure message={shown.message} onRetry={() => void run(0)} />}
      {shown.kind === 'ready' && <Results found={shown.found} onMore={() => void run(shown.offset + PAGE)} />}
    </Page>
  )
}

function Results({ found, onMore }: { found: Found; onMore: () => void }) {
  if (!found.topics.length && !found.reports.length) return <Empty text='没有找到相关的议题或诉求' />
  return (
    <View>
      {found.topics.length > 0 && (
        <View className='card'>
          <Text className='section-title'>{`议题（${found.topics.length}）`}</Text>
          {found.topics.map((t) => (
            <TopicCard key={t.id} topic={t} />
          ))}
        </View>
      )}
      {found.reports.length > 0 && (
        <View className='card'>
          <Text className='section-title'>{`居民诉求（${found.reports.length}）`}</Text>
          {found.reports.map((r) => (
            <View key={r.id} className='search__report'>
              <Text>{r.summary}</Text>
              <Text className='muted'>{`${CATEGORY_LABELS[r.category] ?? r.category} · ${r.statusLabel} · ${fmtDate(r.submittedAt)}`}</Text>
              {r.topicId && (
                <Btn small kind='ghost' label={`查看所属议题：${r.summary}`} onTap={() => go(ROUTES.topic(r.topicId!))}>
                  查看所属议题 ›
                </Btn>
              )}
            </View>
          ))}
        </View>
      )}
      {found.more && (
        <Btn small kind='ghost' onTap={onMore}>
          更多结果
        </Btn>
      )}
    </View>
  )
}
