import Taro from '@tarojs/taro'
import type { GeoPoint } from '../../domain/model'
import { wgs84ToGcj02 } from '../../domain/geo'

/**
 * The place of a report, in the browser (H5, and the page tests): the browser's WGS-84 position converted to GCJ-02,
 * the datum WeChat's chooseLocation gives and reports are stored in, so distances compare like with like. The
 * mini-program build takes locate.weapp.ts instead (Taro's per-platform files), keeping the transform out of its main
 * package.
 */
export async function pickPlace(): Promise<GeoPoint> {
  const r = await Taro.getLocation({ type: 'WGS84' })
  return { ...wgs84ToGcj02({ latitude: r.latitude, longitude: r.longitude }), name: '当前位置' }
}
