import { View, Text } from '@tarojs/components'
import type { OutputOf } from '../../contracts/action'
import type { getBoard } from '../../ui/actions'
import { deadlineName, fmtDate, fmtRate, overdueBy } from '../../ui/format'
import { go, ROUTES } from '../../ui/nav'
import Btn from '../Btn'
import { Empty } from '../Status'
import './index.css'

type Board = OutputOf<typeof getBoard>['board']
type Line = Board['community']

/** The community's line, who is on the red and the black list, and what is overdue now (named assignee, due date). */
export function BoardSummary({ board, full = false }: { board: Board; full?: boolean }) {
  const red = board.assignees.filter((a) => a.list === 'red')
  const black = board.assignees.filter((a) => a.list === 'black')
  const c = board.community
  return (
    <View className='card board-summary'>
      <View className='row row--between'>
        <Text className='section-title'>红黑榜</Text>
        {!full && (
          <Btn small kind='ghost' label='查看完整红黑榜' onTap={() => go(ROUTES.board)}>
            全部 ›
          </Btn>
        )}
      </View>
      <Text className='muted'>{`${c.label}：按时公示率 ${fmtRate(c.onTimeRate)} · 逾期 ${c.overdue} 项 · 已办结 ${c.done}/${c.items}`}</Text>
      <View className='board-summary__lists'>
        <View className='board-summary__list'>
          <Text className='tag tag--red'>红榜</Text>
          {red.length ? red.map((a) => <Text key={a.key} className='board-summary__name'>{a.label}</Text>) : <Text className='muted'>暂无</Text>}
        </View>
        <View className='board-summary__list'>
          <Text className='tag tag--black'>黑榜</Text>
          {black.length ? (
            black.map((a) => <Text key={a.key} className='board-summary__name'>{`${a.label}（逾期 ${a.overdue}）`}</Text>)
          ) : (
            <Text className='muted'>暂无</Text>
          )}
        </View>
      </View>
      <Text className='sub-title'>逾期督办</Text>
      <OverdueList items={board.overdue} />
    </View>
  )
}

/** One line of the board: on-time disclosure rate, overdue now, average days from notice to result. */
export function BoardLine({ line }: { line: Line }) {
  const tag = line.list === 'red' ? <Text className='tag tag--red'>红榜</Text> : line.list === 'black' ? <Text className='tag tag--black'>黑榜</Text> : null
  return (
    <View className={`item board-line board-line--${line.list}`}>
      <View className='row'>
        {tag}
        <Text className='board-line__name'>{line.label}</Text>
      </View>
      <Text className='muted'>{`按时公示率 ${fmtRate(line.onTimeRate)}（${line.disclosuresOnTime}/${line.disclosuresDue}）`}</Text>
      <Text className={line.overdue > 0 ? 'error' : 'muted'}>{`逾期 ${line.overdue} 项`}</Text>
      <Text className='muted'>{`事项 ${line.items} · 已办结 ${line.done} · 平均办结 ${line.averageDaysToResult === null ? '暂无' : `${line.averageDaysToResult} 天`}`}</Text>
    </View>
  )
}

/** What is overdue now: the item, its named assignee, which deadline and its date, whether escalated. */
export function OverdueList({ items }: { items: Board['overdue'] }) {
  if (!items.length) return <Empty text='没有逾期事项' />
  return (
    <View>
      {items.map((o) => (
        <View key={`${o.deadline}:${o.resolutionId}`} className='item overdue'>
          <Text className='error'>{o.title}</Text>
          <Text className='muted'>{`承办人：${o.assigneeName} · ${deadlineName(o.deadlineLabel)}期限 ${fmtDate(o.dueAt)}${o.escalatedAt ? ' · 已提请街道督办' : ''}`}</Text>
          <Text className='error overdue__why'>{overdueBy(o.deadlineLabel, o.dueAt) || `${deadlineName(o.deadlineLabel)}已逾期`}</Text>
          {o.topicId && (
            <Btn small kind='ghost' label={`查看议题：${o.title}`} onTap={() => go(ROUTES.topic(o.topicId!))}>
              查看 ›
            </Btn>
          )}
        </View>
      ))}
    </View>
  )
}
