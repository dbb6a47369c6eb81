import { View, Text } from '@tarojs/components'
import { callAction } from '../../api/call'
import type { ReportView } from '../../contracts/reports'
import { categoryText } from '../../ui/categories'
import { listMyReports } from '../../ui/actions'
import { fmtShort, fmtTime } from '../../ui/format'
import { go, ROUTES } from '../../ui/nav'
import { useRemote } from '../../ui/use-remote'
import Page from '../../components/Page'
import Btn from '../../components/Btn'
import Photos from '../../components/Photos'
import { Empty, Failure, Loading } from '../../components/Status'
import './index.css'

/** A status's look: done-like states green, waiting amber, in a topic red (the community's colour). */
const STATUS_TAG: Record<string, string> = {
  heldForReview: 'tag--warn',
  submitted: 'tag--warn',
  replied: 'tag--ok',
  handling: 'tag--ok',
  transferred: 'tag--ok',
  inTopic: 'tag--red',
}

/** 我的诉求: what I reported, its status and the timeline of each. */
export default function MyReports() {
  const { state, reload } = useRemote(() => callAction(listMyReports, { limit: 50 }))
  return (
    <Page className='my-reports' label='我的诉求'>
      <Text className='title'>我的诉求</Text>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <Failure message={state.message} onRetry={() => void reload()} />}
      {state.kind === 'ready' &&
        (state.data.reports.length === 0 ? (
          <View className='card'>
            <Empty text='还没有反映过问题' />
            <Btn kind='primary' onTap={() => go(ROUTES.report)}>
              去随手拍
            </Btn>
          </View>
        ) : (
          state.data.reports.map((r) => <ReportCard key={r.id} report={r} />)
        ))}
    </Page>
  )
}

function ReportCard({ report: r }: { report: ReportView }) {
  return (
    <View className='card my-report'>
      <View className='row row--between'>
        <Text className='tag'>{categoryText(r)}</Text>
        <Text className={`tag ${STATUS_TAG[r.status] ?? ''}`}>{r.statusLabel}</Text>
      </View>
      <Text className='text-block my-report__text'>{r.text}</Text>
      <Text className='muted'>{`提交于 ${fmtTime(r.submittedAt)}${r.location?.name ? ` · ${r.location.name}` : ''}`}</Text>
      <Photos ids={r.photos} pending={r.pendingPhotos} />
      {r.triage && (
        <View className='my-report__triage'>
          <Text>{`${r.triage.label}${r.triage.department ? `（${r.triage.department}）` : ''}：${r.triage.note}`}</Text>
          <Text className='muted'>{`处理人：${r.triage.byName}`}</Text>
          {r.triage.topicId && (
            <Btn small kind='ghost' onTap={() => go(ROUTES.topic(r.triage!.topicId!))}>
              查看议题 ›
            </Btn>
          )}
        </View>
      )}
      <View className='timeline' aria-label='处理时间线'>
        {r.timeline.map((t, i) => (
          <View key={i} className='timeline__item'>
            <Text className='timeline__at muted'>{fmtShort(t.at)}</Text>
            <Text className='timeline__text'>{t.text}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
