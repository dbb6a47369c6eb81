import Taro from '@tarojs/taro'
import type { GeoPoint } from '../../domain/model'

/** The place of a report, in the mini-program: picked on WeChat's map (chooseLocation answers GCJ-02, with a name). */
export async function pickPlace(): Promise<GeoPoint> {
  const r = await Taro.chooseLocation({})
  return { latitude: r.latitude, longitude: r.longitude, name: (r.name || r.address || '已选位置').slice(0, 100) }
}
