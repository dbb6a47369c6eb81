import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Btn from '../../components/Btn'
import Page from '../../components/Page'
import { useRemote } from '../../ui/use-remote'
import { callAction } from '../../api/call'
import { getTopic, recordMeeting } from '../../contracts/topics'
import { listAssignees } from '../../contracts/account'
import ChipGroup from '../../components/ChipGroup'
import { addDays, atBeijingTime, beijingDateOf, formatBeijing, isBeijingDate } from '../../domain/calendar'
import DateField from '../../components/DateField'
import Field from '../../components/Field'
import ErrorText from '../../components/ErrorText'
import PhotoPicker from '../../components/PhotoPicker'
import { useCalls } from '../../ui/calls'
import { askSubscription } from '../../ui/subscribe'
import { SUBSCRIBE_AT } from '../../contracts/messages'
import { backOr, useRouteParams } from '../../ui/nav'
import { todayBeijing } from '../../ui/format'
import { parseCount } from '../../ui/validate'
import './index.css'

const MAX_RESOLUTIONS = 20
const VOTE_FIELDS = [
  { key: 'for', label: '赞成' },
  { key: 'against', label: '反对' },
  { key: 'abstain', label: '弃权' },
] as const
type VoteKey = (typeof VOTE_FIELDS)[number]['key']

interface ResolutionDraft {
  key: number
  title: string
  votes: Record<VoteKey, string>
  assigneeName: string
  /** Set when the assignee was picked from the community's staff: reminders then reach them by name. */
  assigneeOpenid: string | null
  dueDate: string
}

let draftKey = 0
function blankResolution(): ResolutionDraft {
  return { key: ++draftKey, title: '', votes: { for: '', against: '', abstain: '' }, assigneeName: '', assigneeOpenid: null, dueDate: addDays(todayBeijing(), 7) }
}

/** 记录议事会: step 2, the face-to-face meeting and what it decided, each item with a person and a time limit. */
export default function RecordMeeting() {
  const { id } = useRouteParams()
  const calls = useCalls()
  const [topicTitle, setTopicTitle] = useState<string | null>(null)
  const [heldDate, setHeldDate] = useState('')
  const [heldClock, setHeldClock] = useState('')
  const [households, setHouseholds] = useState('')
  const [invited, setInvited] = useState('')
  const [minutes, setMinutes] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [items, setItems] = useState<ResolutionDraft[]>(() => [blankResolution()])
  // The community's staff, to pick assignees from; without them an assignee is typed by name.
  const assignees = useRemote(() => callAction(listAssignees, {}), [])
  const staff = assignees.state.kind === 'ready' ? assignees.state.data.assignees : []

  useEffect(() => {
    if (!id) return
    let live = true
    void callAction(getTopic, { topicId: id }).then((o) => {
      if (!live || !o.ok) return
      setTopicTitle(o.data.topic.title)
      // The planned time is the natural default for a meeting already held.
      const planned = new Date(o.data.topic.meetingAt)
      if (!Number.isNaN(planned.getTime()) && planned.getTime() <= Date.now()) {
        setHeldDate(beijingDateOf(planned))
        setHeldClock(formatBeijing(planned, 'HH:mm'))
      }
    })
    return () => {
      live = false
    }
  }, [id])

  const update = (key: number, patch: Partial<ResolutionDraft>) => setItems((list) => list.map((x) => (x.key === key ? { ...x, ...patch } : x)))

  const submit = async () => {
    if (!id) return calls.fail('meeting', '缺少议题编号')
    let heldAt: string | undefined
    if (heldDate || heldClock) {
      if (!isBeijingDate(heldDate) || !/^\d{2}:\d{2}$/.test(heldClock)) return calls.fail('meeting', '请同时选择召开日期和时间，或都留空（按提交时间记录）')
      const at = atBeijingTime(heldDate, heldClock)
      if (at.getTime() > Date.now()) return calls.fail('meeting', '召开时间不能晚于现在')
      heldAt = at.toISOString()
    }
    const present = parseCount(households)
    const invitedCount = parseCount(invited)
    if (present === null) return calls.fail('meeting', '到会户数须为非负整数')
    if (invitedCount === null || invitedCount < 1) return calls.fail('meeting', '应邀户数须为正整数')
    if (present > invitedCount) return calls.fail('meeting', '到会户数不能多于应邀户数')
    const resolutions = []
    for (const [i, item] of items.entries()) {
      const n = `第 ${i + 1} 项`
      if (!item.title.trim()) return calls.fail('meeting', `${n}：请填写议决事项`)
      const vote = { for: 0, against: 0, abstain: 0 }
      for (const f of VOTE_FIELDS) {
        const count = parseCount(item.votes[f.key])
        if (count === null) return calls.fail('meeting', `${n}：${f.label}票数须为非负整数`)
        vote[f.key] = count
      }
      if (!item.assigneeName.trim()) return calls.fail('meeting', `${n}：请填写承办人`)
      if (!isBeijingDate(item.dueDate) || item.dueDate < todayBeijing()) return calls.fail('meeting', `${n}：办理期限须是今天或以后的日期`)
      resolutions.push({ title: item.title.trim(), vote, assigneeName: item.assigneeName.trim(), assigneeOpenid: item.assigneeOpenid, dueDate: item.dueDate })
    }
    // The items recorded now get deadlines: ask (inside the tap) for the reminders and escalations they lead to.
    await askSubscription(SUBSCRIBE_AT.deadlines)
    const out = await calls.run(
      'meeting',
      recordMeeting,
      {
        topicId: id,
        ...(heldAt ? { heldAt } : {}),
        attendance: { households: present, invitedHouseholds: invitedCount },
        minutes: minutes.trim(),
        photos,
        resolutions,
      },
      {
        confirm: {
          title: '记录议事会',
          content: `记录后不能修改：纪要和 ${resolutions.length} 项议决事项将公开，承办人的办理期限随即开始计算。确认记录？`,
          confirmText: '记录',
        },
        done: '议事会已记录',
      },
    )
    if (out) backOr('topic', { id })
  }

  const busy = calls.busy !== null
  return (
    <Page label='记录议事会'>
      {topicTitle ? <Text className='title'>{topicTitle}</Text> : null}
      <View className='sf-section'>
        <Text className='sf-section__title'>会议情况</Text>
        <View className='sf-field__row'>
          <DateField label='召开日期' value={heldDate} end={todayBeijing()} placeholder='默认今天' onChange={setHeldDate} />
          <DateField label='召开时间' mode='time' value={heldClock} placeholder='默认现在' onChange={setHeldClock} />
        </View>
        <View className='meeting__votes'>
          <Field label='到会户数' type='number' value={households} onChange={setHouseholds} name='households' />
          <Field label='应邀户数' type='number' value={invited} onChange={setInvited} name='invitedHouseholds' />
        </View>
        <Field multiline label='会议纪要' value={minutes} max={5000} placeholder='议了什么、各方意见、表决经过' onChange={setMinutes} />
        <PhotoPicker value={photos} onChange={setPhotos} folder={`meetings/${id ?? 'unknown'}`} disabled={busy} />
      </View>

      <View className='sf-section'>
        <Text className='sf-section__title'>{`议决事项（${items.length}/${MAX_RESOLUTIONS}）`}</Text>
        {items.map((item, i) => (
          <View key={item.key} className='meeting__resolution' data-index={i}>
            <View className='meeting__resolution-head'>
              <Text>{`第 ${i + 1} 项`}</Text>
              {items.length > 1 ? (
                <Text className='meeting__remove' onClick={() => setItems((list) => list.filter((x) => x.key !== item.key))}>
                  删除
                </Text>
              ) : null}
            </View>
            <Field label='议决事项' value={item.title} max={100} name='title' onChange={(title) => update(item.key, { title })} />
            <View className='meeting__votes'>
              {VOTE_FIELDS.map((f) => (
                <Field
                  key={f.key}
                  label={f.label}
                  type='number'
                  name={`vote-${f.key}`}
                  value={item.votes[f.key]}
                  onChange={(v) => update(item.key, { votes: { ...item.votes, [f.key]: v } })}
                />
              ))}
            </View>
            {staff.length ? (
              <ChipGroup
                label='从本社区工作人员中指定'
                options={staff.map((p) => ({ value: p.openid, label: p.displayName }))}
                value={item.assigneeOpenid}
                onChange={(openid) => update(item.key, { assigneeOpenid: openid, assigneeName: staff.find((p) => p.openid === openid)?.displayName ?? '' })}
              />
            ) : null}
            {/* A typed name (e.g. the property company) is an assignee without a WeChat account here. */}
            <Field label='承办人' value={item.assigneeName} max={20} name='assignee' onChange={(assigneeName) => update(item.key, { assigneeName, assigneeOpenid: null })} />
            <DateField label='办理期限' value={item.dueDate} start={todayBeijing()} onChange={(dueDate) => update(item.key, { dueDate })} />
          </View>
        ))}
        {items.length < MAX_RESOLUTIONS ? (
          <Btn small disabled={busy} onTap={() => setItems((list) => [...list, blankResolution()])}>
            添加议决事项
          </Btn>
        ) : null}
      </View>

      <ErrorText message={calls.errorOf('meeting')} />
      <Btn kind='primary' busy={calls.busy === 'meeting'} disabled={busy} onTap={() => void submit()}>
        保存议事会记录
      </Btn>
    </Page>
  )
}
