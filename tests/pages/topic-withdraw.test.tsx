import Taro from '@tarojs/taro'
import TopicPage from '../../src/pages/topic'
import { render, waitFor, buttonByText, buttonTexts, tap, type Rendered } from './render'
import { installFakeGateway, fakeFunction, callsOf } from './fake-gateway'
import { topic } from './fixtures'

/** 取消报名 (issue 11): shown to a resident who joined while the server allows it; the tap withdraws. */
let view: Rendered | undefined
beforeEach(() => {
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 't1' } } } as never)
})
afterEach(() => {
  view?.unmount()
  view = undefined
  jest.restoreAllMocks()
})

test('a joined resident sees ✓ 已报名 and 取消报名; the tap calls withdrawJoin and shows the answer', async () => {
  const joined = topic('published', ['joinTopic', 'followTopic', 'withdrawJoin'], { me: { joined: true, followed: true, stance: null } })
  const after = topic('published', ['joinTopic', 'followTopic'], { me: { joined: false, followed: true, stance: null } })
  const { calls } = installFakeGateway([], {
    topics: fakeFunction({ getTopic: () => ({ ok: true, data: { topic: joined } }), withdrawJoin: () => ({ ok: true, data: { topic: after } }) }),
  })
  view = render(<TopicPage />)
  await waitFor(() => expect(buttonTexts(view!.container)).toEqual(['✓ 已报名', '取消报名', '★ 已关注']))
  await tap(buttonByText(view.container, '取消报名'))
  await waitFor(() => expect(view!.text()).toContain('已取消报名'))
  expect(buttonTexts(view.container)).toEqual(['报名参加', '★ 已关注'])
  expect(callsOf(calls, 'topics', 'withdrawJoin').map((c) => c.input)).toEqual([{ topicId: 't1' }])
})

test('after the meeting starts the server no longer allows it: no 取消报名', async () => {
  installFakeGateway([], { topics: fakeFunction({ getTopic: () => ({ ok: true, data: { topic: topic('published', ['joinTopic', 'followTopic'], { me: { joined: true, followed: true, stance: null } }) } }) }) })
  view = render(<TopicPage />)
  await waitFor(() => expect(buttonTexts(view!.container)).toEqual(['✓ 已报名', '★ 已关注']))
})
