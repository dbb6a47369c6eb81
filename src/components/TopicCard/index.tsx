import { useRef } from 'react'
import { View, Text } from '@tarojs/components'
import type { TopicSummaryView } from '../../contracts/topics'
import { categoryText } from '../../ui/categories'
import { fmtDate, fmtShort } from '../../ui/format'
import { go, ROUTES } from '../../ui/nav'
import FlowSteps from '../FlowSteps'
import Btn from '../Btn'
import './index.css'

/**
 * One topic in a list: title, stage, the four-step progress, when and where it is deliberated. A tap anywhere on the
 * card opens the topic; the 查看详情 button is the same way in for keyboards and screen readers (its tap, bubbling to
 * the card, opens the topic once).
 */
export default function TopicCard({ topic }: { topic: TopicSummaryView }) {
  const c = topic.counts
  const opened = useRef(0)
  const open = () => {
    const now = Date.now()
    if (now - opened.current < 500) return
    opened.current = now
    go(ROUTES.topic(topic.id))
  }
  return (
    <View className='topic-card' onClick={open}>
      <View className='row row--between'>
        <Text className='tag'>{categoryText(topic)}</Text>
        <Text className={`tag tag--stage-${topic.stage}`}>{topic.stageLabel}</Text>
      </View>
      <Text className='topic-card__title'>{topic.title}</Text>
      <FlowSteps step={topic.flow.step} done={topic.flow.done} />
      {topic.stage === 'published' && <Text className='muted'>{`议事：${fmtShort(topic.meetingAt)} · ${topic.meetingPlace}`}</Text>}
      {topic.stage === 'noticed' && topic.noticeClosesAt && <Text className='muted warn'>{`异议截止：${fmtShort(topic.noticeClosesAt)}`}</Text>}
      {topic.resultPublishedAt && <Text className='muted'>{`结果公示：${fmtDate(topic.resultPublishedAt)}`}</Text>}
      <Text className='muted'>{`报名 ${c.joined} · 关注 ${c.followed} · 支持 ${c.support} · 意见 ${c.opinions}`}</Text>
      <Btn small kind='ghost' className='topic-card__open' label={`查看议题：${topic.title}`} onTap={open}>
        查看详情 ›
      </Btn>
    </View>
  )
}
