import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callAction } from '../../api/call'
import type { ReportView } from '../../contracts/reports'
import { categoryText } from '../../ui/categories'
import { confirmResult, getItem, getReport, listMyReports, rateResult } from '../../ui/actions'
import type { ResolutionView } from '../../contracts/topics'
import type { Outcome } from '../../contracts/action'
import { inWords, toast } from '../../ui/feedback'
import ItemView from '../../components/ItemView'
import Field from '../../components/Field'
import { StarsInput } from '../../components/Stars'
import { Say } from '../../components/Status'
import { fmtDate, fmtShort, fmtStars, fmtTime } from '../../ui/format'
import { go, ROUTES } from '../../ui/nav'
import { useRemote } from '../../ui/use-remote'
import Page from '../../components/Page'
import Btn from '../../components/Btn'
import Photos from '../../components/Photos'
import { Empty, Failure, Loading } from '../../components/Status'
import './index.css'

/** A status's look: done-like states green, waiting amber, in a topic red (the community's colour). */
const STATUS_TAG: Record<string, string> = {
  heldForReview: 'tag--warn',
  submitted: 'tag--warn',
  replied: 'tag--ok',
  handling: 'tag--ok',
  transferred: 'tag--ok',
  inTopic: 'tag--red',
}

/**
 * 我的诉求: what I reported, its status, the live status of its matter (the topic's step, meeting, notice deadline,
 * result, rating, callback; or the triage and its department) and the timeline of each. Opened with `?id=` (a
 * message's page) it shows that report alone, with a way to all of them.
 */
export default function MyReports() {
  const params = Taro.getCurrentInstance?.()?.router?.params as Record<string, string | undefined> | undefined
  const id = params?.id
  const { state, reload } = useRemote(async () => {
    if (!id) return callAction(listMyReports, { limit: 50 })
    const one = await callAction(getReport, { reportId: id })
    return one.ok ? { ok: true as const, data: { reports: [one.data.report] } } : one
  })
  return (
    <Page className='my-reports' label='我的诉求'>
      <Text className='title'>我的诉求</Text>
      {id && (
        <Btn small kind='ghost' onTap={() => go(ROUTES.myReports)}>
          查看全部诉求 ›
        </Btn>
      )}
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <Failure message={state.message} onRetry={() => void reload()} />}
      {state.kind === 'ready' &&
        (state.data.reports.length === 0 ? (
          <View className='card'>
            <Empty text='还没有反映过问题' />
            <Btn kind='primary' onTap={() => go(ROUTES.report)}>
              去随手拍
            </Btn>
          </View>
        ) : (
          state.data.reports.map((r) => <ReportCard key={r.id} report={r} />)
        ))}
    </Page>
  )
}

function ReportCard({ report: r }: { report: ReportView }) {
  return (
    <View className='card my-report'>
      <View className='row row--between'>
        <Text className='tag'>{categoryText(r)}</Text>
        <Text className={`tag ${STATUS_TAG[r.status] ?? ''}`}>{r.statusLabel}</Text>
      </View>
      <Text className='text-block my-report__text'>{r.text}</Text>
      <Text className='muted'>{`提交于 ${fmtTime(r.submittedAt)}${r.location?.name ? ` · ${r.location.name}` : ''}`}</Text>
      <Photos ids={r.photos} pending={r.pendingPhotos} />
      {r.duplicateOf ? <Text className='muted'>已与同一问题的另一条诉求合并处理，以下为其进展</Text> : null}
      {r.meTooCount ? <Text className='muted'>{`${r.meTooCount} 位邻居也遇到了这个问题`}</Text> : null}
      {r.triage && (
        <View className='my-report__triage'>
          <Text>{`${r.triage.label}${r.triage.department ? `（${r.triage.department}）` : ''}：${r.triage.note}`}</Text>
          <Text className='muted'>{`处理人：${r.triage.byName}`}</Text>
          {r.triage.topicId && (
            <Btn small kind='ghost' onTap={() => go(ROUTES.topic(r.triage!.topicId!))}>
              查看议题 ›
            </Btn>
          )}
        </View>
      )}
      {r.matter && !r.resolutionId && <Matter matter={r.matter} />}
      {r.resolutionId ? <ItemPanel resolutionId={r.resolutionId} /> : null}
      <View className='timeline' aria-label='处理时间线'>
        {r.timeline.map((t, i) => (
          <View key={i} className='timeline__item'>
            <Text className='timeline__at muted'>{fmtShort(t.at)}</Text>
            <Text className='timeline__text'>{t.text}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

/**
 * The 三单 item a report became (受理自办 / 转交办理): its disclosures and result, and — once the result is out — the
 * reporter's 已解决 / 未解决 and rating, shown exactly as the item's allowedActions permit.
 */
function ItemPanel({ resolutionId }: { resolutionId: string }) {
  const { state, setData } = useRemote(() => callAction(getItem, { resolutionId }), [resolutionId])
  const [busy, setBusy] = useState<string | null>(null)
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null)
  const [stars, setStars] = useState(0)
  const [comment, setComment] = useState('')
  if (state.kind !== 'ready') return state.kind === 'error' ? <Failure message={state.message} /> : null
  const item: ResolutionView = state.data.resolution
  const act = async (key: string, call: () => Promise<Outcome<{ resolution: ResolutionView }, string>>, done: string) => {
    setBusy(key)
    setMsg(null)
    const o = await call()
    setBusy(null)
    if (!o.ok) return setMsg({ ok: false, text: inWords(o.error.message) })
    setData({ resolution: o.data.resolution })
    setMsg({ ok: true, text: done })
    toast(done)
  }
  const may = (action: string) => item.allowedActions.includes(action)
  return (
    <View className='my-report__item'>
      <ItemView item={item} />
      {may('confirmResult') ? (
        <View className='row'>
          <Btn small kind='primary' busy={busy === 'solved'} disabled={!!busy} onTap={() => void act('solved', () => callAction(confirmResult, { resolutionId, solved: true }), '已确认解决，谢谢！')}>
            已解决
          </Btn>
          <Btn small busy={busy === 'unsolved'} disabled={!!busy} onTap={() => void act('unsolved', () => callAction(confirmResult, { resolutionId, solved: false }), '已反馈未解决，将重新办理')}>
            未解决
          </Btn>
        </View>
      ) : null}
      {may('rateResult') ? (
        <View className='resolution__rate'>
          <Text className='sub-title'>{item.myRating ? `我的评价：${item.myRating} 星（可修改）` : '为办理结果打分'}</Text>
          <StarsInput value={stars || item.myRating || 0} onChange={setStars} />
          <Field name='ratingComment' label='评价说明（选填）' value={comment} onChange={setComment} maxlength={300} />
          <Btn
            small
            kind='primary'
            busy={busy === 'rate'}
            disabled={!!busy || !(stars || item.myRating)}
            onTap={() => void act('rate', () => callAction(rateResult, { resolutionId, stars: stars || item.myRating!, comment: comment.trim() }), '评价已提交，谢谢！')}
          >
            提交评价
          </Btn>
        </View>
      ) : null}
      {msg ? <Say ok={msg.ok} text={msg.text} /> : null}
    </View>
  )
}

/** The matter's live status: the topic it joined, step by step; or its triage (三单 handling shows here later). */
function Matter({ matter: m }: { matter: NonNullable<ReportView['matter']> }) {
  const t = m.topic
  if (!t) {
    if (m.kind !== 'handle' && m.kind !== 'transfer') return null
    return (
      <View className='my-report__matter' aria-label='办理进度'>
        <Text className='section-title'>{m.kind === 'transfer' ? `转交办理：${m.department ?? '相关部门'}` : '社区受理自办'}</Text>
        <Text className='muted'>办理进度会在这里更新</Text>
      </View>
    )
  }
  return (
    <View className='my-report__matter' aria-label='议题进度'>
      <View className='row row--between'>
        <Text className='section-title'>{`议题：${t.title}`}</Text>
        <Text className='tag tag--red'>{t.stageLabel}</Text>
      </View>
      <Text className='muted'>{`议事：${fmtTime(t.meetingAt)} · ${t.meetingPlace}${t.heldAt ? '（已召开）' : ''}`}</Text>
      {t.noticeClosesAt && <Text className='muted'>{`拟办意见公告：异议截止 ${fmtDate(t.noticeClosesAt)}`}</Text>}
      {t.items.map((item, i) => (
        <View key={i} className='stack'>
          <Text>{`${item.title}：${item.statusLabel}${item.resultPublishedAt ? `（结果公示于 ${fmtDate(item.resultPublishedAt)}）` : ''}`}</Text>
          {item.ratingCount > 0 && <Text className='muted'>{`居民评价：${fmtStars(item.averageRating)}（${item.ratingCount} 人）`}</Text>}
          {(item.callbacks ?? []).map((c) => (
            <Text key={c.month} className='muted'>{`回访：${c.outcome === 'fixed' ? '已解决' : '未解决'} · ${c.note}（${c.month}）`}</Text>
          ))}
        </View>
      ))}
      <Btn small kind='ghost' onTap={() => go(ROUTES.topic(t.id))}>
        查看议题 ›
      </Btn>
    </View>
  )
}
