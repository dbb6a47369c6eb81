import { useEffect, useMemo, useState } from 'react'
import { View, Text, Switch } from '@tarojs/components'
import Btn from '../../components/Btn'
import Page from '../../components/Page'
import { useRemote } from '../../ui/use-remote'
import { callAction } from '../../api/call'
import { getHomeFeed } from '../../contracts/board'
import { getReport, type ReportView } from '../../contracts/reports'
import { publishTopic } from '../../contracts/topics'
import type { Category } from '../../domain/model'
import { useCategories } from '../../ui/categories'
import { atBeijingTime, isBeijingDate } from '../../domain/calendar'
import ChipGroup from '../../components/ChipGroup'
import DateField from '../../components/DateField'
import Field from '../../components/Field'
import ErrorText from '../../components/ErrorText'
import { useCalls } from '../../ui/calls'
import { newRequestId } from '../../ui/request-id'
import { replaceWith, useRouteParams } from '../../ui/nav'
import { todayBeijing } from '../../ui/format'
import './index.css'

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/
type Linked = { id: string; report: ReportView | null; error: string | null }

/** 发布议题: step 1 of the four, usually from reports chosen in the inbox (`?reports=id1,id2`). */
export default function PublishTopic() {
  const params = useRouteParams()
  const initialIds = useMemo(
    () => Array.from(new Set((params.reports ?? '').split(',').map((s) => s.trim()).filter((s) => ID_RE.test(s)))).slice(0, 50),
    [params.reports],
  )
  // One key per form: a retry after a lost answer must not publish the topic twice.
  const [clientRequestId] = useState(() => newRequestId())
  const calls = useCalls()

  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [category, setCategory] = useState<Category | null>(null)
  // The community's open categories, in its order (its staff add, rename and retire them on 社区设置).
  const categories = useCategories()
  const [linked, setLinked] = useState<Linked[]>(() => initialIds.map((id) => ({ id, report: null, error: null })))
  const [meetingPlace, setMeetingPlace] = useState('')
  const [customTime, setCustomTime] = useState(false)
  const [meetingDate, setMeetingDate] = useState('')
  const [meetingClock, setMeetingClock] = useState('19:00')
  const [invitees, setInvitees] = useState<string[]>([])
  const [inviteeDraft, setInviteeDraft] = useState('')
  const [fourDeliberations, setFourDeliberations] = useState(false)
  // The community's next deliberation day, the default meeting time.
  const feed = useRemote(() => callAction(getHomeFeed, {}), [])

  // The reports this topic answers, opened from the inbox: shown, and the first one's category is the default.
  useEffect(() => {
    let live = true
    initialIds.forEach((id) => {
      void callAction(getReport, { reportId: id }).then((o) => {
        if (!live) return
        setLinked((list) => list.map((l) => (l.id === id ? { id, report: o.ok ? o.data.report : null, error: o.ok ? null : o.error.message } : l)))
        if (o.ok) setCategory((c) => c ?? o.data.report.category)
      })
    })
    return () => {
      live = false
    }
  }, [initialIds])

  const addInvitee = () => {
    const names = inviteeDraft
      .split(/[,，、\s]+/)
      .map((s) => s.trim())
      .filter(Boolean)
    if (!names.length) return
    setInvitees((list) => Array.from(new Set([...list, ...names])).slice(0, 40))
    setInviteeDraft('')
  }

  const submit = async () => {
    if (!category) return calls.fail('publish', '请选择议题分类')
    let meetingAt: string | undefined
    if (customTime) {
      if (!isBeijingDate(meetingDate) || !/^\d{2}:\d{2}$/.test(meetingClock)) return calls.fail('publish', '请选择议事日期和时间')
      const at = atBeijingTime(meetingDate, meetingClock)
      if (at.getTime() <= Date.now()) return calls.fail('publish', '议事时间须是将来的时间')
      meetingAt = at.toISOString()
    }
    const out = await calls.run('publish', publishTopic, {
      title: title.trim(),
      description: description.trim(),
      category,
      reportIds: linked.map((l) => l.id),
      meetingPlace: meetingPlace.trim(),
      ...(meetingAt ? { meetingAt } : {}),
      invitees,
      requiresFourDeliberations: fourDeliberations,
      clientRequestId,
    }, {
      confirm: { title: '发布议题', content: '议题发布后全体居民可见，并通知关注的居民。确认发布？', confirmText: '发布' },
      done: '议题已发布',
    })
    if (out) replaceWith('topic', { id: out.topic.id })
  }

  const busy = calls.busy !== null
  return (
    <Page label='发布议题'>
      <View className='sf-section'>
        <Text className='sf-section__title'>议题</Text>
        <Field label='议题标题' value={title} max={60} placeholder='一句话说清要议什么' onChange={setTitle} />
        <Field multiline label='议题说明' value={description} max={2000} placeholder='背景、涉及范围、需要大家商量的问题' onChange={setDescription} />
        <ChipGroup label='分类' options={categories.open} value={category} onChange={setCategory} />
      </View>

      <View className='sf-section'>
        <Text className='sf-section__title'>{`关联诉求（${linked.length}）`}</Text>
        {linked.length === 0 ? <Text className='muted'>未关联诉求（可在“诉求分类”中选择后纳入）</Text> : null}
        {linked.map((l) => (
          <View key={l.id} className='publish__report'>
            <Text className='publish__report-text'>{l.report ? l.report.text : l.error ? `诉求 ${l.id}：${l.error}` : `诉求 ${l.id}`}</Text>
            <Text className='publish__remove' onClick={() => setLinked((list) => list.filter((x) => x.id !== l.id))}>
              移除
            </Text>
          </View>
        ))}
      </View>

      <View className='sf-section'>
        <Text className='sf-section__title'>面对面议事</Text>
        <Field label='议事地点' value={meetingPlace} max={100} placeholder='如：社区党群服务中心二楼' onChange={setMeetingPlace} />
        <ChipGroup
          label='议事时间'
          options={[
            { value: 'default', label: '社区议事日（默认）' },
            { value: 'custom', label: '另定时间' },
          ]}
          value={customTime ? 'custom' : 'default'}
          onChange={(v) => setCustomTime(v === 'custom')}
        />
        {!customTime ? (
          <Text className='muted publish__next-day'>
            {feed.state.kind === 'loading'
              ? '正在查询下一个议事日…'
              : feed.state.kind === 'ready'
                ? `下一个议事日：${feed.state.data.nextDeliberationDay.label}`
                : `将使用社区下一个议事日（${feed.state.message}）`}
          </Text>
        ) : (
          <View className='sf-field__row'>
            <DateField label='日期' value={meetingDate} start={todayBeijing()} onChange={setMeetingDate} />
            <DateField label='时间' mode='time' value={meetingClock} onChange={setMeetingClock} />
          </View>
        )}
        <View className='sf-field'>
          <Field label='受邀人（居民代表、相关单位等）' value={inviteeDraft} max={40} placeholder='输入姓名，可用逗号分隔' onChange={setInviteeDraft} />
          <Btn small disabled={!inviteeDraft.trim() || invitees.length >= 40} onTap={addInvitee}>
            添加受邀人
          </Btn>
          <View className='sf-chips'>
            {invitees.map((name) => (
              <View key={name} className='sf-chip' onClick={() => setInvitees((list) => list.filter((x) => x !== name))}>
                {`${name} ×`}
              </View>
            ))}
          </View>
        </View>
        <View className='publish__switch'>
          <Text>适用“四议两公开”</Text>
          <Switch checked={fourDeliberations} onChange={(e) => setFourDeliberations(e.detail.value)} />
        </View>
        {fourDeliberations ? <Text className='muted'>议事会前须依次记录党组织提议、两委会商议、党员大会审议。</Text> : null}
      </View>

      <ErrorText message={calls.errorOf('publish')} />
      <Btn kind='primary' busy={calls.busy === 'publish'} disabled={busy} onTap={() => void submit()}>
        发布议题
      </Btn>
    </Page>
  )
}
