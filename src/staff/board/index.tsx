import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Btn from '../../components/Btn'
import Page from '../../components/Page'
import LinkRow from '../../components/LinkRow'
import { useRemote } from '../../ui/use-remote'
import { callAction } from '../../api/call'
import { listCommunities } from '../../contracts/account'
import type { OutputOf } from '../../contracts/action'
import { getBoard } from '../../contracts/board'
import ChipGroup from '../../components/ChipGroup'
import ErrorText from '../../components/ErrorText'
import StaffNav from '../../components/StaffNav'
import { useMe } from '../../ui/me'
import { goTo } from '../../ui/nav'
import { deadlineName, fmtTime, overdueBy } from '../../ui/format'
import './index.css'

type Board = OutputOf<typeof getBoard>['board']
type Line = Board['community']

const LIST_LABELS = { red: '红榜', black: '黑榜', none: '—' } as const

/** 红黑榜: on-time disclosure per community and per assignee, and what is overdue now. */
export default function StaffBoard() {
  const { me } = useMe()
  const wide = me?.role === 'township_supervisor' || me?.role === 'county_office'
  const [communityId, setCommunityId] = useState<string | null>(null)
  // Township and county users choose a community first.
  const places = useRemote(() => (wide ? callAction(listCommunities, {}) : null), [wide])
  const loaded = useRemote(() => callAction(getBoard, communityId ? { communityId } : {}), [communityId])

  return (
    <Page label='红黑榜'>
      <StaffNav here='board' />
      {wide ? (
        <View className='sf-section'>
          {places.state.kind === 'loading' ? <Text className='muted'>正在加载社区…</Text> : null}
          {places.state.kind === 'error' ? <ErrorText message={places.state.message} /> : null}
          {places.state.kind === 'ready' ? (
            <ChipGroup
              label='选择社区'
              options={places.state.data.communities.map((c) => ({ value: c.id, label: `${c.townshipName} ${c.name}` }))}
              value={communityId}
              onChange={setCommunityId}
            />
          ) : null}
        </View>
      ) : null}
      {loaded.state.kind === 'loading' && <Text className='muted'>正在加载红黑榜…</Text>}
      {loaded.state.kind === 'error' && (wide && !communityId ? <Text className='muted'>请选择要查看的社区</Text> : <ErrorText message={`红黑榜加载失败：${loaded.state.message}`} />)}
      {loaded.state.kind === 'ready' ? <BoardView board={loaded.state.data.board} onRefresh={() => void loaded.reload(true)} /> : null}
    </Page>
  )
}

function BoardView({ board, onRefresh }: { board: Board; onRefresh: () => void }) {
  return (
    <>
      <View className='sf-section'>
        <Text className='sf-section__title'>本社区</Text>
        <LineView line={board.community} />
      </View>
      <View className='sf-section'>
        <Text className='sf-section__title'>{`逾期督办（${board.overdue.length}）`}</Text>
        {board.overdue.length === 0 ? <Text className='sf-ok'>目前没有逾期事项</Text> : null}
        {board.overdue.map((o) => (
          <LinkRow key={`${o.resolutionId}-${o.deadline}`} className='board__overdue' onOpen={() => (o.topicId ? goTo('topic', { id: o.topicId }) : goTo('item', { id: o.resolutionId }))}>
            <Text>{o.title}</Text>
            <Text className='muted'>{`承办人：${o.assigneeName}`}</Text>
            <Text className='sf-overdue'>{`${overdueBy(o.deadlineLabel, o.dueAt) || `${deadlineName(o.deadlineLabel)}已逾期`}（${deadlineName(o.deadlineLabel)}期限 ${fmtTime(o.dueAt)}）`}</Text>
            {o.escalatedAt ? <Text className='sf-overdue'>{`已提请街道督办（${fmtTime(o.escalatedAt)}）`}</Text> : null}
          </LinkRow>
        ))}
      </View>
      <View className='sf-section'>
        <Text className='sf-section__title'>承办人</Text>
        {board.assignees.length === 0 ? <Text className='muted'>暂无办理中的事项</Text> : null}
        {board.assignees.map((line) => (
          <LineView key={line.key} line={line} />
        ))}
      </View>
      <Btn small onTap={onRefresh}>
        刷新
      </Btn>
    </>
  )
}

function LineView({ line }: { line: Line }) {
  const rate = line.onTimeRate === null ? '—' : `${Math.round(line.onTimeRate * 100)}%`
  return (
    <View className='board__line' data-list={line.list}>
      <View className='board__line-head'>
        <Text>{line.label}</Text>
        {line.list === 'none' ? null : <Text className={`board__tag board__tag--${line.list}`}>{LIST_LABELS[line.list]}</Text>}
      </View>
      <Text className='muted'>{`事项 ${line.items} · 办结 ${line.done} · 按时公示 ${line.disclosuresOnTime}/${line.disclosuresDue}（${rate}）`}</Text>
      <Text className={line.overdue ? 'sf-overdue' : 'muted'}>{`逾期 ${line.overdue} · 平均办结 ${line.averageDaysToResult === null ? '暂无' : `${line.averageDaysToResult} 天`}`}</Text>
    </View>
  )
}
