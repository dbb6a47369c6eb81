import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Page from '../../components/Page'
import Btn from '../../components/Btn'
import Field from '../../components/Field'
import ChipGroup from '../../components/ChipGroup'
import ErrorText from '../../components/ErrorText'
import { callAction } from '../../api/call'
import { getCommunitySettings, updateCommunitySettings } from '../../contracts/account'
import type { InputOf, OutputOf } from '../../contracts/action'
import { useCalls } from '../../ui/calls'
import { useMe } from '../../ui/me'
import './index.css'

type View_ = OutputOf<typeof getCommunitySettings>
type Settings = View_['settings']
/** A row of the category editor: an existing id, or none for a category added here. */
type Row = { key: string; id?: string; label: string; retired: boolean }

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']
const NTH = ['1', '2', '3', '4'] as const

const rowsOf = (v: View_): Row[] => v.categories.map((c) => ({ key: c.id, id: c.id, label: c.label, retired: c.retired }))

/**
 * 社区设置: community staff edit their community's categories (rename, reorder, add, stop using — an existing
 * category is never deleted, old reports keep it) and its deadlines. What is not changed follows the defaults.
 */
export default function StaffSettings() {
  const { me, error: meError } = useMe()
  const calls = useCalls()
  const [view, setView] = useState<View_ | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [rows, setRows] = useState<Row[]>([])
  const [form, setForm] = useState<Record<'objectionWindowDays' | 'disclosurePeriodDays' | 'lowRatingReplyDays' | 'quorumPercent' | 'time', string>>({
    objectionWindowDays: '', disclosurePeriodDays: '', lowRatingReplyDays: '', quorumPercent: '', time: '',
  })
  const [nth, setNth] = useState<string | null>(null)
  const [weekday, setWeekday] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const [added, setAdded] = useState(0)

  const show = (v: View_) => {
    setView(v)
    setRows(rowsOf(v))
    const s = v.settings
    setForm({
      objectionWindowDays: String(s.objectionWindowDays),
      disclosurePeriodDays: String(s.disclosurePeriodDays),
      lowRatingReplyDays: String(s.lowRatingReplyDays),
      quorumPercent: String(Math.round(s.quorumRatio * 100)),
      time: s.deliberationDay.time,
    })
    setNth(String(s.deliberationDay.nth))
    setWeekday(String(s.deliberationDay.weekday))
  }

  useEffect(() => {
    // Only community staff edit settings: others get the notice below and nothing is loaded.
    if (!me || me.role !== 'community_staff') return
    let live = true
    void callAction(getCommunitySettings, {}).then((o) => {
      if (!live) return
      if (o.ok) show(o.data)
      else setLoadError(`设置加载失败：${o.error.message}`)
    })
    return () => {
      live = false
    }
  }, [me])

  const editRow = (key: string, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)))
  const move = (i: number, by: -1 | 1) =>
    setRows((rs) => {
      const j = i + by
      if (j < 0 || j >= rs.length) return rs
      const next = [...rs]
      ;[next[i], next[j]] = [next[j]!, next[i]!]
      return next
    })
  const addRow = () => {
    setAdded((n) => n + 1)
    setRows((rs) => [...rs, { key: `new-${added}`, label: '', retired: false }])
  }

  const save = async () => {
    if (!view) return
    setSaved(false)
    const num = (s: string) => (s.trim() === '' ? NaN : Number(s))
    const settings: Settings = {
      deliberationDay: { nth: Number(nth), weekday: Number(weekday), time: form.time.trim() },
      objectionWindowDays: num(form.objectionWindowDays),
      disclosurePeriodDays: num(form.disclosurePeriodDays),
      lowRatingReplyDays: num(form.lowRatingReplyDays),
      quorumRatio: num(form.quorumPercent) / 100,
    }
    const input: InputOf<typeof updateCommunitySettings> = {
      settings,
      categories: rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), label: r.label.trim(), ...(r.retired ? { retired: true } : {}) })),
    }
    const out = await calls.run('save', updateCommunitySettings, input)
    if (out) {
      show(out)
      setSaved(true)
    }
  }

  const isStaff = me?.role === 'community_staff'
  return (
    <Page label='社区设置'>
      {meError ? <ErrorText message={meError} /> : null}
      {!me && !meError ? <Text className='muted'>正在确认身份…</Text> : null}
      {me && !isStaff ? <Text className='muted'>只有社区工作人员可以修改社区设置</Text> : null}
      <ErrorText message={loadError} />
      {isStaff && view ? (
        <>
          <View className='sf-section'>
            <Text className='sf-section__title'>{`${view.communityName} · 诉求与议题分类`}</Text>
            <Text className='muted'>已有分类不能删除（历史诉求仍使用它），可以改名、调整顺序或停用。</Text>
            {rows.map((r, i) => (
              <View key={r.key} className={`settings__category ${r.retired ? 'settings__category--retired' : ''}`}>
                <Field label={`分类 ${i + 1}`} value={r.label} max={10} onChange={(label) => editRow(r.key, { label })} />
                <Btn small label={`上移 ${r.label}`} disabled={i === 0} onTap={() => move(i, -1)}>
                  ↑
                </Btn>
                <Btn small label={`下移 ${r.label}`} disabled={i === rows.length - 1} onTap={() => move(i, 1)}>
                  ↓
                </Btn>
                <Btn small label={`${r.retired ? '恢复' : '停用'} ${r.label}`} onTap={() => editRow(r.key, { retired: !r.retired })}>
                  {r.retired ? '恢复' : '停用'}
                </Btn>
              </View>
            ))}
            <Btn small onTap={addRow}>
              添加分类
            </Btn>
          </View>
          <View className='sf-section'>
            <Text className='sf-section__title'>议事日与期限</Text>
            <ChipGroup label='议事日：每月第几周' options={NTH.map((n) => ({ value: n, label: `第${n}周` }))} value={nth} onChange={setNth} />
            <ChipGroup label='议事日：星期' options={WEEKDAYS.map((d, i) => ({ value: String(i), label: `周${d}` }))} value={weekday} onChange={setWeekday} />
            <Field label='议事时间（HH:MM）' value={form.time} max={5} onChange={(time) => setForm((f) => ({ ...f, time }))} />
            <Field label='异议期（天）' type='number' value={form.objectionWindowDays} maxlength={2} onChange={(v) => setForm((f) => ({ ...f, objectionWindowDays: v }))} />
            <Field label='办理情况公示周期（天）' type='number' value={form.disclosurePeriodDays} maxlength={2} onChange={(v) => setForm((f) => ({ ...f, disclosurePeriodDays: v }))} />
            <Field label='差评公开回复期限（天）' type='number' value={form.lowRatingReplyDays} maxlength={2} onChange={(v) => setForm((f) => ({ ...f, lowRatingReplyDays: v }))} />
            <Field label='法定到会比例（%）' type='number' value={form.quorumPercent} maxlength={3} onChange={(v) => setForm((f) => ({ ...f, quorumPercent: v }))} />
            <Text className='muted'>
              {view.overridden.length ? `本社区已自定：${view.overridden.length} 项；其余使用默认值。` : '目前全部使用默认值。'}
            </Text>
          </View>
          <ErrorText message={calls.errorOf('save')} />
          {saved ? <Text className='muted'>已保存，修改已记入历史。</Text> : null}
          <Btn kind='primary' busy={calls.busy === 'save'} disabled={calls.busy !== null} onTap={() => void save()}>
            保存设置
          </Btn>
        </>
      ) : null}
    </Page>
  )
}
