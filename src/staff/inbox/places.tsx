import { useState } from 'react'
import { View, Text, Map as WxMap } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReportView } from '../../contracts/reports'
import { byDistance, wgs84ToGcj02 } from '../../domain/geo'
import { CATEGORY_LABELS } from '../../domain/model'
import { fmtDistance } from '../../ui/format'
import { excerpt } from '../../ui/feedback'
import Btn from '../../components/Btn'

/**
 * Where the reports are. In the mini-program: WeChat's map with a marker per located report (positions are GCJ-02,
 * the map's datum). In the browser, where no map is available offline: the reports listed nearest first from where
 * the staff member stands (the browser's WGS-84 converted to GCJ-02, so the distances compare like with like).
 */
export default function ReportPlaces({ reports }: { reports: ReportView[] }) {
  const located = reports.filter((r) => r.location)
  if (!located.length) return null
  return process.env.TARO_ENV === 'weapp' ? <ReportMap reports={located} /> : <ByDistance reports={located} />
}

function ReportMap({ reports }: { reports: ReportView[] }) {
  const first = reports[0]!.location!
  const markers = reports.map((r, i) => ({
    id: i,
    latitude: r.location!.latitude,
    longitude: r.location!.longitude,
    title: r.location!.name || CATEGORY_LABELS[r.category] || r.category,
    width: 24,
    height: 32,
    callout: { content: `${r.location!.name || '未命名地点'}：${excerpt(r.text, 12)}`, display: 'BYCLICK' as const, padding: 6, borderRadius: 4, fontSize: 14, color: '#1d2129', bgColor: '#ffffff', textAlign: 'left' as const },
  }))
  return (
    <View className='card inbox__places'>
      <Text className='sf-title'>{`诉求地图（${reports.length} 处）`}</Text>
      {/* A map that fails to load leaves the list below it: nothing else depends on it. */}
      <WxMap
        className='inbox__map'
        latitude={first.latitude}
        longitude={first.longitude}
        scale={16}
        markers={markers as never}
        includePoints={markers.map((m) => ({ latitude: m.latitude, longitude: m.longitude }))}
        onError={() => undefined}
      />
    </View>
  )
}

type Sorted = { kind: 'idle' } | { kind: 'busy' } | { kind: 'failed' } | { kind: 'ready'; rows: { item: ReportView; meters: number }[] }

function ByDistance({ reports }: { reports: ReportView[] }) {
  const [sorted, setSorted] = useState<Sorted>({ kind: 'idle' })
  const locate = async () => {
    setSorted({ kind: 'busy' })
    try {
      const r = await Taro.getLocation({ type: 'WGS84' })
      setSorted({ kind: 'ready', rows: byDistance(wgs84ToGcj02({ latitude: r.latitude, longitude: r.longitude }), reports) })
    } catch {
      setSorted({ kind: 'failed' })
    }
  }
  return (
    <View className='card inbox__places'>
      <Text className='sf-title'>{`按距离查看（${reports.length} 处有位置）`}</Text>
      <Btn small busy={sorted.kind === 'busy'} disabled={sorted.kind === 'busy'} onTap={() => void locate()}>
        从我的位置排序
      </Btn>
      {sorted.kind === 'failed' && <Text className='muted'>没有取到你的位置，请允许浏览器定位后重试。</Text>}
      {sorted.kind === 'ready' &&
        sorted.rows.map(({ item, meters }) => (
          <View key={item.id} className='inbox__place' data-place-id={item.id}>
            <Text>{`${fmtDistance(meters)} · ${item.location!.name || '未命名地点'}`}</Text>
            <Text className='muted'>{`${CATEGORY_LABELS[item.category] ?? item.category} · ${excerpt(item.text, 20)}`}</Text>
          </View>
        ))}
    </View>
  )
}
