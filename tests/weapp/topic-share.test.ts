import { loadWeappPage, type WeappPage } from '../support/weapp-simulate'
import { topic } from '../pages/fixtures'
import { installWxDoubles } from './wx-doubles'

/**
 * Sharing from the built mini-program (dist/weapp): the topic page object answers onShareAppMessage and
 * onShareTimeline as WeChat calls them when a person taps 转发 or 分享到朋友圈, with the topic's id in the path.
 */
installWxDoubles()
let view: WeappPage
beforeAll(async () => {
  view = await loadWeappPage('pages/topic/index', {
    query: { id: 't-share-1' },
    callFunction: () => ({ ok: true, data: { topic: topic('noticed', [], { id: 't-share-1' }) } }),
  })
})
afterAll(() => view?.dispose())

test('the built topic page answers 转发 and 朋友圈 with the topic id in the path that opens it', async () => {
  await view.waitFor(() => expect(view.text()).toContain('3栋门口路灯维修'))
  const page = view.page.instance
  expect(page.onShareAppMessage({ from: 'menu' })).toEqual({ title: '【拟办意见公告中】3栋门口路灯维修 · 异议截止 12月15日 23:59', path: '/pages/topic/index?id=t-share-1' })
  expect(page.onShareTimeline()).toEqual({ title: '【拟办意见公告中】3栋门口路灯维修 · 异议截止 12月15日 23:59', query: 'id=t-share-1' })
})
