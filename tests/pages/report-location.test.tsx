import Taro from '@tarojs/taro'
import ReportPage from '../../src/pages/report'
import { render, waitFor, buttonByText, tap, typeInto, type Rendered } from './render'
import { installFakeGateway, fakeFunction, callsOf } from './fake-gateway'
import { report } from './fixtures'
import { wgs84ToGcj02 } from '../../src/domain/geo'

/**
 * 随手拍's place in the browser (H5): the browser's WGS-84 position is converted to GCJ-02 before it is sent, the
 * datum WeChat's chooseLocation gives in the mini-program, and the resident names the place (no map to pick from).
 */
let view: Rendered | undefined
beforeEach(() => Taro.clearStorageSync())
afterEach(() => {
  view?.unmount()
  view = undefined
  jest.restoreAllMocks()
})

test('H5: the browser position is sent in GCJ-02 with the place name the resident typed', async () => {
  const WGS = { latitude: 26.0812, longitude: 119.2964 }
  const asked: unknown[] = []
  Object.assign(Taro as unknown as Record<string, unknown>, {
    getLocation: async (o: unknown) => {
      asked.push(o)
      return { ...WGS, errMsg: 'getLocation:ok' }
    },
  })
  const gw = installFakeGateway([], {
    reports: fakeFunction({ submitReport: (input: any) => ({ ok: true, data: { report: report('rp-new', { text: input.text, location: input.location }), duplicateRequest: false, similarNearby: [] } }) }),
  })
  view = render(<ReportPage />)
  await tap(await waitFor(() => buttonByText(view!.container, '基础设施')))
  await typeInto(view.container, 'text', '3栋门口路灯坏了')
  await tap(buttonByText(view.container, '添加位置'))
  await waitFor(() => expect(view!.text()).toContain('位置：当前位置'))
  expect(asked).toEqual([expect.objectContaining({ type: 'WGS84' })])
  await typeInto(view.container, 'placeName', '3栋门口')
  await waitFor(() => expect(view!.text()).toContain('位置：3栋门口'))
  await tap(buttonByText(view.container, '提交'))
  await waitFor(() => expect(callsOf(gw.calls, 'reports', 'submitReport')).toHaveLength(1))
  const sent = callsOf(gw.calls, 'reports', 'submitReport')[0]!.input.location
  const gcj = wgs84ToGcj02(WGS)
  expect(sent).toEqual({ latitude: gcj.latitude, longitude: gcj.longitude, name: '3栋门口' })
  expect(sent.longitude).not.toBe(WGS.longitude)
})
