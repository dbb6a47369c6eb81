import { useEffect, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import { callAction } from '../../api/call'
import type { OutputOf } from '../../contracts/action'
import type { Category, GeoPoint } from '../../domain/model'
import { categoryText, useCategories } from '../../ui/categories'
import { meTooReport, submitReport } from '../../ui/actions'
import { askSubscription } from '../../ui/subscribe'
import { SUBSCRIBE_AT } from '../../contracts/messages'
import { clearDraft, isBlank, loadDraft, newDraft, saveDraft, type ReportDraft } from '../../ui/draft'
import { newRequestId } from '../../ui/request-id'
import { choosePhotos, compressPhoto, uploadPhoto, UploadUnavailable, type LocalPhoto } from '../../ui/photo'
import { ensurePrivacyConsent, PRIVACY_PURPOSES } from '../../ui/privacy'
import { pickPlace } from './locate'
import { fmtShort, fmtTime } from '../../ui/format'
import { go, ROUTES } from '../../ui/nav'
import Page from '../../components/Page'
import Btn from '../../components/Btn'
import Chips from '../../components/Chips'
import Field from '../../components/Field'
import { Say } from '../../components/Status'
import './index.css'

type Result = OutputOf<typeof submitReport>
type DraftPhoto = LocalPhoto & { key: string }
type Phase =
  | { kind: 'editing' }
  | { kind: 'sending'; step: string }
  | { kind: 'failed'; code: string; message: string; retryable: boolean }
  | { kind: 'done'; result: Result; photosSkipped: boolean }

const MAX_PHOTOS = 9

function isCancel(err: unknown): boolean {
  const msg = String((err as { errMsg?: string })?.errMsg ?? err)
  return /cancel|abort/i.test(msg)
}

/**
 * 随手拍: a photo (camera or album, shrunk on the device), an optional place, a category and one line of text.
 * The draft lives in storage until the server has it; its clientRequestId is sent with every attempt, so a retry
 * after a lost answer never makes a second report.
 */
export default function ReportPage() {
  const [initial] = useState(() => loadDraft())
  const [draft, setDraft] = useState<ReportDraft>(() => initial ?? newDraft())
  const [restored, setRestored] = useState(() => !!initial && !isBlank(initial))
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' })
  const [note, setNote] = useState<string | null>(null)
  const [picking, setPicking] = useState(false)
  // The caller's community's open categories (a community adds, renames and retires its own).
  const categories = useCategories()

  // Keep the draft on the device while it is being written or retried; a success clears it.
  useEffect(() => {
    if (phase.kind !== 'done') saveDraft(draft)
  }, [draft, phase.kind])

  const edit = (patch: Partial<ReportDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    if (phase.kind === 'failed' && !phase.retryable) setPhase({ kind: 'editing' })
  }

  const pick = async (source: 'camera' | 'album') => {
    setNote(null)
    if (!(await ensurePrivacyConsent())) return setNote('需要同意隐私保护指引后才能使用相机或相册')
    let files: { path: string; bytes: number }[]
    try {
      files = await choosePhotos(source, MAX_PHOTOS - draft.photos.length)
    } catch (err) {
      if (!isCancel(err)) setNote('没有取到照片，请再试一次')
      return
    }
    setPicking(true)
    const added: DraftPhoto[] = []
    for (const f of files) {
      const key = newRequestId().slice(-10)
      try {
        added.push({ ...(await compressPhoto(f)), key })
      } catch {
        added.push({ path: f.path, bytes: f.bytes, width: 0, height: 0, key })
      }
    }
    setPicking(false)
    setDraft((d) => ({ ...d, photos: [...d.photos, ...added].slice(0, MAX_PHOTOS) }))
  }

  const locate = async () => {
    setNote(null)
    if (!(await ensurePrivacyConsent())) return setNote('需要同意隐私保护指引后才能获取位置')
    try {
      // weapp: chooseLocation (GCJ-02, named); H5: the browser's WGS-84 converted to GCJ-02 (locate.ts / locate.weapp.ts).
      const location: GeoPoint = await pickPlace()
      edit({ location })
    } catch (err) {
      if (!isCancel(err)) setNote('没有取到位置。位置是选填的，可以直接提交。')
    }
  }

  const submit = async () => {
    setNote(null)
    setRestored(false)
    const text = draft.text.trim()
    if (!draft.category) return setPhase({ kind: 'failed', code: 'LOCAL', message: '请选择问题分类', retryable: false })
    if (!text) return setPhase({ kind: 'failed', code: 'LOCAL', message: '请用一句话说明问题', retryable: false })
    // Inside the tap, before anything else waits: ask to be told of this report's status changes.
    await askSubscription(SUBSCRIBE_AT.report)

    // 1. Photos not yet uploaded (an earlier attempt may have uploaded some: their fileIDs are in the draft).
    let current = draft
    let photosSkipped = false
    const fileIDs: string[] = []
    for (const [i, photo] of (current.photos as DraftPhoto[]).entries()) {
      if (photo.fileID) {
        fileIDs.push(photo.fileID)
        continue
      }
      setPhase({ kind: 'sending', step: `正在上传照片 ${i + 1}/${current.photos.length}…` })
      try {
        const fileID = await uploadPhoto(photo, `reports/${current.clientRequestId}-${photo.key ?? i}.jpg`)
        fileIDs.push(fileID)
        current = { ...current, photos: current.photos.map((p, j) => (j === i ? { ...p, fileID } : p)) }
        setDraft(current)
      } catch (err) {
        if (err instanceof UploadUnavailable) {
          photosSkipped = true
          break
        }
        return setPhase({ kind: 'failed', code: 'UPLOAD', message: `照片上传失败（${String((err as Error)?.message ?? err)}）`, retryable: true })
      }
    }

    // 2. The report, with the draft's one request id.
    setPhase({ kind: 'sending', step: '正在提交…' })
    const outcome = await callAction(submitReport, {
      clientRequestId: current.clientRequestId,
      text,
      category: draft.category as Category,
      photos: photosSkipped ? [] : fileIDs,
      location: current.location,
    })
    if (outcome.ok) {
      clearDraft()
      return setPhase({ kind: 'done', result: outcome.data, photosSkipped })
    }
    const retryable = outcome.error.code === 'INTERNAL'
    setPhase({ kind: 'failed', code: outcome.error.code, message: outcome.error.message, retryable })
  }

  const again = () => {
    const fresh = newDraft()
    setDraft(fresh)
    setPhase({ kind: 'editing' })
  }

  if (phase.kind === 'done') return <Done result={phase.result} photosSkipped={phase.photosSkipped} onAgain={again} />

  const sending = phase.kind === 'sending'
  return (
    <Page className='report' label='随手拍'>
      <Text className='title'>随手拍</Text>
      <Text className='muted intro'>拍下身边的问题，说一句话，网格员会尽快处理；需要大家商量的，会纳入议题面对面议事。</Text>
      {restored && <Say ok text='已恢复上次未提交的草稿' className='report__restored' />}

      <View className='card'>
        <Text className='section-title'>照片（选填，最多 9 张）</Text>
        <View className='photos'>
          {draft.photos.map((p, i) => (
            <View key={(p as DraftPhoto).key ?? p.path} className='report__photo'>
              <Image className='photos__img' src={p.path} mode='aspectFill' aria-label={`照片 ${i + 1}`} />
              <Btn small kind='ghost' label={`删除照片 ${i + 1}`} onTap={() => edit({ photos: draft.photos.filter((_, j) => j !== i) })}>
                ✕
              </Btn>
            </View>
          ))}
        </View>
        {draft.photos.length < MAX_PHOTOS && (
          <View className='row'>
            <Btn small busy={picking} label='拍照' onTap={() => void pick('camera')}>
              拍照
            </Btn>
            <Btn small busy={picking} label='从相册选择' onTap={() => void pick('album')}>
              相册
            </Btn>
          </View>
        )}
        <Text className='muted report__purpose'>{PRIVACY_PURPOSES.photo}</Text>
      </View>

      <View className='card'>
        <Text className='section-title'>位置（选填）</Text>
        {draft.location ? (
          <View className='row row--between'>
            <Text>{`位置：${draft.location.name || '已选位置'}`}</Text>
            <Btn small kind='ghost' label='移除位置' onTap={() => edit({ location: null })}>
              移除
            </Btn>
          </View>
        ) : null}
        {/* In the browser there is no map to pick a named place from: the resident names it (the staff see this name). */}
        {process.env.TARO_ENV === 'h5' && draft.location ? (
          <Field label='地点名称' name='placeName' value={draft.location.name} maxlength={100} placeholder='如：3栋门口' onChange={(name) => edit({ location: { ...draft.location!, name } })} />
        ) : null}
        {draft.location ? null : (
          <Btn small label='添加位置' onTap={() => void locate()}>
            添加位置
          </Btn>
        )}
        <Text className='muted report__purpose'>{PRIVACY_PURPOSES.location}</Text>
      </View>

      <View className='card'>
        <Text className='section-title'>问题分类</Text>
        <Chips label='问题分类' options={categories.open} value={draft.category} onChange={(category) => edit({ category })} />
        <Field
          name='text'
          label='一句话说明'
          value={draft.text}
          onChange={(text) => edit({ text })}
          maxlength={200}
          placeholder='如：3栋门口路灯坏了一周'
        />
      </View>

      {note && <Say ok={false} text={note} />}
      {phase.kind === 'failed' && <Failed phase={phase} />}
      {sending && <Say ok text={phase.step} />}

      <Btn kind='primary' busy={sending} onTap={() => void submit()}>
        {phase.kind === 'failed' && phase.retryable ? '重试提交' : '提交'}
      </Btn>
    </Page>
  )
}

function Failed({ phase }: { phase: Extract<Phase, { kind: 'failed' }> }) {
  return (
    <View className='report__failed' role='alert'>
      {phase.retryable ? (
        <Text className='error'>{`没有提交成功：${phase.message}。草稿已保存在本机，可点“重试提交”，不会重复提交。`}</Text>
      ) : (
        <Text className='error'>{phase.message}</Text>
      )}
      {phase.code === 'NOT_IN_COMMUNITY' && (
        <Btn small onTap={() => go(ROUTES.home)}>
          去加入社区
        </Btn>
      )}
    </View>
  )
}

function Done({ result, photosSkipped, onAgain }: { result: Result; photosSkipped: boolean; onAgain: () => void }) {
  const r = result.report
  return (
    <Page className='report' label='提交结果'>
      <View className='card'>
        <Text className='title ok'>✓ 已提交</Text>
        {result.duplicateRequest && <Text className='muted'>这条诉求此前已提交成功，以下是当时的记录。</Text>}
        <View className='row'>
          <Text className='tag'>{categoryText(r)}</Text>
          <Text className='tag tag--ok'>{r.statusLabel}</Text>
        </View>
        <Text className='text-block report__text'>{r.text}</Text>
        <Text className='muted'>{`提交时间：${fmtTime(r.submittedAt)}`}</Text>
        {photosSkipped && <Text className='muted'>网页版暂不能上传照片，本次未附照片。</Text>}
        <Text className='sub-title'>处理进度</Text>
        {r.timeline.map((t, i) => (
          <Text key={i} className='muted'>{`${fmtShort(t.at)}  ${t.text}`}</Text>
        ))}
      </View>

      {result.similarNearby.length > 0 && (
        <View className='card'>
          <Text className='section-title'>附近可能是同一个问题</Text>
          <Text className='muted'>已有邻居反映过相近的问题，网格员会一并处理：</Text>
          {result.similarNearby.map((s) => (
            <NearbyItem key={s.id} item={s} />
          ))}
        </View>
      )}

      <Btn kind='primary' onTap={() => go(ROUTES.myReports)}>
        查看我的诉求
      </Btn>
      <Btn onTap={onAgain}>再拍一条</Btn>
      <Btn kind='ghost' onTap={() => go(ROUTES.home)}>
        返回首页
      </Btn>
    </Page>
  )
}

/** A neighbour's report in the hint (category, status, distance band, masked summary) with 我也遇到 (+1, once). */
function NearbyItem({ item }: { item: Result['similarNearby'][number] }) {
  const [count, setCount] = useState(item.meTooCount)
  const [mine, setMine] = useState(item.meTooByMe)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const meToo = async () => {
    if (busy || mine) return
    setBusy(true)
    const outcome = await callAction(meTooReport, { reportId: item.id })
    setBusy(false)
    if (!outcome.ok) return setError(outcome.error.message)
    setCount(outcome.data.meTooCount)
    setMine(outcome.data.meTooByMe)
  }
  return (
    <View className='item'>
      <View className='row'>
        <Text className='tag'>{categoryText(item)}</Text>
        <Text className='tag'>{item.statusLabel}</Text>
      </View>
      <Text>{item.summary}</Text>
      <Text className='muted'>{`${item.distanceBand} · ${fmtShort(item.submittedAt)} · ${count} 人也遇到`}</Text>
      <Btn small kind='chip' pressed={mine} busy={busy} disabled={mine} action='meTooReport' onTap={meToo}>
        {mine ? '已+1' : '我也遇到'}
      </Btn>
      {error && <Text className='muted'>{error}</Text>}
    </View>
  )
}
