import type { TopicDetailView } from '../contracts/topics'
import { fmtDate, fmtShort } from './format'
import { ROUTES } from './nav'

/**
 * What a shared topic says in a WeChat chat: its stage and the next deadline a reader can still act on, and a path
 * that opens this very topic (the topic page shows its notice and result too). Times in Beijing time (format.ts).
 */
export function nextDeadline(t: Pick<TopicDetailView, 'stage' | 'meetingAt' | 'noticeClosesAt' | 'resolutions'>): string {
  switch (t.stage) {
    case 'published':
      return `议事 ${fmtShort(t.meetingAt)}`
    case 'deliberated':
      return '拟办意见即将公告'
    case 'noticed':
      return `异议截止 ${fmtShort(t.noticeClosesAt)}`
    case 'handling': {
      const due = t.resolutions.map((r) => r.disclosureDueAt).filter((d): d is string => !!d).sort()[0]
      return due ? `办理情况 ${fmtDate(due)} 前公示` : '办理中'
    }
    case 'resultPublished':
      return '办理结果已公示'
  }
}

export function shareTitle(t: Pick<TopicDetailView, 'title' | 'stage' | 'stageLabel' | 'meetingAt' | 'noticeClosesAt' | 'resolutions'>): string {
  return `【${t.stageLabel}】${t.title} · ${nextDeadline(t)}`
}

/** onShareAppMessage's answer: a chat card that opens the topic. Before the topic has loaded, still the topic. */
export function shareMessage(topic: TopicDetailView | null, topicId: string | undefined): { title: string; path: string } {
  return { title: topic ? shareTitle(topic) : '家园议事', path: topicId ? ROUTES.topic(topicId) : ROUTES.home }
}

/** onShareTimeline's answer (朋友圈 opens the page with this query). */
export function shareTimeline(topic: TopicDetailView | null, topicId: string | undefined): { title: string; query: string } {
  return { title: topic ? shareTitle(topic) : '家园议事', query: topicId ? `id=${encodeURIComponent(topicId)}` : '' }
}
