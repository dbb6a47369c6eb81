import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Btn from '../../components/Btn'
import Page from '../../components/Page'
import { callAction } from '../../api/call'
import { useRemote } from '../../ui/use-remote'
import {
  answerObjection, getTopic, publishNotice, recordDeliberationStep, reviseNotice,
  type ResolutionView, type TopicDetailView,
} from '../../contracts/topics'
import { publishProgress, publishResult, recordCallback, replyToRating } from '../../contracts/resolutions'
import { ACTION_RULES } from '../../domain/policy'
import { DELIBERATION_STEP_LABELS, FOUR_DELIBERATIONS } from '../../domain/model'
import { categoryText } from '../../ui/categories'
import Field from '../../components/Field'
import ChipGroup from '../../components/ChipGroup'
import ErrorText from '../../components/ErrorText'
import Deadline from '../../components/Deadline'
import Photos from '../../components/Photos'
import PhotoReview from '../../components/PhotoReview'
import FlowSteps from '../../components/FlowSteps'
import { StarsView } from '../../components/Stars'
import PhotoPicker from '../../components/PhotoPicker'
import { useCalls, type Calls } from '../../ui/calls'
import { goTo, useRouteParams } from '../../ui/nav'
import { askSubscription } from '../../ui/subscribe'
import { SUBSCRIBE_AT } from '../../contracts/messages'
import { fmtTime, lateBy } from '../../ui/format'
import Taking from '../item/Taking'
import './index.css'

type Topic = TopicDetailView
const label = (action: keyof typeof ACTION_RULES) => ACTION_RULES[action].label

/** Text drafts of the page's forms, by form key. */
function useDrafts() {
  const [drafts, setDrafts] = useState<Record<string, string>>({})
  return {
    get: (key: string, fallback = '') => drafts[key] ?? fallback,
    set: (key: string, value: string) => setDrafts((d) => ({ ...d, [key]: value })),
    drop: (...keys: string[]) =>
      setDrafts((d) => {
        const next = { ...d }
        for (const k of keys) delete next[k]
        return next
      }),
  }
}
type Drafts = ReturnType<typeof useDrafts>

/** A button that performs a listed action: tagged so one can see (and test) exactly which actions a page offers. */
function ActionButton({ action, text, calls, busyKey, onClick, primary }: { action: string; text: string; calls: Calls; busyKey?: string; onClick: () => void; primary?: boolean }) {
  return (
    <Btn
      small
      kind={primary ? 'primary' : 'default'}
      className='staff-action'
      action={action}
      busy={!!busyKey && calls.busy === busyKey}
      disabled={calls.busy !== null}
      onTap={onClick}
    >
      {text}
    </Btn>
  )
}

/** 议题办理: the staff cockpit of one topic. Every form appears only when the server lists its action. */
export default function StaffTopic() {
  const { id } = useRouteParams()
  const loaded = useRemote(() => (id ? callAction(getTopic, { topicId: id }) : null), [id])
  const calls = useCalls()
  const drafts = useDrafts()

  if (!id) return <Page label='议题办理'><ErrorText message='缺少议题编号' /></Page>
  if (loaded.state.kind === 'loading') return <Page label='议题办理'><Text className='muted'>正在加载议题…</Text></Page>
  if (loaded.state.kind === 'error') {
    return (
      <Page label='议题办理'>
        <ErrorText message={`议题加载失败：${loaded.state.message}`} />
        <Btn small onTap={() => void loaded.reload()}>重试</Btn>
      </Page>
    )
  }
  const t = loaded.state.data.topic
  const can = (action: string) => t.allowedActions.includes(action)
  const setTopic = (topic: Topic) => loaded.setData({ topic })

  return (
    <Page label='议题办理'>
      <Header t={t} />
      {t.requiresFourDeliberations ? <FourDeliberations t={t} can={can} calls={calls} drafts={drafts} onTopic={setTopic} /> : null}
      <Meeting t={t} can={can} calls={calls} onChanged={() => void loaded.reload(true)} />
      <Notice t={t} can={can} calls={calls} drafts={drafts} onTopic={setTopic} />
      <Objections t={t} calls={calls} drafts={drafts} onTopic={setTopic} />
      {t.resolutions.length ? (
        <View className='sf-section'>
          <Text className='sf-section__title'>{`议决事项（${t.resolutions.length}）`}</Text>
          {t.resolutions.map((r) => (
            <Resolution key={r.id} r={r} calls={calls} drafts={drafts} onChanged={() => void loaded.reload(true)} />
          ))}
        </View>
      ) : null}
      <Background t={t} calls={calls} onChanged={() => void loaded.reload(true)} />
    </Page>
  )
}

function Header({ t }: { t: Topic }) {
  return (
    <View className='sf-section'>
      <Text className='title'>{t.title}</Text>
      <Text className='muted'>{`${categoryText(t)} · ${t.stageLabel}`}</Text>
      <FlowSteps step={t.flow.step} done={t.flow.done} compact stepClassName='topic__step' />
      <Text className='muted'>{`议事时间：${fmtTime(t.meetingAt)} · 地点：${t.meetingPlace}`}</Text>
      <Text className='muted'>{`报名 ${t.counts.joined} · 关注 ${t.counts.followed} · 支持 ${t.counts.support} · 反对 ${t.counts.oppose} · 意见 ${t.counts.opinions} · 异议 ${t.counts.objections}（未答复 ${t.counts.unansweredObjections}）`}</Text>
    </View>
  )
}

function FourDeliberations({ t, can, calls, drafts, onTopic }: { t: Topic; can: (a: string) => boolean; calls: Calls; drafts: Drafts; onTopic: (t: Topic) => void }) {
  const next = FOUR_DELIBERATIONS[t.deliberations.length]
  const submit = async () => {
    if (!next) return
    const out = await calls.run(
      'deliberation',
      recordDeliberationStep,
      { topicId: t.id, step: next, note: drafts.get('deliberation').trim() },
      { done: `已记录${DELIBERATION_STEP_LABELS[next]}` },
    )
    if (out) {
      drafts.drop('deliberation')
      onTopic(out.topic)
    }
  }
  return (
    <View className='sf-section'>
      <Text className='sf-section__title'>四议两公开</Text>
      {FOUR_DELIBERATIONS.map((step, i) => {
        const done = t.deliberations[i]
        return (
          <Text key={step} className={done ? 'sf-ok' : 'muted'}>
            {done ? `✓ ${done.label}（${fmtTime(done.at)}）：${done.note}` : `○ ${DELIBERATION_STEP_LABELS[step]}`}
          </Text>
        )
      })}
      {can('recordDeliberationStep') && next ? (
        <View className='topic__form'>
          <Field multiline label={`${DELIBERATION_STEP_LABELS[next]}记录`} value={drafts.get('deliberation')} max={500} onChange={(v) => drafts.set('deliberation', v)} />
          <ErrorText message={calls.errorOf('deliberation')} />
          <ActionButton action='recordDeliberationStep' primary text={`${label('recordDeliberationStep')}：${DELIBERATION_STEP_LABELS[next]}`} calls={calls} busyKey='deliberation' onClick={() => void submit()} />
        </View>
      ) : null}
    </View>
  )
}

function Meeting({ t, can, calls, onChanged }: { t: Topic; can: (a: string) => boolean; calls: Calls; onChanged: () => void }) {
  return (
    <View className='sf-section'>
      <Text className='sf-section__title'>面对面议事</Text>
      {t.heldAt ? (
        <>
          <Text>{`召开时间：${fmtTime(t.heldAt)}`}</Text>
          {t.attendance ? <Text>{`到会 ${t.attendance.households} 户 / 应邀 ${t.attendance.invitedHouseholds} 户`}</Text> : null}
          {t.quorumMet === false ? <Text className='sf-overdue'>未达法定人数，表决无效</Text> : null}
          {t.minutes ? <Text className='topic__quote'>{t.minutes}</Text> : null}
          <Photos ids={t.meetingPhotos} pending={t.pendingMeetingPhotos} />
          <PhotoReview pendingIds={t.pendingMeetingPhotoIds} calls={calls} onChanged={onChanged} />
        </>
      ) : (
        <Text className='muted'>尚未召开</Text>
      )}
      {can('recordMeeting') ? <ActionButton action='recordMeeting' primary text={label('recordMeeting')} calls={calls} onClick={() => goTo('meeting', { id: t.id })} /> : null}
    </View>
  )
}

function Notice({ t, can, calls, drafts, onTopic }: { t: Topic; can: (a: string) => boolean; calls: Calls; drafts: Drafts; onTopic: (t: Topic) => void }) {
  const publish = async () => {
    const daysText = drafts.get('notice.days').trim()
    let days: number | undefined
    if (daysText) {
      days = Number(daysText)
      if (!/^\d+$/.test(daysText) || days < 1 || days > 30) return calls.fail('notice', '异议期为 1–30 天的整数')
    }
    await askSubscription(SUBSCRIBE_AT.deadlines)
    const out = await calls.run(
      'notice',
      publishNotice,
      { topicId: t.id, text: drafts.get('notice.text').trim(), ...(days ? { objectionWindowDays: days } : {}) },
      {
        confirm: { title: '发布拟办意见公告', content: '公告发布后全体居民可见，异议期随即开始计算。确认发布？', confirmText: '发布' },
        done: '公告已发布',
      },
    )
    if (out) {
      drafts.drop('notice.text', 'notice.days')
      onTopic(out.topic)
    }
  }
  const revise = async () => {
    const out = await calls.run(
      'revise',
      reviseNotice,
      { topicId: t.id, revision: t.notice?.revision, text: drafts.get('revise.text', t.notice?.text ?? '').trim(), reason: drafts.get('revise.reason').trim() },
      {
        confirm: { title: '修改公告', content: '修改后的公告公开发布，旧版本留在历史中，异议期重新计算。确认修改？', confirmText: '修改' },
        done: '公告已修改',
      },
    )
    if (out) {
      drafts.drop('revise.text', 'revise.reason')
      onTopic(out.topic)
    }
  }
  if (!t.notice && !can('publishNotice')) return null
  return (
    <View className='sf-section'>
      <Text className='sf-section__title'>拟办意见公告</Text>
      {t.notice ? (
        <>
          <Text className='muted'>{`第 ${t.notice.revision} 版 · 发布于 ${fmtTime(t.notice.publishedAt)}${t.notice.reason ? ` · 修改原因：${t.notice.reason}` : ''}`}</Text>
          <Text className='topic__quote'>{t.notice.text}</Text>
          <Deadline label='异议截止' at={t.notice.closesAt} settled />
          {t.allowedActions.includes('makeNoticePoster') ? (
            <Btn small action='makeNoticePoster' onTap={() => goTo('poster', { id: t.id })}>
              生成张贴海报
            </Btn>
          ) : null}
        </>
      ) : null}
      {t.noticeHistory.filter((n) => n.revision !== t.notice?.revision).map((n) => (
        <Text key={n.revision} className='muted'>{`历史第 ${n.revision} 版（${fmtTime(n.publishedAt)}）：${n.text.slice(0, 60)}`}</Text>
      ))}
      {can('publishNotice') ? (
        <View className='topic__form'>
          <Field multiline label='公告内容（拟办意见）' value={drafts.get('notice.text')} max={3000} onChange={(v) => drafts.set('notice.text', v)} />
          <Field label='异议期（天，留空按社区设置）' type='number' value={drafts.get('notice.days')} onChange={(v) => drafts.set('notice.days', v)} />
          <ErrorText message={calls.errorOf('notice')} />
          <ActionButton action='publishNotice' primary text={label('publishNotice')} calls={calls} busyKey='notice' onClick={() => void publish()} />
        </View>
      ) : null}
      {can('reviseNotice') ? (
        <View className='topic__form'>
          <Field multiline label='修改后的公告' value={drafts.get('revise.text', t.notice?.text ?? '')} max={3000} onChange={(v) => drafts.set('revise.text', v)} />
          <Field label='修改原因' value={drafts.get('revise.reason')} max={300} onChange={(v) => drafts.set('revise.reason', v)} />
          <Text className='muted'>修改后异议期重新计算。</Text>
          <ErrorText message={calls.errorOf('revise')} />
          <ActionButton action='reviseNotice' text={label('reviseNotice')} calls={calls} busyKey='revise' onClick={() => void revise()} />
        </View>
      ) : null}
    </View>
  )
}

function Objections({ t, calls, drafts, onTopic }: { t: Topic; calls: Calls; drafts: Drafts; onTopic: (t: Topic) => void }) {
  if (!t.objections.length) return null
  const answer = async (objectionId: string) => {
    const key = `objection:${objectionId}`
    const out = await calls.run(key, answerObjection, { objectionId, text: drafts.get(key).trim() }, { done: '答复已公开' })
    if (out) {
      drafts.drop(key)
      onTopic(out.topic)
    }
  }
  return (
    <View className='sf-section'>
      <Text className='sf-section__title'>{`居民异议（${t.objections.length}，未答复 ${t.counts.unansweredObjections}）`}</Text>
      {t.objections.map((o) => {
        const key = `objection:${o.id}`
        return (
          <View key={o.id} className='topic__item' data-objection-id={o.id}>
            <Text className='muted'>{`${o.authorName} · ${fmtTime(o.at)} · 针对第 ${o.noticeRevision} 版`}</Text>
            <Text>{o.text}</Text>
            {o.answer ? <Text className='topic__answer'>{`答复（${fmtTime(o.answer.at)}）：${o.answer.text}`}</Text> : <Text className='sf-overdue'>未答复</Text>}
            {!o.answer && o.allowedActions.includes('answerObjection') ? (
              <View className='topic__form'>
                <Field multiline label='公开答复' value={drafts.get(key)} max={1000} onChange={(v) => drafts.set(key, v)} />
                <ErrorText message={calls.errorOf(key)} />
                <ActionButton action='answerObjection' primary text={label('answerObjection')} calls={calls} busyKey={key} onClick={() => void answer(o.id)} />
              </View>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}

function Resolution({ r, calls, drafts, onChanged }: { r: ResolutionView; calls: Calls; drafts: Drafts; onChanged: () => void }) {
  const [photos, setPhotos] = useState<string[]>([])
  const [outcome, setOutcome] = useState<'fixed' | 'not_fixed' | null>(null)
  const can = (action: string) => r.allowedActions.includes(action)
  const textKey = `disclose:${r.id}`
  const settled = r.status === 'done' || r.status === 'rejected'

  const disclose = async (final: boolean) => {
    const input = { resolutionId: r.id, text: drafts.get(textKey).trim(), photos }
    const out = final
      ? await calls.run(textKey, publishResult, input, {
          confirm: { title: '公示办理结果', content: '办理结果公示后不能撤回，居民将可以评价。确认公示？', confirmText: '公示' },
          done: '办理结果已公示',
        })
      : await calls.run(textKey, publishProgress, input, { done: '办理情况已公示' })
    if (out) {
      drafts.drop(textKey)
      setPhotos([])
      onChanged()
    }
  }
  const reply = async (ratingId: string) => {
    const key = `rating:${ratingId}`
    const out = await calls.run(key, replyToRating, { ratingId, text: drafts.get(key).trim() }, { done: '回复已公开' })
    if (out) {
      drafts.drop(key)
      onChanged()
    }
  }
  const callback = async () => {
    const key = `callback:${r.id}`
    if (!outcome) return calls.fail(key, '请选择回访结果')
    const out = await calls.run(key, recordCallback, { resolutionId: r.id, outcome, note: drafts.get(key).trim() }, { done: '回访已记录' })
    if (out) {
      drafts.drop(key)
      setOutcome(null)
      onChanged()
    }
  }

  return (
    <View className='topic__item' data-resolution-id={r.id}>
      <Text className='topic__item-title'>{r.title}</Text>
      <Text className='muted'>{`表决：赞成 ${r.vote.for} · 反对 ${r.vote.against} · 弃权 ${r.vote.abstain} · ${r.passed ? '通过' : '未通过'}`}</Text>
      <Text>{`承办人：${r.assigneeName} · ${r.statusLabel}`}</Text>
      <Deadline label='办理期限' at={r.dueAt} settled={settled} />
      <Deadline label='下次公示期限' at={r.disclosureDueAt} settled={settled} late={r.status === 'overdue'} />
      {r.status === 'overdue' ? <Text className='sf-overdue'>{`逾期未公示办理情况${r.disclosureDueAt && lateBy(r.disclosureDueAt) ? `：办理情况公示逾期 ${lateBy(r.disclosureDueAt)}` : ''}`}</Text> : null}
      {r.disclosures.map((d, i) => (
        <View key={`${d.at}-${i}`} className='topic__quote topic__quote--lines'>
          <Text className={d.onTime ? 'muted' : 'sf-overdue'}>{`${d.final ? '办理结果' : '办理情况'} · ${fmtTime(d.at)} · ${d.onTime ? '按时' : '逾期'}公示`}</Text>
          <Text>{d.text}</Text>
          <Photos ids={d.photos} pending={d.pendingPhotos} />
          <PhotoReview pendingIds={d.pendingPhotoIds} calls={calls} onChanged={onChanged} />
        </View>
      ))}
      {can('publishProgress') || can('publishResult') ? (
        <View className='topic__form'>
          <Field multiline label='办理情况 / 结果说明' value={drafts.get(textKey)} max={1000} onChange={(v) => drafts.set(textKey, v)} />
          <PhotoPicker value={photos} onChange={setPhotos} folder={`resolutions/${r.id}`} disabled={calls.busy !== null} />
          <ErrorText message={calls.errorOf(textKey)} />
          <View className='sf-buttons'>
            {can('publishProgress') ? <ActionButton action='publishProgress' text={label('publishProgress')} calls={calls} busyKey={textKey} onClick={() => void disclose(false)} /> : null}
            {can('publishResult') ? <ActionButton action='publishResult' primary text={label('publishResult')} calls={calls} busyKey={textKey} onClick={() => void disclose(true)} /> : null}
          </View>
        </View>
      ) : null}
      <Taking item={r} calls={calls} onChanged={onChanged} />
      {r.ratingCount ? <Text className='muted'>{`满意度 ${r.averageRating ?? '-'} 分（${r.ratingCount} 人评价）`}</Text> : null}
      {r.ratings.map((x) => {
        const key = `rating:${x.id}`
        return (
          <View key={x.id} className='topic__quote topic__quote--lines' data-rating-id={x.id}>
            <View className='row'>
              <StarsView stars={x.stars} />
              <Text>{` ${x.raterName} · ${fmtTime(x.at)}`}</Text>
            </View>
            {x.comment ? <Text>{x.comment}</Text> : null}
            {x.reply ? <Text className='topic__answer'>{`回复：${x.reply.text}`}</Text> : <Deadline label='差评回复期限' at={x.replyDueAt} />}
            {!x.reply && x.allowedActions.includes('replyToRating') ? (
              <View className='topic__form'>
                <Field multiline label='公开回复与整改' value={drafts.get(key)} max={500} onChange={(v) => drafts.set(key, v)} />
                <ErrorText message={calls.errorOf(key)} />
                <ActionButton action='replyToRating' primary text={label('replyToRating')} calls={calls} busyKey={key} onClick={() => void reply(x.id)} />
              </View>
            ) : null}
          </View>
        )
      })}
      {(r.callbacks ?? []).map((c) => (
        <Text key={c.month} className='muted'>{`${c.month} 回访：${c.outcome === 'fixed' ? '已解决' : '未解决'} · ${c.note}`}</Text>
      ))}
      {can('recordCallback') ? (
        <View className='topic__form'>
          <ChipGroup
            label='回访结果'
            options={[
              { value: 'fixed', label: '已解决' },
              { value: 'not_fixed', label: '未解决（重新办理）' },
            ]}
            value={outcome}
            onChange={setOutcome}
          />
          <Field multiline label='回访记录' value={drafts.get(`callback:${r.id}`)} max={500} onChange={(v) => drafts.set(`callback:${r.id}`, v)} />
          <ErrorText message={calls.errorOf(`callback:${r.id}`)} />
          <ActionButton action='recordCallback' text={label('recordCallback')} calls={calls} busyKey={`callback:${r.id}`} onClick={() => void callback()} />
        </View>
      ) : null}
    </View>
  )
}

function Background({ t, calls, onChanged }: { t: Topic; calls: Calls; onChanged: () => void }) {
  return (
    <View className='sf-section'>
      <Text className='sf-section__title'>议题说明</Text>
      <Text className='topic__quote'>{t.description}</Text>
      {t.invitees.length ? <Text className='muted'>{`受邀：${t.invitees.join('、')}`}</Text> : null}
      {t.reports.length ? <Text className='sf-section__title'>{`关联诉求（${t.reports.length}）`}</Text> : null}
      {t.reports.map((x) => (
        <View key={x.id} className='topic__item'>
          <Text>{x.text}</Text>
          <Text className='muted'>{fmtTime(x.submittedAt)}</Text>
          <Photos ids={x.photos} pending={x.pendingPhotos} />
          <PhotoReview pendingIds={x.pendingPhotoIds} calls={calls} onChanged={onChanged} />
        </View>
      ))}
      {t.opinions.length ? <Text className='sf-section__title'>{`居民意见（${t.opinions.length}）`}</Text> : null}
      {t.opinions.map((o, i) => (
        <Text key={`${o.at}-${i}`} className='topic__quote'>{`${o.authorName}：${o.text}`}</Text>
      ))}
      {t.timeline.length ? <Text className='sf-section__title'>进程记录</Text> : null}
      {t.timeline.map((e, i) => (
        <Text key={`${e.at}-${i}`} className='muted'>{`${fmtTime(e.at)} ${e.summary}`}</Text>
      ))}
    </View>
  )
}
