import Taro from '@tarojs/taro'
import TopicPage from '../../src/pages/topic'
import type { TopicDetailView } from '../../src/contracts/topics'
import { render, waitFor, type Rendered } from './render'
import { installFakeGateway, fakeFunction } from './fake-gateway'
import { resolution, topic } from './fixtures'

/**
 * Sharing a topic (issue 11): the topic page (which carries the notice and the result too) answers WeChat's share
 * menu — to a chat (onShareAppMessage) and to 朋友圈 (onShareTimeline) — with the stage and the next deadline in the
 * title and a path that opens this topic. The page registers its answers through Taro's hooks; here those hooks
 * record the latest answer the page gave them, and the test asks it as WeChat would when a person taps 转发.
 */
type Share = () => Record<string, string>
let shareMessage: Share | null = null
let shareTimeline: Share | null = null
let view: Rendered | undefined

beforeEach(() => {
  Taro.clearStorageSync()
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 't 1/甲' } } } as never)
  Object.assign(Taro as unknown as Record<string, unknown>, {
    useShareAppMessage: (fn: Share) => (shareMessage = fn),
    useShareTimeline: (fn: Share) => (shareTimeline = fn),
  })
})
afterEach(() => {
  view?.unmount()
  view = undefined
  shareMessage = shareTimeline = null
  jest.restoreAllMocks()
})

async function open(t: TopicDetailView): Promise<void> {
  installFakeGateway([], { topics: fakeFunction({ getTopic: () => ({ ok: true, data: { topic: t } }) }) })
  view = render(<TopicPage />)
  await waitFor(() => expect(view!.text()).toContain(t.title))
}

test('a chat share carries the topic id in its path, and the stage and the meeting time in its title', async () => {
  await open(topic('published', [], { id: 't 1/甲' }))
  expect(shareMessage!()).toEqual({ title: '【议题已发布】3栋门口路灯维修 · 议事 12月9日 19:00', path: '/pages/topic/index?id=t%201%2F%E7%94%B2' })
  expect(shareTimeline!()).toEqual({ title: '【议题已发布】3栋门口路灯维修 · 议事 12月9日 19:00', query: 'id=t%201%2F%E7%94%B2' })
})

test('a notice is shared with its objection deadline; a handling item with its disclosure date; a result as published', async () => {
  await open(topic('noticed', [], { id: 't 1/甲' }))
  expect(shareMessage!().title).toBe('【拟办意见公告中】3栋门口路灯维修 · 异议截止 12月15日 23:59')
  expect(shareMessage!().path).toBe('/pages/topic/index?id=t%201%2F%E7%94%B2')
  view!.unmount()

  await open(topic('handling', [], { id: 't 1/甲', resolutions: [resolution('r1')] }))
  expect(shareMessage!().title).toBe('【办理中】3栋门口路灯维修 · 办理情况 2026-12-20 前公示')
  view!.unmount()

  await open(topic('resultPublished', [], { id: 't 1/甲' }))
  expect(shareMessage!().title).toBe('【结果已公示】3栋门口路灯维修 · 办理结果已公示')
})

test('shared before the topic has loaded, the card still opens this topic', () => {
  installFakeGateway([], { topics: fakeFunction({ getTopic: () => new Promise(() => undefined) }) })
  view = render(<TopicPage />)
  expect(shareMessage!()).toEqual({ title: '家园议事', path: '/pages/topic/index?id=t%201%2F%E7%94%B2' })
})
