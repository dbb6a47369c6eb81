import { View, Text } from '@tarojs/components'
import Page from '../../components/Page'
import StaffNav from '../../components/StaffNav'
import LinkRow from '../../components/LinkRow'
import ErrorText from '../../components/ErrorText'
import Deadline from '../../components/Deadline'
import { callAction } from '../../api/call'
import { useRemote } from '../../ui/use-remote'
import { listDepartmentItems } from '../../contracts/resolutions'
import { goTo } from '../../ui/nav'
import { fmtDate, fmtTime } from '../../ui/format'

/**
 * 部门待办: the items transferred to the caller's department (open ones first, by the disclosure due next), each
 * opened on 事项办理 to disclose progress and the result; and the 联席会议 topics the department is invited to.
 */
export default function StaffDepartment() {
  const loaded = useRemote(() => callAction(listDepartmentItems, {}), [])
  const data = loaded.state.kind === 'ready' ? loaded.state.data : null
  return (
    <Page label='部门待办'>
      <StaffNav here='department' />
      {loaded.state.kind === 'loading' && <Text className='muted'>正在加载部门待办…</Text>}
      {loaded.state.kind === 'error' && <ErrorText message={`部门待办加载失败：${loaded.state.message}`} />}
      {data ? (
        <View className='sf-section'>
          <Text className='sf-section__title'>转交本部门的事项</Text>
          {data.items.length === 0 ? <Text className='muted'>暂无转交事项</Text> : null}
          {data.items.map((item) => (
            <LinkRow key={item.id} className='card' data-resolution-id={item.id} onOpen={() => goTo('item', { id: item.id })}>
              <Text className='sf-section__title'>{item.title}</Text>
              <Text className='muted'>{`承办：${item.assigneeName} · ${fmtDate(item.dueAt)}前办结`}</Text>
              {item.done ? (
                <Text className='sf-ok'>{`已办结（${fmtTime(item.resultPublishedAt)}）`}</Text>
              ) : item.disclosureDueAt ? (
                <Deadline label='下次公示办理情况' at={item.disclosureDueAt} settled={false} />
              ) : null}
            </LinkRow>
          ))}
        </View>
      ) : null}
      {data ? (
        <View className='sf-section'>
          <Text className='sf-section__title'>联席会议</Text>
          {data.topics.length === 0 ? <Text className='muted'>暂无邀请本部门的议题</Text> : null}
          {data.topics.map((t) => (
            <LinkRow key={t.id} className='card' data-topic-id={t.id} onOpen={() => goTo('topic', { id: t.id })}>
              <Text className='sf-section__title'>{t.title}</Text>
              <Text className='muted'>{`${fmtTime(t.meetingAt)} · ${t.meetingPlace}`}</Text>
            </LinkRow>
          ))}
        </View>
      ) : null}
    </Page>
  )
}
