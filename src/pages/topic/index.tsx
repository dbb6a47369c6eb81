import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callAction } from '../../api/call'
import type { Outcome } from '../../contracts/action'
import type { ResolutionView, TopicDetailView } from '../../contracts/topics'
import { DELIBERATION_STEP_LABELS, FOUR_DELIBERATIONS } from '../../domain/model'
import { categoryText } from '../../ui/categories'
import { RESIDENT_ACTION_LABELS } from '../../domain/resident-actions'
import { fileObjection, followTopic, getTopic, joinTopic, postOpinion, rateResult, supportTopic, withdrawJoin } from '../../ui/actions'
import { askSubscription } from '../../ui/subscribe'
import { SUBSCRIBE_AT } from '../../contracts/messages'
import { fmtDate, fmtShort, fmtStars, fmtTime, overdueBy } from '../../ui/format'
import { go, ROUTES } from '../../ui/nav'
import { inWords, toast } from '../../ui/feedback'
import { useRemote } from '../../ui/use-remote'
import { shareMessage, shareTimeline } from '../../ui/share'
import Page from '../../components/Page'
import Btn from '../../components/Btn'
import Field from '../../components/Field'
import FlowSteps from '../../components/FlowSteps'
import Photos from '../../components/Photos'
import Disclosures, { disclosureDueText } from '../../components/Disclosures'
import { StarsInput, StarsView } from '../../components/Stars'
import { Empty, Failure, Loading, Say } from '../../components/Status'
import './index.css'

type Topic = TopicDetailView
/** The topic actions a resident takes on this page; anything else in allowedActions is staff work (工作台). */
const RESIDENT_TOPIC_ACTIONS = ['joinTopic', 'followTopic', 'supportTopic', 'postOpinion', 'fileObjection', 'withdrawJoin'] as const
type Msg = { ok: boolean; text: string } | null

function topicIdFromRoute(): string | undefined {
  const params = Taro.getCurrentInstance?.()?.router?.params as Record<string, string | undefined> | undefined
  // Opened from a chat card: ?id=…; scanned from a notice poster's mini-program code: ?scene=… (the topic id).
  const id = params?.id ?? params?.scene
  return id ? decodeURIComponent(id) : undefined
}

/**
 * One topic, in public: the four steps, the meeting, the linked reports, the deliberation record, the proposal notice
 * with objections and answers, the decided items with assignee, due date, disclosures, result and ratings, and the
 * timeline. Buttons appear only for actions the server listed in allowedActions.
 */
export default function TopicPage() {
  const [id] = useState(topicIdFromRoute)
  const { state, reload, setData } = useRemote(
    () =>
      id
        ? callAction(getTopic, { topicId: id })
        : Promise.resolve<Outcome<{ topic: Topic }>>({ ok: false, error: { code: 'NOT_FOUND', message: '缺少议题编号' } }),
    [id],
  )
  const [busy, setBusy] = useState<string | null>(null)
  const [msg, setMsg] = useState<Msg>(null)
  // Shared to a chat or 朋友圈 (a public page: any resident of the community may read it), the card opens this topic.
  const loaded = state.kind === 'ready' ? state.data.topic : null
  Taro.useShareAppMessage?.(() => shareMessage(loaded, id))
  Taro.useShareTimeline?.(() => shareTimeline(loaded, id))

  if (state.kind === 'loading') return <Page label='议题详情'><Loading /></Page>
  if (state.kind === 'error') return <Page label='议题详情'><Failure message={state.message} onRetry={() => void reload()} /></Page>
  const topic = state.data.topic

  /** Runs one action; a success replaces the topic with the fresh copy the server answered. */
  const run = async (key: string, call: () => Promise<Outcome<{ topic: Topic }>>, done: string): Promise<boolean> => {
    setBusy(key)
    setMsg(null)
    const o = await call()
    setBusy(null)
    if (o.ok) {
      setData(o.data)
      setMsg({ ok: true, text: done })
      // Said where the person is too: the inline message sits under the topic's buttons, above the forms.
      toast(done)
      return true
    }
    setMsg({ ok: false, text: inWords(o.error.message) })
    return false
  }
  const rate = async (r: ResolutionView, stars: number, comment: string): Promise<boolean> => {
    await askSubscription(SUBSCRIBE_AT.rating)
    setBusy(`rate:${r.id}`)
    setMsg(null)
    const o = await callAction(rateResult, { resolutionId: r.id, stars, comment })
    setBusy(null)
    if (!o.ok) {
      setMsg({ ok: false, text: inWords(o.error.message) })
      return false
    }
    setData({ topic: { ...topic, resolutions: topic.resolutions.map((x) => (x.id === o.data.resolution.id ? o.data.resolution : x)) } })
    setMsg({ ok: true, text: '评价已提交，谢谢！' })
    toast('评价已提交，谢谢！')
    return true
  }

  return (
    <Page className='topic' label={`议题：${topic.title}`}>
      <Header topic={topic} />
      <Actions topic={topic} busy={busy} run={run} />
      {msg && <Say ok={msg.ok} text={msg.text} className='topic__msg' />}
      <Meeting topic={topic} />
      <Opinions topic={topic} busy={busy} run={run} />
      <Record topic={topic} />
      <Notice topic={topic} busy={busy} run={run} />
      <Resolutions topic={topic} busy={busy} rate={rate} />
      <Timeline topic={topic} />
    </Page>
  )
}

type Run = (key: string, call: () => Promise<Outcome<{ topic: Topic }>>, done: string) => Promise<boolean>

function allowed(topic: Topic, action: string): boolean {
  return topic.allowedActions.includes(action)
}

function Header({ topic }: { topic: Topic }) {
  const c = topic.counts
  return (
    <View className='card'>
      <View className='row row--between'>
        <Text className='tag'>{categoryText(topic)}</Text>
        <Text className='tag tag--red'>{topic.stageLabel}</Text>
      </View>
      <Text className='title topic__title'>{topic.title}</Text>
      <FlowSteps step={topic.flow.step} done={topic.flow.done} />
      <Text className='muted'>{`发布于 ${fmtTime(topic.publishedAt)}`}</Text>
      <Text className='muted'>{`报名 ${c.joined} · 关注 ${c.followed} · 支持 ${c.support} · 反对 ${c.oppose} · 意见 ${c.opinions} · 异议 ${c.objections}`}</Text>
    </View>
  )
}

/** The topic-wide buttons: exactly the resident actions the server allows now, plus a way to the staff pages. */
function Actions({ topic, busy, run }: { topic: Topic; busy: string | null; run: Run }) {
  const id = topic.id
  const staffWork = topic.allowedActions.some((a) => !(RESIDENT_TOPIC_ACTIONS as readonly string[]).includes(a))
  const stance = topic.me.stance
  const join = async () => {
    await askSubscription(SUBSCRIBE_AT.join)
    await run('join', () => callAction(joinTopic, { topicId: id }), '已报名，议事前会提醒你')
  }
  const follow = async () => {
    const on = !topic.me.followed
    if (on) await askSubscription(SUBSCRIBE_AT.follow)
    await run('follow', () => callAction(followTopic, { topicId: id, follow: on }), on ? '已关注，进展会通知你' : '已取消关注')
  }
  const support = (s: 'support' | 'oppose') => run(s, () => callAction(supportTopic, { topicId: id, stance: s }), s === 'support' ? '已表态支持' : '已表态反对')
  const any = allowed(topic, 'joinTopic') || allowed(topic, 'followTopic') || allowed(topic, 'supportTopic') || staffWork
  if (!any) return null
  return (
    <View className='card topic__actions'>
      <View className='row'>
        {allowed(topic, 'joinTopic') &&
          (topic.me.joined ? (
            <>
              <Btn small kind='done' disabled onTap={() => undefined}>
                ✓ 已报名
              </Btn>
              {allowed(topic, 'withdrawJoin') && (
                <Btn small kind='ghost' busy={busy === 'withdraw'} onTap={() => void run('withdraw', () => callAction(withdrawJoin, { topicId: id }), '已取消报名')}>
                  {RESIDENT_ACTION_LABELS.withdrawJoin}
                </Btn>
              )}
            </>
          ) : (
            <Btn small kind='primary' busy={busy === 'join'} onTap={() => void join()}>
              {RESIDENT_ACTION_LABELS.joinTopic}
            </Btn>
          ))}
        {allowed(topic, 'followTopic') && (
          <Btn small pressed={topic.me.followed} busy={busy === 'follow'} label={topic.me.followed ? '已关注，点按取消关注' : '关注'} onTap={() => void follow()}>
            {topic.me.followed ? '★ 已关注' : '☆ 关注'}
          </Btn>
        )}
        {allowed(topic, 'supportTopic') && (
          <>
            <Btn small kind='chip' pressed={stance === 'support'} busy={busy === 'support'} label={`支持（${topic.counts.support}）`} onTap={() => void support('support')}>
              {`支持 ${topic.counts.support}`}
            </Btn>
            <Btn small kind='chip' pressed={stance === 'oppose'} busy={busy === 'oppose'} label={`反对（${topic.counts.oppose}）`} onTap={() => void support('oppose')}>
              {`反对 ${topic.counts.oppose}`}
            </Btn>
          </>
        )}
      </View>
      {staffWork && (
        <Btn small kind='ghost' onTap={() => go(ROUTES.staffInbox)}>
          到工作台处理 ›
        </Btn>
      )}
    </View>
  )
}

function Meeting({ topic }: { topic: Topic }) {
  return (
    <View className='card'>
      <Text className='section-title'>面对面议事</Text>
      <Text>{`时间：${fmtTime(topic.meetingAt)}`}</Text>
      <Text>{`地点：${topic.meetingPlace}`}</Text>
      {topic.invitees.length > 0 && <Text className='muted'>{`邀请：${topic.invitees.join('、')}`}</Text>}
      <Text className='sub-title'>议题说明</Text>
      <Text className='text-block'>{topic.description}</Text>
      {topic.reports.length > 0 && (
        <View>
          <Text className='sub-title'>{`来自居民的诉求（${topic.reports.length}）`}</Text>
          {topic.reports.map((r) => (
            <View key={r.id} className='item'>
              <Text>{r.text}</Text>
              <Text className='muted'>{fmtShort(r.submittedAt)}</Text>
              <Photos ids={r.photos} pending={r.pendingPhotos} label='诉求照片' />
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

function Opinions({ topic, busy, run }: { topic: Topic; busy: string | null; run: Run }) {
  const [text, setText] = useState('')
  const can = allowed(topic, 'postOpinion')
  if (!can && topic.opinions.length === 0) return null
  const post = async () => {
    if (!text.trim()) return
    if (await run('opinion', () => callAction(postOpinion, { topicId: topic.id, text: text.trim() }), '意见已发表')) setText('')
  }
  return (
    <View className='card'>
      <Text className='section-title'>{`居民意见（${topic.opinions.length}）`}</Text>
      {topic.opinions.map((o, i) => (
        <View key={i} className='item'>
          <Text>{o.text}</Text>
          <Text className='muted'>{`${o.authorName} · ${fmtShort(o.at)}`}</Text>
        </View>
      ))}
      {can && (
        <View>
          <Field name='opinion' label='我的意见' value={text} onChange={setText} maxlength={300} placeholder='说说你的想法和建议' />
          <Btn small kind='primary' busy={busy === 'opinion'} disabled={!text.trim()} onTap={() => void post()}>
            {RESIDENT_ACTION_LABELS.postOpinion}
          </Btn>
        </View>
      )}
    </View>
  )
}

/** The meeting record: when, attendance and quorum, minutes, photos, and the four-deliberation record if required. */
function Record({ topic }: { topic: Topic }) {
  if (!topic.heldAt && !topic.requiresFourDeliberations) return null
  const recorded = new Map(topic.deliberations.map((d) => [d.step, d]))
  return (
    <View className='card'>
      <Text className='section-title'>议事记录</Text>
      {topic.requiresFourDeliberations && (
        <View>
          <Text className='sub-title'>“四议两公开”</Text>
          {FOUR_DELIBERATIONS.map((step, i) => {
            const d = recorded.get(step)
            const atMeeting = !d && step === 'residents_resolution' && topic.heldAt
            return (
              <View key={step} className='item'>
                <Text>{`${i + 1}. ${DELIBERATION_STEP_LABELS[step]}`}</Text>
                {d ? (
                  <Text className='muted'>{`${fmtShort(d.at)} · ${d.note}`}</Text>
                ) : atMeeting ? (
                  <Text className='muted'>{`${fmtShort(topic.heldAt)} · 面对面议事会表决`}</Text>
                ) : (
                  <Text className='muted warn'>待进行</Text>
                )}
              </View>
            )
          })}
        </View>
      )}
      {topic.heldAt ? (
        <View className='stack'>
          <Text>{`议事时间：${fmtTime(topic.heldAt)}`}</Text>
          {topic.attendance && (
            <Text>{`到会：${topic.attendance.households} 户 / 应邀 ${topic.attendance.invitedHouseholds} 户${topic.quorumMet === false ? '（未达法定人数，决议无效）' : topic.quorumMet ? '（达到法定人数）' : ''}`}</Text>
          )}
          <Text className='sub-title'>会议纪要</Text>
          <Text className='text-block'>{topic.minutes ?? ''}</Text>
          <Photos ids={topic.meetingPhotos} pending={topic.pendingMeetingPhotos} label='议事照片' />
        </View>
      ) : (
        <Text className='muted'>面对面议事尚未召开</Text>
      )}
    </View>
  )
}

/** The proposal notice (拟办意见公告), its history, the objections with answers, and the form to object. */
function Notice({ topic, busy, run }: { topic: Topic; busy: string | null; run: Run }) {
  const [text, setText] = useState('')
  const n = topic.notice
  const can = allowed(topic, 'fileObjection')
  if (!n && topic.objections.length === 0) return null
  const file = async () => {
    if (!text.trim()) return
    await askSubscription(SUBSCRIBE_AT.objection)
    if (await run('objection', () => callAction(fileObjection, { topicId: topic.id, text: text.trim() }), '异议已提交，社区会公开答复')) setText('')
  }
  const older = topic.noticeHistory.filter((h) => !n || h.revision !== n.revision)
  return (
    <View className='card'>
      <Text className='section-title'>拟办意见公告</Text>
      {n && (
        <View className='stack'>
          <Text className='text-block'>{n.text}</Text>
          <Text className='muted'>{`第 ${n.revision} 版 · 发布于 ${fmtTime(n.publishedAt)}`}</Text>
          <Text className={topic.stage === 'noticed' ? 'warn' : 'muted'}>{`异议截止：${fmtTime(n.closesAt)}${topic.stage === 'noticed' ? '（公告期内可提出异议）' : '（已截止）'}`}</Text>
          {n.reason && <Text className='muted'>{`修改原因：${n.reason}`}</Text>}
        </View>
      )}
      {older.length > 0 && (
        <View>
          <Text className='sub-title'>历史版本</Text>
          {older.map((h) => (
            <View key={h.revision} className='item'>
              <Text className='muted'>{`第 ${h.revision} 版 · ${fmtTime(h.publishedAt)}${h.reason ? ` · 修改原因：${h.reason}` : ''}`}</Text>
              <Text className='text-block'>{h.text}</Text>
            </View>
          ))}
        </View>
      )}
      <Text className='sub-title'>{`异议（${topic.objections.length}）`}</Text>
      {topic.objections.length === 0 && <Empty text='暂无异议' />}
      {topic.objections.map((o) => (
        <View key={o.id} className='item'>
          <Text>{o.text}</Text>
          <Text className='muted'>{`${o.authorName} · ${fmtShort(o.at)} · 针对第 ${o.noticeRevision} 版`}</Text>
          {o.answer ? (
            <Text className='topic__answer'>{`社区答复（${fmtShort(o.answer.at)}）：${o.answer.text}`}</Text>
          ) : (
            <Text className='warn'>待答复</Text>
          )}
        </View>
      ))}
      {can && (
        <View>
          <Field name='objection' label='我的异议' value={text} onChange={setText} maxlength={500} placeholder='对拟办意见有不同看法，请写明理由' />
          <Btn small kind='danger' busy={busy === 'objection'} disabled={!text.trim()} onTap={() => void file()}>
            {RESIDENT_ACTION_LABELS.fileObjection}
          </Btn>
        </View>
      )}
    </View>
  )
}

function Resolutions({ topic, busy, rate }: { topic: Topic; busy: string | null; rate: (r: ResolutionView, stars: number, comment: string) => Promise<boolean> }) {
  if (!topic.resolutions.length) return null
  return (
    <View className='card'>
      <Text className='section-title'>议决事项与办理</Text>
      {topic.resolutions.map((r) => (
        <Resolution key={r.id} r={r} busy={busy === `rate:${r.id}`} rate={rate} />
      ))}
    </View>
  )
}

function Resolution({ r, busy, rate }: { r: ResolutionView; busy: boolean; rate: (r: ResolutionView, stars: number, comment: string) => Promise<boolean> }) {
  const [stars, setStars] = useState(r.myRating ?? 0)
  const [comment, setComment] = useState('')
  const overdue = r.status === 'overdue'
  const handlingLate = !r.resultPublishedAt && r.status !== 'done' && r.status !== 'rejected' && !!overdueBy('办理期限', r.dueAt)
  const result = r.disclosures.find((d) => d.final)
  const submit = async () => {
    if (stars < 1) return
    if (await rate(r, stars, comment.trim())) setComment('')
  }
  return (
    <View className={`resolution ${overdue ? 'resolution--overdue' : ''}`}>
      <View className='row row--between'>
        <Text className='resolution__title'>{r.title}</Text>
        <Text className={`tag ${overdue ? 'tag--red' : r.status === 'done' ? 'tag--ok' : ''}`}>{r.statusLabel}</Text>
      </View>
      <Text className='muted'>{`表决：赞成 ${r.vote.for} · 反对 ${r.vote.against} · 弃权 ${r.vote.abstain}（${r.passed ? '通过' : '未通过'}）`}</Text>
      {r.passed && (
        <View className='stack'>
          <Text>{`承办人：${r.assigneeName}`}</Text>
          <Text className={handlingLate ? 'error' : ''}>{`办理期限：${fmtDate(r.dueAt)}${handlingLate ? `（${overdueBy('办理期限', r.dueAt)}）` : ''}`}</Text>
          {r.disclosureDueAt && !r.resultPublishedAt && (
            // A late item says which deadline it missed and by how much, e.g. 办理情况公示逾期 2 天.
            <Text className={overdue ? 'error' : 'muted'}>{disclosureDueText(r)}</Text>
          )}
        </View>
      )}
      <Disclosures disclosures={r.disclosures} />
      {result && (
        <View className='resolution__result'>
          <Text className='sub-title'>办理结果</Text>
          <View className='row'>
            <Text className={`tag ${result.onTime ? 'tag--ok' : 'tag--red'}`}>{result.onTime ? '按时' : '逾期'}</Text>
            <Text className='muted'>{`公示于 ${fmtTime(result.at)}`}</Text>
          </View>
          <Text className='text-block'>{result.text}</Text>
          <Photos ids={result.photos} pending={result.pendingPhotos} label='结果照片' />
        </View>
      )}
      {(r.callbacks ?? []).map((c) => (
        <Text key={c.month} className='muted'>{`回访（${c.month}）：${c.outcome === 'fixed' ? '已解决' : '未解决，重新办理'} · ${c.note}`}</Text>
      ))}
      {(r.resultPublishedAt || r.ratingCount > 0) && (
        <View>
          <Text className='sub-title'>{`满意度：${fmtStars(r.averageRating)}（${r.ratingCount} 人评价）`}</Text>
          {r.ratings.map((x) => (
            <View key={x.id} className='item'>
              <View className='row'>
                <StarsView stars={x.stars} />
                <Text className='muted'>{` ${x.raterName} · ${fmtShort(x.at)}`}</Text>
              </View>
              {x.comment && <Text>{x.comment}</Text>}
              {x.reply ? (
                <Text className='topic__answer'>{`社区回复：${x.reply.text}`}</Text>
              ) : x.replyDueAt ? (
                <Text className='warn'>{`待社区回复（${fmtDate(x.replyDueAt)} 前）`}</Text>
              ) : null}
            </View>
          ))}
        </View>
      )}
      {r.allowedActions.includes('rateResult') && (
        <View className='resolution__rate'>
          <Text className='sub-title'>{r.myRating ? `我的评价：${r.myRating} 星（可修改）` : '为办理结果打分'}</Text>
          <StarsInput value={stars} onChange={setStars} />
          <Field name='ratingComment' label='评价说明（选填）' value={comment} onChange={setComment} maxlength={300} />
          <Btn small kind='primary' busy={busy} disabled={stars < 1} onTap={() => void submit()}>
            提交评价
          </Btn>
        </View>
      )}
    </View>
  )
}

function Timeline({ topic }: { topic: Topic }) {
  if (!topic.timeline.length) return null
  return (
    <View className='card'>
      <Text className='section-title'>公开时间线</Text>
      <View className='timeline'>
        {topic.timeline.map((e, i) => (
          <View key={i} className='timeline__item'>
            <Text className='timeline__at muted'>{fmtTime(e.at)}</Text>
            <Text className='timeline__text'>{e.summary}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
