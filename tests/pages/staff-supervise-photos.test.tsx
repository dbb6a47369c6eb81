import Taro from '@tarojs/taro'
import StaffSupervise from '../../src/staff/supervise'
import { getTownshipOverview } from '../../src/contracts/supervision'
import { beijingMonthOf } from '../../src/domain/calendar'
import * as photo from '../../src/ui/photo'
import { render, waitFor, buttonByText, tap, type Rendered } from './render'
import { byText, field, ok, recordNavigation, staffGateway, typeInto, PAST } from './staff-helpers'

/**
 * 一月一问效 photos on the workbench: the form has the PhotoPicker (pick → shrink → upload under the supervisor's own
 * folder, src/ui/photo.ts, stood in for here: jsdom has no camera or canvas), the record carries the uploaded fileIDs,
 * and a recorded review shows its photos, those still under the image check marked 审核中.
 */
jest.mock('../../src/ui/photo', () => ({ ...jest.requireActual('../../src/ui/photo'), choosePhotos: jest.fn(), compressPhoto: jest.fn(), uploadPhoto: jest.fn() }))
const mocked = photo as jest.Mocked<typeof photo>

let view: Rendered | undefined
let nav: ReturnType<typeof recordNavigation>
beforeEach(() => {
  Taro.clearStorageSync()
  nav = recordNavigation()
})
afterEach(() => {
  view?.unmount()
  view = undefined
  nav.restore()
})

const overview = getTownshipOverview.output.parse({ communities: [], assignees: [], escalations: [] })
const UPLOADED = 'cloud://local-env.local-bucket/uploads/demo-township-he/site-checks/c1/photo-1.jpg'

test('the 一月一问效 form uploads photos into the supervisor\'s site-check folder and records them; pending photos show 审核中', async () => {
  const month = beijingMonthOf(Date.now())
  mocked.choosePhotos.mockResolvedValue([{ path: 'blob:picked-1', bytes: 2_000_000 }])
  mocked.compressPhoto.mockResolvedValue({ path: 'blob:small-1', bytes: 200_000, width: 1280, height: 960 })
  mocked.uploadPhoto.mockResolvedValue(UPLOADED)
  const review = (communityId: string, entry: unknown) => ({ communityId, communityName: communityId === 'c1' ? '屏山社区' : '东门社区', month, review: entry, revisions: [], allowedActions: ['recordMonthlyReview'] })
  const gw = staffGateway({
    getTownshipOverview: () => ok(overview),
    listMonthlyReviews: () =>
      ok({
        month,
        reviews: [
          review('c1', null),
          review('c2', { evaluation: 'good', evaluationLabel: '良好', notes: '台账齐全', photos: ['https://tmp.example/a.jpg', 'https://tmp.example/b.jpg'], pendingPhotos: ['https://tmp.example/b.jpg'], byName: '何督办', at: PAST }),
        ],
      }),
    recordMonthlyReview: (input) => ok({ review: review(input.communityId, { evaluation: input.evaluation, evaluationLabel: '一般', notes: input.notes, photos: [], pendingPhotos: [], byName: '何督办', at: PAST }) }),
  })
  view = render(<StaffSupervise />)
  const c2 = await waitFor(() => byText(view!.container, '[data-review-community="c2"]', '良好 · 台账齐全'))
  expect(Array.from(c2.querySelectorAll('.photos [aria-label]')).map((e) => e.getAttribute('aria-label'))).toEqual(['察看照片 1', '察看照片 2（审核中）'])

  const c1 = byText(view.container, '[data-review-community="c1"]', '本月尚未记录')
  await tap(buttonByText(c1, '添加照片（0/9）'))
  await waitFor(() => expect(buttonByText(c1, '添加照片（1/9）')).toBeTruthy())
  expect(mocked.uploadPhoto).toHaveBeenCalledWith(expect.objectContaining({ path: 'blob:small-1' }), expect.stringMatching(new RegExp(`^site-checks/c1/${month}/`)))
  await tap(byText(c1, '.sf-chip', '一般'))
  await typeInto(field(c1, '察看记录'), '路灯维修滞后')
  await tap(buttonByText(c1, '记录'))
  await waitFor(() => expect(gw.sent('recordMonthlyReview')).toEqual([{ communityId: 'c1', month, evaluation: 'fair', notes: '路灯维修滞后', photos: [UPLOADED] }]))
})

test('a 一月一问效 photo held for review offers 图片通过 to the township, sending its fileID (not the temporary URL shown)', async () => {
  const month = beijingMonthOf(Date.now())
  const held = 'cloud://local-env.local-bucket/uploads/demo-township-he/site-checks/c2/b.jpg'
  let cleared = false
  const entry = () => ({
    evaluation: 'good',
    evaluationLabel: '良好',
    notes: '台账齐全',
    photos: ['https://tmp.example/a.jpg', 'https://tmp.example/b.jpg'],
    pendingPhotos: cleared ? [] : ['https://tmp.example/b.jpg'],
    pendingPhotoIds: cleared ? [] : [held],
    byName: '何督办',
    at: PAST,
  })
  const gw = staffGateway({
    getTownshipOverview: () => ok(overview),
    listMonthlyReviews: () => ok({ month, reviews: [{ communityId: 'c2', communityName: '东门社区', month, review: entry(), revisions: [], allowedActions: ['recordMonthlyReview'] }] }),
    clearMedia: (input) => {
      cleared = true
      return ok({ fileId: input.fileId, status: 'pass' })
    },
  })
  view = render(<StaffSupervise />)
  const c2 = await waitFor(() => byText(view!.container, '[data-review-community="c2"]', '待审核图片 1'))
  await tap(buttonByText(c2, '图片通过'))
  await waitFor(() => expect(gw.sent('clearMedia')).toEqual([{ fileId: held, verdict: 'pass' }]))
  await waitFor(() => expect(view!.text()).not.toContain('待审核图片'))
})
