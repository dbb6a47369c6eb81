import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Btn from '../../components/Btn'
import Page from '../../components/Page'
import LinkRow from '../../components/LinkRow'
import { useRemote } from '../../ui/use-remote'
import { callAction } from '../../api/call'
import { clearReport, listTriageInbox, markDuplicate, triageReport, type ReportView } from '../../contracts/reports'
import { attachReport, listTopics, type TopicSummaryView } from '../../contracts/topics'
import { categoryText } from '../../ui/categories'
import { listAssignees, listDepartments, type DepartmentView } from '../../contracts/account'
import { addDays } from '../../domain/calendar'
import DateField from '../../components/DateField'
import { todayBeijing } from '../../ui/format'
import { TRIAGE_LABELS } from '../../domain/model'
import ChipGroup from '../../components/ChipGroup'
import Field from '../../components/Field'
import ErrorText from '../../components/ErrorText'
import Photos from '../../components/Photos'
import PhotoReview from '../../components/PhotoReview'
import StaffNav from '../../components/StaffNav'
import { useCalls } from '../../ui/calls'
import { useMe, mayDoHere } from '../../ui/me'
import { goTo } from '../../ui/nav'
import { fmtTime } from '../../ui/format'
import { excerpt, inWords, toast } from '../../ui/feedback'
import ReportPlaces from './places'
import './index.css'

const PAGE_SIZE = 50
type TriageKind = 'reply' | 'handle' | 'transfer'
const TRIAGE_KINDS: readonly TriageKind[] = ['reply', 'handle', 'transfer']
interface TriageForm {
  reportId: string
  kind: TriageKind
  note: string
  /** 转交办理 names a registered department, picked from account.listDepartments (there is no free-text department). */
  departmentId: string | null
  /** 受理自办 / 转交办理 (三单): the assignee picked from listAssignees, and the due date (a Beijing date). */
  assigneeOpenid: string | null
  dueDate: string
}
const newForm = (reportId: string, kind: TriageKind): TriageForm => ({ reportId, kind, note: '', departmentId: null, assigneeOpenid: null, dueDate: addDays(todayBeijing(), 7) })

/** 诉求分类: the untriaged reports of the caller's grid or community, each decided once. */
export default function StaffInbox() {
  const inbox = useRemote(() => callAction(listTriageInbox, { limit: PAGE_SIZE, offset: 0 }), [])
  const calls = useCalls()
  const { me } = useMe()
  const [form, setForm] = useState<TriageForm | null>(null)
  // 标记重复: the report being marked, and the survivor picked among the other reports listed.
  const [dup, setDup] = useState<{ reportId: string; ofReportId: string | null } | null>(null)
  const [selected, setSelected] = useState<string[]>([])
  const [more, setMore] = useState<{ busy: boolean; done: boolean }>({ busy: false, done: false })
  // The community's staff and grid workers, to name a 三单 item's assignee from (loaded once a form asks for one).
  // listAssignees answers community staff; a grid worker triaging in their grid takes the item on themselves (网格接单).
  const [assignees, setAssignees] = useState<{ openid: string; displayName: string }[] | null>(null)
  // The departments a transfer may name (county-level and the township's, open ones), loaded once a transfer asks.
  const [departments, setDepartments] = useState<{ kind: 'idle' | 'loading' | 'failed' } | { kind: 'ready'; list: DepartmentView[] }>({ kind: 'idle' })
  const needAssignees = (kind: TriageKind) => {
    if (kind === 'transfer' && (departments.kind === 'idle' || departments.kind === 'failed')) {
      setDepartments({ kind: 'loading' })
      void callAction(listDepartments, {}).then((o) => setDepartments(o.ok ? { kind: 'ready', list: o.data.departments } : { kind: 'failed' }))
    }
    if (kind === 'reply' || assignees !== null) return
    setAssignees([])
    void callAction(listAssignees, {}).then((o) => setAssignees(o.ok ? o.data.assignees : null))
  }
  const assigneeOptions = assignees?.length ? assignees : me ? [{ openid: me.openid, displayName: `${me.displayName}（本人）` }] : []

  const reports = inbox.state.kind === 'ready' ? inbox.state.data.reports : []
  const replace = (report: ReportView) => inbox.setData({ reports: reports.map((r) => (r.id === report.id ? report : r)) })

  const clear = async (r: ReportView) => {
    const out = await calls.run(`clear:${r.id}`, clearReport, { reportId: r.id })
    if (out) {
      replace(out.report)
      toast('已审核通过')
    }
  }

  const submitTriage = async () => {
    if (!form) return
    // No department picked is left out, so the contract's own rule answers: 转交办理须写明部门.
    const input = {
      reportId: form.reportId,
      kind: form.kind,
      note: form.note.trim(),
      ...(form.kind === 'transfer' && form.departmentId ? { departmentId: form.departmentId } : {}),
      // 三单 promises: a named assignee (a transfer may name only its department) and a due date.
      ...(form.kind !== 'reply' ? { dueDate: form.dueDate, ...(form.assigneeOpenid ? { assigneeOpenid: form.assigneeOpenid } : {}) } : {}),
    }
    const out = await calls.run(`triage:${form.reportId}`, triageReport, input)
    if (out) {
      replace(out.report)
      setSelected((s) => s.filter((id) => id !== form.reportId))
      setForm(null)
      toast(`已${TRIAGE_LABELS[form.kind]}`)
    }
  }

  const submitDuplicate = async () => {
    if (!dup?.ofReportId) return calls.fail(`dup:${dup?.reportId}`, '请选择与之重复的诉求')
    const out = await calls.run(`dup:${dup.reportId}`, markDuplicate, { reportId: dup.reportId, ofReportId: dup.ofReportId })
    if (out) {
      // The duplicate leaves the inbox; the survivor stays, now with its follower.
      inbox.setData({ reports: reports.filter((r) => r.id !== dup.reportId).map((r) => (r.id === out.of.id ? out.of : r)) })
      setSelected((s) => s.filter((id) => id !== dup.reportId))
      setDup(null)
      toast('已合并为重复诉求')
    }
  }

  const loadMore = async () => {
    setMore({ busy: true, done: false })
    const outcome = await callAction(listTriageInbox, { limit: PAGE_SIZE, offset: reports.length })
    if (outcome.ok) {
      const known = new Set(reports.map((r) => r.id))
      inbox.setData({ reports: [...reports, ...outcome.data.reports.filter((r) => !known.has(r.id))] })
      setMore({ busy: false, done: outcome.data.reports.length < PAGE_SIZE })
    } else {
      calls.fail('more', inWords(outcome.error.message))
      setMore({ busy: false, done: false })
    }
  }

  const selectable = (r: ReportView) => r.allowedActions.includes('triageReport') || r.allowedActions.includes('attachReport')
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]))
  const busy = calls.busy !== null

  return (
    <Page label='诉求分类'>
      <StaffNav here='inbox' />
      <ReportPlaces reports={reports} />
      {inbox.state.kind === 'loading' && <Text className='muted'>正在加载诉求…</Text>}
      {inbox.state.kind === 'error' && <ErrorText message={`诉求加载失败：${inbox.state.message}`} />}
      {inbox.state.kind === 'ready' && reports.length === 0 && <Text className='muted inbox__empty'>暂无待分类的诉求</Text>}
      {reports.map((r) => (
        <View key={r.id} className='card sf-section inbox__report' data-report-id={r.id}>
          <View className='inbox__head'>
            <Text className='inbox__tag'>{`${categoryText(r)} · ${r.statusLabel}`}</Text>
            {selectable(r) ? (
              <View
                className={`sf-chip ${selected.includes(r.id) ? 'sf-chip--on' : ''} inbox__select`}
                role='checkbox'
                aria-checked={selected.includes(r.id)}
                onClick={() => toggle(r.id)}
              >
                {selected.includes(r.id) ? '已选' : '选择'}
              </View>
            ) : null}
          </View>
          <Text className='inbox__text'>{r.text}</Text>
          <Photos ids={r.photos} pending={r.pendingPhotos} />
          <PhotoReview pendingIds={r.pendingPhotoIds} calls={calls} onChanged={() => void inbox.reload(true)} />
          <View className='inbox__meta'>
            <Text className='muted'>{`地点：${r.location?.name || '未标注位置'}`}</Text>
            <Text className='muted'>{`反映人：${r.reporterName}`}</Text>
            <Text className='muted'>{`提交时间：${fmtTime(r.submittedAt)}`}</Text>
            {r.meTooCount || r.mergedCount ? <Text className='muted inbox__metoo'>{`同一问题：${r.meTooCount ?? 0} 人也遇到，并入 ${r.mergedCount ?? 0} 条`}</Text> : null}
          </View>
          {r.triage ? (
            <Text className='sf-ok'>{`${r.triage.label}${r.triage.department ? `（${r.triage.department}）` : ''}：${r.triage.note}（${r.triage.byName}）`}</Text>
          ) : null}
          {/* One way to pick a triage action: the three buttons open the form; inside it the choice is the chips. */}
          <View className='sf-buttons'>
            {r.allowedActions.includes('clearReport') ? (
              <Btn small kind='primary' busy={calls.busy === `clear:${r.id}`} disabled={busy} onTap={() => void clear(r)}>
                审核通过
              </Btn>
            ) : null}
            {r.allowedActions.includes('triageReport') && form?.reportId !== r.id
              ? TRIAGE_KINDS.map((kind) => (
                  <Btn
                    key={kind}
                    small
                    disabled={busy}
                    onTap={() => {
                      calls.clear(`triage:${r.id}`)
                      needAssignees(kind)
                      setForm((f) => (f?.reportId === r.id ? { ...f, kind } : newForm(r.id, kind)))
                    }}
                  >
                    {TRIAGE_LABELS[kind]}
                  </Btn>
                ))
              : null}
            {r.allowedActions.includes('markDuplicate') && dup?.reportId !== r.id ? (
              <Btn small disabled={busy} onTap={() => setDup({ reportId: r.id, ofReportId: null })}>
                标记重复
              </Btn>
            ) : null}
          </View>
          <ErrorText message={calls.errorOf(`clear:${r.id}`)} />
          {dup?.reportId === r.id ? (
            <View className='sf-field inbox__dup'>
              <ChipGroup
                label='与哪条诉求重复'
                options={reports.filter((o) => o.id !== r.id).map((o) => ({ value: o.id, label: excerpt(o.text, 16) }))}
                value={dup.ofReportId}
                onChange={(ofReportId) => setDup({ ...dup, ofReportId })}
              />
              <ErrorText message={calls.errorOf(`dup:${r.id}`)} />
              <View className='sf-buttons'>
                <Btn small kind='primary' busy={calls.busy === `dup:${r.id}`} disabled={busy} onTap={() => void submitDuplicate()}>
                  确认合并
                </Btn>
                <Btn small disabled={busy} onTap={() => setDup(null)}>
                  取消
                </Btn>
              </View>
            </View>
          ) : null}
          {form?.reportId === r.id ? (
            <View className='sf-field inbox__form'>
              <ChipGroup
                label='处理方式'
                options={TRIAGE_KINDS.map((k) => ({ value: k, label: TRIAGE_LABELS[k] }))}
                value={form.kind}
                onChange={(kind) => {
                  needAssignees(kind)
                  setForm({ ...form, kind })
                }}
              />
              <Field
                multiline
                label={form.kind === 'reply' ? '回复说明（告诉居民原因）' : '处理说明'}
                value={form.note}
                max={500}
                onChange={(note) => setForm({ ...form, note })}
              />
              {form.kind === 'transfer' && departments.kind === 'ready' && departments.list.length ? (
                <ChipGroup
                  label='转交部门'
                  options={departments.list.map((d) => ({ value: d.id, label: d.name }))}
                  value={form.departmentId}
                  onChange={(departmentId) => setForm({ ...form, departmentId })}
                />
              ) : form.kind === 'transfer' ? (
                // Only a registered department can take a transfer: until the township or county registers one, say so.
                <Text className='muted inbox__no-department'>
                  {departments.kind === 'ready'
                    ? '尚无可转交的部门：请街道或县级办公室先登记部门'
                    : departments.kind === 'failed'
                      ? '部门列表加载失败，请重新选择转交办理'
                      : '正在加载部门…'}
                </Text>
              ) : null}
              {form.kind !== 'reply' ? (
                <>
                  <ChipGroup
                    label={form.kind === 'transfer' ? '承办人（可不选，由部门承办）' : '承办人'}
                    options={assigneeOptions.map((p) => ({ value: p.openid, label: p.displayName }))}
                    value={form.assigneeOpenid}
                    onChange={(assigneeOpenid) => setForm({ ...form, assigneeOpenid })}
                  />
                  <DateField label='办理期限' value={form.dueDate} start={todayBeijing()} onChange={(dueDate) => setForm({ ...form, dueDate })} />
                </>
              ) : null}
              <ErrorText message={calls.errorOf(`triage:${r.id}`)} />
              <View className='sf-buttons'>
                <Btn small kind='primary' busy={calls.busy === `triage:${r.id}`} disabled={busy} onTap={() => void submitTriage()}>
                  确认提交
                </Btn>
                <Btn small disabled={busy} onTap={() => setForm(null)}>
                  取消
                </Btn>
              </View>
            </View>
          ) : null}
        </View>
      ))}
      {inbox.state.kind === 'ready' && reports.length >= PAGE_SIZE && !more.done ? (
        <Btn small busy={more.busy} disabled={more.busy} onTap={() => void loadMore()}>
          加载更多
        </Btn>
      ) : null}
      <ErrorText message={calls.errorOf('more')} />
      <TopicsList />
      {selected.length ? (
        <SelectionBar
          selected={selected}
          reports={reports}
          canPublish={mayDoHere(me, 'publishTopic')}
          disabled={busy}
          onClear={() => setSelected([])}
          onPublish={() => {
            // The selection goes with the new topic: the bar does not wait here, stale, for the way back.
            const ids = selected
            setSelected([])
            goTo('publishTopic', { reports: ids.join(',') })
          }}
          onAttached={(ok, failed) => {
            // Cleared after use; only the reports that could not be added stay chosen, with their reasons.
            setSelected(failed)
            toast(`已并入 ${ok} 条诉求`)
            void inbox.reload(true)
          }}
        />
      ) : null}
    </Page>
  )
}

/** The chosen reports: start a new topic with them, or add them to a topic not yet past its meeting. */
function SelectionBar({
  selected,
  reports,
  canPublish,
  disabled,
  onClear,
  onPublish,
  onAttached,
}: {
  selected: string[]
  reports: ReportView[]
  canPublish: boolean
  disabled: boolean
  onClear: () => void
  onPublish: () => void
  onAttached: (ok: number, failed: string[]) => void
}) {
  const [chooser, setChooser] = useState<{ kind: 'closed' } | { kind: 'loading' } | { kind: 'ready'; topics: TopicSummaryView[] } | { kind: 'error'; message: string }>({
    kind: 'closed',
  })
  const [topicId, setTopicId] = useState<string | null>(null)
  const [attaching, setAttaching] = useState(false)
  const [result, setResult] = useState<{ ok: number; failures: string[] } | null>(null)

  const openChooser = async () => {
    setChooser({ kind: 'loading' })
    setResult(null)
    const [published, deliberated] = await Promise.all([
      callAction(listTopics, { stage: 'published', limit: 50, offset: 0 }),
      callAction(listTopics, { stage: 'deliberated', limit: 50, offset: 0 }),
    ])
    if (!published.ok) return setChooser({ kind: 'error', message: inWords(published.error.message) })
    if (!deliberated.ok) return setChooser({ kind: 'error', message: inWords(deliberated.error.message) })
    setChooser({ kind: 'ready', topics: [...published.data.topics, ...deliberated.data.topics] })
  }

  const attach = async () => {
    if (!topicId || attaching) return
    setAttaching(true)
    let ok = 0
    const failures: string[] = []
    const failed: string[] = []
    for (const [i, reportId] of selected.entries()) {
      const outcome = await callAction(attachReport, { topicId, reportId })
      if (outcome.ok) ok++
      else {
        failed.push(reportId)
        // Named by its words (or its place in the selection), never by its id.
        const text = reports.find((r) => r.id === reportId)?.text
        failures.push(`${text ? `「${excerpt(text, 20)}」` : `所选第 ${i + 1} 条诉求`}：${inWords(outcome.error.message)}`)
      }
    }
    setAttaching(false)
    setResult({ ok, failures })
    if (ok) {
      setChooser({ kind: 'closed' })
      setTopicId(null)
      onAttached(ok, failed)
    }
  }

  const off = disabled || attaching
  return (
    <View className='inbox__bar'>
      <Text>{`已选 ${selected.length} 条诉求`}</Text>
      <View className='sf-buttons'>
        {canPublish ? (
          <Btn small kind='primary' disabled={off} onTap={onPublish}>
            纳入新议题
          </Btn>
        ) : null}
        <Btn small disabled={off || chooser.kind === 'loading'} onTap={() => void openChooser()}>
          并入已有议题
        </Btn>
        <Btn small disabled={off} onTap={onClear}>
          取消选择
        </Btn>
      </View>
      {chooser.kind === 'loading' && <Text className='muted'>正在加载议题…</Text>}
      {chooser.kind === 'error' && <ErrorText message={chooser.message} />}
      {chooser.kind === 'ready' && chooser.topics.length === 0 && <Text className='muted'>没有可并入的议题（仅限尚在议事阶段的议题）</Text>}
      {chooser.kind === 'ready' && chooser.topics.length > 0 ? (
        <View className='sf-field'>
          <ChipGroup
            label='选择议题'
            options={chooser.topics.map((t) => ({ value: t.id, label: `${t.title}（${t.stageLabel}）` }))}
            value={topicId}
            onChange={setTopicId}
          />
          <Btn small kind='primary' busy={attaching} disabled={off || !topicId} onTap={() => void attach()}>
            并入所选议题
          </Btn>
        </View>
      ) : null}
      {result && result.ok ? <Text className='sf-ok'>{`已并入 ${result.ok} 条诉求`}</Text> : null}
      {result?.failures.map((f) => <ErrorText key={f} message={f} />)}
    </View>
  )
}

/** The community's topics, on demand: the way into each topic's staff page (议题办理). */
function TopicsList() {
  const [state, setState] = useState<{ kind: 'closed' } | { kind: 'loading' } | { kind: 'ready'; topics: TopicSummaryView[] } | { kind: 'error'; message: string }>({ kind: 'closed' })
  const open = async () => {
    setState({ kind: 'loading' })
    const outcome = await callAction(listTopics, { limit: 50, offset: 0 })
    setState(outcome.ok ? { kind: 'ready', topics: outcome.data.topics } : { kind: 'error', message: inWords(outcome.error.message) })
  }
  return (
    <View className='sf-section inbox__topics'>
      <View className='inbox__head'>
        <Text className='sf-section__title'>议题办理</Text>
        <Btn small disabled={state.kind === 'loading'} onTap={() => (state.kind === 'ready' ? setState({ kind: 'closed' }) : void open())}>
          {state.kind === 'ready' ? '收起' : '查看议题'}
        </Btn>
      </View>
      {state.kind === 'loading' && <Text className='muted'>正在加载议题…</Text>}
      {state.kind === 'error' && <ErrorText message={state.message} />}
      {state.kind === 'ready' && state.topics.length === 0 && <Text className='muted'>暂无议题</Text>}
      {state.kind === 'ready'
        ? state.topics.map((t) => (
            <LinkRow key={t.id} className='inbox__topic' onOpen={() => goTo('topic', { id: t.id })}>
              <Text>{t.title}</Text>
              <Text className='muted'>{`${t.stageLabel} · 议事 ${fmtTime(t.meetingAt)}${t.counts.unansweredObjections ? ` · 未答复异议 ${t.counts.unansweredObjections}` : ''}`}</Text>
            </LinkRow>
          ))
        : null}
    </View>
  )
}
