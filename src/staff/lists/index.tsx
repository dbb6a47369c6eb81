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
import { useMe } from '../../ui/me'
import { listCommunities } from '../../contracts/account'
import { exportCommunityList, getCommunityList } from '../../contracts/supervision'
import { beijingMonthOf, nextMonth, previousMonth } from '../../domain/calendar'
import StaffNav, { STAFF_HOME } from '../../components/StaffNav'
import ResourceRoll from './ResourceRoll'
import './index.css'

type ListKind = 'reports' | 'plan' | 'tasks' | 'resources'
const LISTS = [
  { value: 'reports', label: '需求/问题清单' },
  { value: 'plan', label: '议事计划' },
  { value: 'tasks', label: '任务/决议清单' },
  { value: 'resources', label: '资源清单' },
] as const

/** Hands an exported file to the user: the browser opens the link; WeChat downloads it and opens the document. */
async function openExport(url: string, format: 'xlsx' | 'csv'): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank')
    return
  }
  const got = await Taro.downloadFile({ url })
  if (format === 'xlsx') await Taro.openDocument({ filePath: got.tempFilePath, fileType: 'xlsx', showMenu: true })
}

/**
 * 社区清单: a community's lists for a month (需求清单/问题清单, 议事计划, 任务清单/决议清单, 资源清单), on screen and
 * exported as xlsx or csv. Township and county staff choose the community first. Under the 资源清单, the roll itself:
 * community staff register and retire entries there.
 */
export default function StaffLists() {
  const { me } = useMe()
  const wide = me?.role === 'township_supervisor' || me?.role === 'county_office'
  const [thisMonth] = useState(() => beijingMonthOf(Date.now()))
  const [month, setMonth] = useState(thisMonth)
  const [list, setList] = useState<ListKind>('tasks')
  const [communityId, setCommunityId] = useState<string | null>(null)
  const places = useRemote(() => (wide ? callAction(listCommunities, {}) : null), [wide])
  // Wide roles wait for a choice (a null loader asks nothing); others read their own community.
  const loaded = useRemote(
    () => (!me ? null : wide ? (communityId ? callAction(getCommunityList, { communityId, list, month }) : null) : callAction(getCommunityList, { list, month })),
    [me, wide, communityId, list, month],
  )
  const calls = useCalls()
  const [exported, setExported] = useState<string | null>(null)

  const doExport = async (format: 'xlsx' | 'csv') => {
    setExported(null)
    const input = { ...(communityId ? { communityId } : {}), list, month, format }
    const out = await calls.run(`export:${format}`, exportCommunityList, input, { done: '已导出' })
    if (out) {
      setExported(`已导出 ${out.rows} 行（${format}）`)
      await openExport(out.tempFileURL, format).catch(() => setExported(`已导出 ${out.rows} 行，请在浏览器中打开：${out.tempFileURL}`))
    }
  }

  return (
    <Page label='社区清单'>
      <View className='sf-section'>
        {wide ? (
          <LinkRow className='ls-back' onOpen={() => void Promise.resolve(Taro.redirectTo({ url: STAFF_HOME })).catch(() => undefined)}>
            ‹ 工作台
          </LinkRow>
        ) : (
          <StaffNav here='lists' />
        )}
        <Text className='title'>社区清单</Text>
        {wide && places.state.kind === 'ready' ? (
          <ChipGroup
            label='选择社区'
            options={places.state.data.communities.map((c) => ({ value: c.id, label: `${c.townshipName} ${c.name}` }))}
            value={communityId}
            onChange={setCommunityId}
          />
        ) : null}
        {wide && places.state.kind === 'error' ? <ErrorText message={places.state.message} /> : null}
        <ChipGroup label='清单' options={LISTS} value={list} onChange={setList} />
        <View className='ls-month'>
          <Btn small onTap={() => setMonth(previousMonth(month))}>
            上个月
          </Btn>
          <Text className='sf-section__title'>{month}</Text>
          <Btn small disabled={nextMonth(month) > thisMonth} onTap={() => setMonth(nextMonth(month))}>
            下个月
          </Btn>
        </View>
      </View>
      {wide && !communityId ? <Text className='muted'>请选择要查看的社区</Text> : null}
      {loaded.state.kind === 'loading' && (!wide || communityId) ? <Text className='muted'>正在加载…</Text> : null}
      {loaded.state.kind === 'error' ? <ErrorText message={`清单加载失败：${loaded.state.message}`} /> : null}
      {loaded.state.kind === 'ready' ? (
        <>
          <View className='sf-section'>
            <Text className='ls-title'>{loaded.state.data.title}</Text>
            <ErrorText message={calls.errorOf('export:xlsx') ?? calls.errorOf('export:csv')} />
            {exported ? <Text className='sf-ok'>{exported}</Text> : null}
            <View className='sf-buttons'>
              <Btn small kind='primary' busy={calls.busy === 'export:xlsx'} disabled={calls.busy !== null} onTap={() => void doExport('xlsx')}>
                导出 xlsx
              </Btn>
              <Btn small busy={calls.busy === 'export:csv'} disabled={calls.busy !== null} onTap={() => void doExport('csv')}>
                导出 csv
              </Btn>
            </View>
          </View>
          {loaded.state.data.sheets.map((sheet) => (
            <View key={sheet.name} className='sf-section'>
              <Text className='sf-section__title'>{`${sheet.name}（${sheet.rows.length}）`}</Text>
              {sheet.rows.length === 0 ? <Text className='muted'>本月没有记录</Text> : null}
              {sheet.rows.map((row, i) => (
                <View key={i} className='ls-row'>
                  {row.map((cell, j) => (
                    <Text key={j} className='ls-cell'>{`${sheet.columns[j]}：${cell === '' ? '—' : cell}`}</Text>
                  ))}
                </View>
              ))}
            </View>
          ))}
          {list === 'resources' ? <ResourceRoll communityId={communityId} onChanged={() => void loaded.reload(true)} /> : null}
        </>
      ) : null}
    </Page>
  )
}
