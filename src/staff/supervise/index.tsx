import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Btn from '../../components/Btn'
import LinkRow from '../../components/LinkRow'
import Page from '../../components/Page'
import Field from '../../components/Field'
import ErrorText from '../../components/ErrorText'
import { callAction } from '../../api/call'
import { useRemote } from '../../ui/use-remote'
import { useCalls } from '../../ui/calls'
import { getTownshipOverview, listMonthlyReviews, recordMonthlyReview, superviseEscalation, urgeItem } from '../../contracts/supervision'
import ChipGroup from '../../components/ChipGroup'
import PhotoPicker from '../../components/PhotoPicker'
import Photos from '../../components/Photos'
import PhotoReview from '../../components/PhotoReview'
import { beijingMonthOf } from '../../domain/calendar'
import type { OutputOf } from '../../contracts/action'
import { goTo, replaceWith } from '../../ui/nav'
import { fmtTime } from '../../ui/format'
import { STAFF_HOME } from '../../components/StaffNav'
import Taro from '@tarojs/taro'
import './index.css'

type Overview = OutputOf<typeof getTownshipOverview>
type Line = Overview['communities'][number]
const LIST_LABELS = { red: '红榜', black: '黑榜', none: '—' } as const

/**
 * 督办工作台 (township supervisor; the county office sees every township): escalations to act on across the
 * township's communities, each supervised once with a note (the community replies within 3 working days), and the
 * red/black ranking of communities and assignees.
 */
export default function StaffSupervise() {
  const loaded = useRemote(() => callAction(getTownshipOverview, {}), [])
  const calls = useCalls()
  const [notes, setNotes] = useState<Record<string, string>>({})
  const [done, setDone] = useState<string | null>(null)

  const supervise = async (escalationId: string) => {
    const key = `supervise:${escalationId}`
    setDone(null)
    const out = await calls.run(key, superviseEscalation, { escalationId, note: (notes[escalationId] ?? '').trim() }, { done: '已督办' })
    if (out) {
      setNotes((n) => ({ ...n, [escalationId]: '' }))
      setDone(`已督办：社区须于 ${fmtTime(out.escalation.supervision!.replyDueAt)} 前回复`)
      void loaded.reload(true)
    }
  }

  const urge = async (resolutionId: string) => {
    setDone(null)
    const out = await calls.run(`urge:${resolutionId}`, urgeItem, { resolutionId }, { done: '已催办' })
    if (out) {
      setDone(`已催办（第 ${out.urgeCount} 次），已提醒 ${out.notified} 人`)
      void loaded.reload(true)
    }
  }

  return (
    <Page label='督办工作台'>
      <View className='sf-section'>
        <LinkRow className='sv-back' onOpen={() => void Promise.resolve(Taro.redirectTo({ url: STAFF_HOME })).catch(() => undefined)}>
          ‹ 工作台
        </LinkRow>
        <Text className='title'>督办工作台</Text>
      </View>
      {loaded.state.kind === 'loading' ? <Text className='muted'>正在加载…</Text> : null}
      {loaded.state.kind === 'error' ? <ErrorText message={`督办工作台加载失败：${loaded.state.message}`} /> : null}
      {done ? <Text className='sf-ok'>{done}</Text> : null}
      {loaded.state.kind === 'ready' ? (
        <>
          <View className='sf-section'>
            <Text className='sf-section__title'>{`待督办、待回复（${loaded.state.data.escalations.length}）`}</Text>
            {loaded.state.data.escalations.length === 0 ? <Text className='sf-ok'>没有待督办的逾期事项</Text> : null}
            {loaded.state.data.escalations.map((e) => {
              const key = `supervise:${e.id}`
              const topicId = e.topicId
              return (
                <View key={e.id} className='card sv-item' data-escalation-id={e.id}>
                  {topicId ? (
                    <LinkRow className='sv-item__title' onOpen={() => goTo('topic', { id: topicId })}>
                      {`${e.communityName} · ${e.text}`}
                    </LinkRow>
                  ) : (
                    <Text className='sv-item__title'>{`${e.communityName} · ${e.text}`}</Text>
                  )}
                  <Text className='muted'>{`期限 ${fmtTime(e.dueAt)} · 提请于 ${fmtTime(e.escalatedAt)}`}</Text>
                  {e.supervision ? (
                    <Text className={e.supervision.replyOverdue ? 'sf-overdue' : 'muted'}>
                      {`已督办（${e.supervision.byName}）：${e.supervision.note} · 回复期限 ${fmtTime(e.supervision.replyDueAt)}${e.supervision.replyOverdue ? ' · 逾期未回复' : ''}${e.supervision.escalatedToCountyAt ? ' · 已报县级办公室' : ''}`}
                    </Text>
                  ) : null}
                  {e.allowedActions.includes('urgeItem') ? (
                    <>
                      <ErrorText message={calls.errorOf(`urge:${e.resolutionId}`)} />
                      <Btn small busy={calls.busy === `urge:${e.resolutionId}`} disabled={calls.busy !== null} onTap={() => void urge(e.resolutionId)}>
                        催办
                      </Btn>
                    </>
                  ) : null}
                  {e.allowedActions.includes('superviseEscalation') ? (
                    <>
                      <Field
                        multiline
                        label='督办意见'
                        value={notes[e.id] ?? ''}
                        max={500}
                        placeholder='要求社区做什么、何时完成'
                        onChange={(v) => setNotes((n) => ({ ...n, [e.id]: v }))}
                      />
                      <ErrorText message={calls.errorOf(key)} />
                      <Btn small kind='primary' busy={calls.busy === key} disabled={calls.busy !== null} onTap={() => void supervise(e.id)}>
                        督办
                      </Btn>
                    </>
                  ) : null}
                </View>
              )
            })}
          </View>
          <MonthlyReviews />
          <Ranking title='社区排名' lines={loaded.state.data.communities} empty='辖区暂无社区' />
          <Ranking title='承办人排名' lines={loaded.state.data.assignees} empty='暂无办理中的事项' />
          <Btn small onTap={() => replaceWith('county')}>
            周期报表 ›
          </Btn>
        </>
      ) : null}
    </Page>
  )
}

function Ranking({ title, lines, empty }: { title: string; lines: Line[]; empty: string }) {
  return (
    <View className='sf-section'>
      <Text className='sf-section__title'>{title}</Text>
      {lines.length === 0 ? <Text className='muted'>{empty}</Text> : null}
      {lines.map((line, i) => (
        <View key={line.key} className='sv-line' data-list={line.list}>
          <Text>{`${i + 1}. ${line.label}`}</Text>
          {line.list === 'none' ? null : <Text className={`sv-tag sv-tag--${line.list}`}>{LIST_LABELS[line.list]}</Text>}
          <Text className='muted'>{`按时公示 ${line.onTimeRate === null ? '—' : `${Math.round(line.onTimeRate * 100)}%`} · 逾期 ${line.overdue} · 办结 ${line.done}/${line.items}`}</Text>
        </View>
      ))}
    </View>
  )
}

const EVALUATIONS = [
  { value: 'excellent', label: '优秀' },
  { value: 'good', label: '良好' },
  { value: 'fair', label: '一般' },
  { value: 'poor', label: '较差' },
] as const
type Evaluation = (typeof EVALUATIONS)[number]['value']

/**
 * 一月一问效: this month's record per community (evaluation, site-check notes and photos); recording again keeps the
 * earlier one. Photos are uploaded under the supervisor's own folder and shown 审核中 until the image check passes them.
 */
function MonthlyReviews() {
  const [month] = useState(() => beijingMonthOf(Date.now()))
  const loaded = useRemote(() => callAction(listMonthlyReviews, { month }), [month])
  const calls = useCalls()
  const [drafts, setDrafts] = useState<Record<string, { evaluation: Evaluation | null; notes: string; photos: string[] }>>({})
  const draft = (id: string) => drafts[id] ?? { evaluation: null, notes: '', photos: [] }
  const record = async (communityId: string) => {
    const d = draft(communityId)
    if (!d.evaluation) return calls.fail(`review:${communityId}`, '请选择评价')
    const out = await calls.run(`review:${communityId}`, recordMonthlyReview, { communityId, month, evaluation: d.evaluation, notes: d.notes.trim(), ...(d.photos.length ? { photos: d.photos } : {}) }, { done: '已记录' })
    if (out) {
      setDrafts((x) => ({ ...x, [communityId]: { evaluation: null, notes: '', photos: [] } }))
      void loaded.reload(true)
    }
  }
  return (
    <View className='sf-section'>
      <Text className='sf-section__title'>{`一月一问效（${month}）`}</Text>
      {loaded.state.kind === 'loading' ? <Text className='muted'>正在加载…</Text> : null}
      {loaded.state.kind === 'error' ? <ErrorText message={loaded.state.message} /> : null}
      {loaded.state.kind === 'ready'
        ? loaded.state.data.reviews.map((r) => (
            <View key={r.communityId} className='card sv-item' data-review-community={r.communityId}>
              <Text className='sv-item__title'>{r.communityName}</Text>
              {r.review ? (
                <>
                  <Text className='muted'>{`${r.review.evaluationLabel} · ${r.review.notes}（${r.review.byName}，${fmtTime(r.review.at)}${r.revisions.length ? `，已修改 ${r.revisions.length} 次` : ''}）`}</Text>
                  <Photos ids={r.review.photos} pending={r.review.pendingPhotos} label='察看照片' />
                  {/* Held photos are decided here by the township or the county (the server's clearMedia rule). */}
                  <PhotoReview pendingIds={r.review.pendingPhotoIds} calls={calls} onChanged={() => void loaded.reload(true)} />
                </>
              ) : (
                <Text className='muted'>本月尚未记录</Text>
              )}
              {r.allowedActions.includes('recordMonthlyReview') ? (
                <>
                  <ChipGroup
                    label='评价'
                    options={EVALUATIONS}
                    value={draft(r.communityId).evaluation}
                    onChange={(v) => setDrafts((x) => ({ ...x, [r.communityId]: { ...draft(r.communityId), evaluation: v } }))}
                  />
                  <Field
                    multiline
                    label='察看记录'
                    value={draft(r.communityId).notes}
                    max={1000}
                    placeholder='实地察看了什么、发现的问题'
                    onChange={(v) => setDrafts((x) => ({ ...x, [r.communityId]: { ...draft(r.communityId), notes: v } }))}
                  />
                  <PhotoPicker
                    value={draft(r.communityId).photos}
                    onChange={(ids) => setDrafts((x) => ({ ...x, [r.communityId]: { ...draft(r.communityId), photos: ids } }))}
                    folder={`site-checks/${r.communityId}/${month}`}
                    disabled={calls.busy !== null}
                  />
                  <ErrorText message={calls.errorOf(`review:${r.communityId}`)} />
                  <Btn small disabled={calls.busy !== null} busy={calls.busy === `review:${r.communityId}`} onTap={() => void record(r.communityId)}>
                    {r.review ? '修改记录' : '记录'}
                  </Btn>
                </>
              ) : null}
            </View>
          ))
        : null}
    </View>
  )
}
