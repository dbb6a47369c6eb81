import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '../../components/Btn'
import LinkRow from '../../components/LinkRow'
import Page from '../../components/Page'
import ChipGroup from '../../components/ChipGroup'
import ErrorText from '../../components/ErrorText'
import { callAction } from '../../api/call'
import { useRemote } from '../../ui/use-remote'
import { useCalls } from '../../ui/calls'
import { exportCountyCycle, getCountyCycle } from '../../contracts/supervision'
import { beijingMonthOf, previousMonth } from '../../domain/calendar'
import { STAFF_HOME } from '../../components/StaffNav'
import './index.css'

type Kind = 'month' | 'quarter' | 'year'
const KINDS = [
  { value: 'month', label: '月回访' },
  { value: 'quarter', label: '季盘点' },
  { value: 'year', label: '年总结' },
] as const

/** The period each report opens on: last month's callbacks, this quarter, this year (Beijing). */
function defaultPeriod(kind: Kind, now: number): string {
  const month = beijingMonthOf(now)
  if (kind === 'month') return previousMonth(month)
  if (kind === 'quarter') return `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`
  return month.slice(0, 4)
}

/** Hands an exported file to the user: the browser opens the link; WeChat downloads it and opens the document. */
async function openExport(url: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank')
    return
  }
  const got = await Taro.downloadFile({ url })
  await Taro.openDocument({ filePath: got.tempFilePath, fileType: 'xlsx', showMenu: true })
}

/**
 * 周期报表 (county office; a township supervisor sees the township): 月回访, 季盘点 and 年总结 over every item in reach,
 * with plain CSS bars and the same rows as tables, exported as xlsx.
 */
export default function StaffCounty() {
  const [now] = useState(() => Date.now())
  const [kind, setKind] = useState<Kind>('month')
  const period = defaultPeriod(kind, now)
  const loaded = useRemote(() => callAction(getCountyCycle, { kind, period }), [kind, period])
  const calls = useCalls()
  const [exported, setExported] = useState<string | null>(null)

  const doExport = async () => {
    setExported(null)
    const out = await calls.run('export', exportCountyCycle, { kind, period }, { done: '已导出' })
    if (out) {
      setExported(`已导出 ${out.rows} 行`)
      await openExport(out.tempFileURL).catch(() => setExported(`已导出 ${out.rows} 行，请在浏览器中打开：${out.tempFileURL}`))
    }
  }

  return (
    <Page label='周期报表'>
      <View className='sf-section'>
        <LinkRow className='cy-back' onOpen={() => void Promise.resolve(Taro.redirectTo({ url: STAFF_HOME })).catch(() => undefined)}>
          ‹ 工作台
        </LinkRow>
        <Text className='title'>周期报表</Text>
        <ChipGroup label='报表' options={KINDS} value={kind} onChange={setKind} />
        <Text className='muted'>{`期间：${period}`}</Text>
      </View>
      {loaded.state.kind === 'loading' ? <Text className='muted'>正在加载…</Text> : null}
      {loaded.state.kind === 'error' ? <ErrorText message={`报表加载失败：${loaded.state.message}`} /> : null}
      {loaded.state.kind === 'ready' ? (
        <>
          <View className='sf-section'>
            <Text className='cy-headline'>{loaded.state.data.headline}</Text>
            <View className='cy-bars'>
              {loaded.state.data.bars.map((b) => (
                <View key={b.label} className='cy-bar' aria-label={`${b.label}：${b.value}`}>
                  <Text className='cy-bar__label'>{b.label}</Text>
                  <View className='cy-bar__track'>
                    <View className='cy-bar__fill' style={{ width: `${Math.round(b.share * 100)}%` }} />
                  </View>
                  <Text className='cy-bar__value'>{String(b.value)}</Text>
                </View>
              ))}
            </View>
            <ErrorText message={calls.errorOf('export')} />
            {exported ? <Text className='sf-ok'>{exported}</Text> : null}
            <Btn small kind='primary' busy={calls.busy === 'export'} disabled={calls.busy !== null} onTap={() => void doExport()}>
              导出 xlsx
            </Btn>
          </View>
          {loaded.state.data.sheets.map((sheet) => (
            <View key={sheet.name} className='sf-section'>
              <Text className='sf-section__title'>{`${sheet.name}（${sheet.rows.length}）`}</Text>
              {sheet.rows.length === 0 ? <Text className='muted'>没有事项</Text> : null}
              {sheet.rows.map((row, i) => (
                <View key={i} className='cy-row'>
                  {row.map((cell, j) =>
                    // An empty cell (an item not yet done has no 办结日期) is left out on screen; the export keeps the column.
                    String(cell ?? '') === '' ? null : (
                      <Text key={j} className='cy-cell'>{`${sheet.columns[j]}：${cell}`}</Text>
                    ),
                  )}
                </View>
              ))}
            </View>
          ))}
        </>
      ) : null}
    </Page>
  )
}
