import { View, Text } from '@tarojs/components'
import { callAction } from '../../api/call'
import { getBoard } from '../../ui/actions'
import { useRemote } from '../../ui/use-remote'
import { useUnreadBadgeOnShow } from '../messages/badge'
import Page from '../../components/Page'
import { BoardLine, OverdueList } from '../../components/BoardView'
import { Empty, Failure, Loading } from '../../components/Status'

/**
 * 红黑榜: the community's line and each assignee's — on-time disclosure rate, items overdue now, average days to the
 * result — with the red list (everything due disclosed on time) and the black list (something overdue), and what is
 * overdue now with its assignee and due date.
 */
export default function BoardPage() {
  const { state, reload } = useRemote(() => callAction(getBoard, {}))
  useUnreadBadgeOnShow()
  if (state.kind !== 'ready') {
    return (
      <Page className='board' label='红黑榜'>
        <Text className='title'>红黑榜</Text>
        {state.kind === 'loading' ? <Loading /> : <Failure message={state.message} onRetry={() => void reload()} />}
      </Page>
    )
  }
  const { board } = state.data
  const red = board.assignees.filter((a) => a.list === 'red')
  const black = board.assignees.filter((a) => a.list === 'black')
  const others = board.assignees.filter((a) => a.list === 'none')
  return (
    <Page className='board' label='红黑榜'>
      <Text className='title'>红黑榜</Text>
      <Text className='muted intro'>办理情况须在 7 日内公示。按时公示、没有逾期的上红榜；有逾期未公示的上黑榜，并提请街道督办。</Text>
      <View className='card'>
        <Text className='section-title'>社区总体</Text>
        <BoardLine line={board.community} />
      </View>
      <View className='card'>
        <Text className='section-title'>{`黑榜（${black.length}）`}</Text>
        {black.length ? black.map((l) => <BoardLine key={l.key} line={l} />) : <Empty text='没有人上黑榜' />}
      </View>
      <View className='card'>
        <Text className='section-title'>{`红榜（${red.length}）`}</Text>
        {red.length ? red.map((l) => <BoardLine key={l.key} line={l} />) : <Empty text='暂无' />}
      </View>
      {others.length > 0 && (
        <View className='card'>
          <Text className='section-title'>其他承办人</Text>
          {others.map((l) => (
            <BoardLine key={l.key} line={l} />
          ))}
        </View>
      )}
      <View className='card'>
        <Text className='section-title'>{`逾期督办（${board.overdue.length}）`}</Text>
        <OverdueList items={board.overdue} />
      </View>
    </Page>
  )
}
