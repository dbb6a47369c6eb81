import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Page from '../../components/Page'
import LinkRow from '../../components/LinkRow'
import StaffNav, { staffPageUrl } from '../../components/StaffNav'
import { staffNavFor } from '../../domain/staff-nav'
import Btn from '../../components/Btn'
import { useRemote } from '../../ui/use-remote'
import { callAction } from '../../api/call'
import { listTriageInbox } from '../../contracts/reports'
import { listTopics } from '../../contracts/topics'
import { getBoard } from '../../contracts/board'
import { useMe, type Me } from '../../ui/me'
import { getTownshipOverview } from '../../contracts/supervision'
import { roleLabel } from '../../ui/labels'
import { goTo, replaceWith } from '../../ui/nav'
import { deadlineName, fmtDate, overdueBy } from '../../ui/format'
import { inWords } from '../../ui/feedback'
import { listNotifications } from '../../pages/messages/badge'
import SubscribeDeadlines from '../../pages/messages/subscribe-deadlines'
import SupervisionAnswers from './supervisions'
import './index.css'

/** One page of each list is enough for a count; a full page is shown as "50+". */
const PAGE = 50

/**
 * 工作台: the staff home (and the township supervisor's and county office's landing page, from 我的). 接收到期提醒
 * while the caller's deadline grants run low (issue 11). Three counts (待分类, 待公示, 逾期) and the items behind the last two, each opening its page.
 * The API has no summary action: the counts are read from the lists the staff pages already load (the triage inbox,
 * the deliberated topics, the board's overdue items), one page each.
 */
export default function StaffHome() {
  const { me, error } = useMe()
  // Township and county staff belong to no community: their workbench is the township's (no community lists to fail).
  // One Page throughout, so the focus it gives its heading stays while the body changes.
  const wide = me && (me.role === 'township_supervisor' || me.role === 'county_office')
  return (
    <Page label='工作台'>
      {me?.role === 'department_staff' ? (
        <DepartmentHome me={me} />
      ) : wide ? (
        <WideHome me={me} />
      ) : !me && !error ? (
        <>
          <StaffNav here='home' />
          <Text className='muted'>正在加载…</Text>
        </>
      ) : (
        <CommunityHome me={me} />
      )}
    </Page>
  )
}

/**
 * A department member's workbench: they belong to no community, so none of the community's lists is loaded; only the
 * staff pages their role may use are offered (src/domain/staff-nav.ts), i.e. 部门待办, where they land from 我的.
 */
function DepartmentHome({ me }: { me: Me }) {
  return (
    <>
      <StaffNav here='home' />
      <View className='sf-section'>
        <Text className='title'>工作台</Text>
        <Text className='muted'>{`${me.displayName} · ${roleLabel(me.role)}`}</Text>
        <Text className='muted'>部门工作人员在“部门待办”办理转交本部门的事项，并参加邀请本部门的联席会议。</Text>
        {staffNavFor(me.role).map((l) => (
          <LinkRow key={l.page} className='home-item' onOpen={() => void Promise.resolve(Taro.redirectTo({ url: staffPageUrl(l.page) })).catch(() => undefined)}>
            <Text className='home-item__title'>{l.label}</Text>
            <Text className='muted'>转交本部门的事项、联席会议</Text>
          </LinkRow>
        ))}
      </View>
    </>
  )
}

/** The workbench of township supervisors and the county office: the township's escalations and the cycle reports. */
function WideHome({ me }: { me: Me }) {
  const overview = useRemote(() => callAction(getTownshipOverview, {}), [])
  // Escalations reach supervisors by WeChat only with a deadline grant (issue 11): offered here while grants run low.
  const messages = useRemote(() => callAction(listNotifications, {}), [])
  const data = overview.state.kind === 'ready' ? overview.state.data : null
  const unsupervised = data ? data.escalations.filter((e) => !e.supervision).length : null
  const unanswered = data ? data.escalations.filter((e) => e.supervision && !e.supervision.answer).length : null
  const black = data ? data.communities.filter((c) => c.list === 'black').length : null
  return (
    <>
      <View className='sf-section'>
        <Text className='title'>工作台</Text>
        <Text className='muted'>{`${me.displayName} · ${roleLabel(me.role)}`}</Text>
        {messages.state.kind === 'ready' ? <SubscribeDeadlines left={messages.state.data.grants.deadline} onDone={() => void messages.reload(true)} /> : null}
        {overview.state.kind === 'error' ? <Text className='muted'>{`暂时无法查看：${inWords(overview.state.message)}`}</Text> : null}
        <View className='home-counts'>
          <Count label='待督办' value={unsupervised === null ? null : String(unsupervised)} failed={overview.state.kind === 'error'} hint='项逾期提请' alarm={!!unsupervised} onOpen={() => replaceWith('supervise')} />
          <Count label='待回复' value={unanswered === null ? null : String(unanswered)} failed={overview.state.kind === 'error'} hint='项督办待社区回复' onOpen={() => replaceWith('supervise')} />
          <Count label='黑榜' value={black === null ? null : String(black)} failed={overview.state.kind === 'error'} hint='个社区' onOpen={() => replaceWith('supervise')} />
        </View>
      </View>
      <View className='sf-section'>
        {(
          [
            ['supervise', '督办工作台', '逾期事项督办、社区与承办人排名'],
            ['county', '周期报表', '月回访、季盘点、年总结，导出 xlsx'],
            ['lists', '社区清单', '需求/问题清单、议事计划、任务/决议清单'],
            ['board', '红黑榜', '按社区查看'],
            ['callbacks', '月回访', '回访记录'],
            ['invite', '邀请码', '下一级工作人员'],
          ] as const
        ).map(([page, title, hint]) => (
          <LinkRow key={page} className='home-item' onOpen={() => replaceWith(page)}>
            <Text className='home-item__title'>{title}</Text>
            <Text className='muted'>{hint}</Text>
          </LinkRow>
        ))}
      </View>
    </>
  )
}

function CommunityHome({ me }: { me: Me | null }) {
  const inbox = useRemote(() => callAction(listTriageInbox, { limit: PAGE, offset: 0 }), [])
  const toNotice = useRemote(() => callAction(listTopics, { stage: 'deliberated', limit: PAGE, offset: 0 }), [])
  const board = useRemote(() => callAction(getBoard, {}), [])
  // The caller's grants per template (issue 11): 接收到期提醒 is offered while deadline grants run low.
  const messages = useRemote(() => callAction(listNotifications, {}), [])

  const untriaged =
    inbox.state.kind === 'ready'
      ? inbox.state.data.reports.filter((r) => r.allowedActions.includes('triageReport') || r.allowedActions.includes('clearReport')).length
      : null
  const noticeTopics = toNotice.state.kind === 'ready' ? toNotice.state.data.topics : []
  const overdue = board.state.kind === 'ready' ? board.state.data.board.overdue : []
  const full = (n: number) => (n >= PAGE ? `${PAGE}+` : String(n))

  return (
    <>
      <StaffNav here='home' />
      <View className='sf-section'>
        <Text className='title'>工作台</Text>
        {me ? <Text className='muted'>{`${me.displayName} · ${roleLabel(me.role)}${me.communityName ? ` · ${me.communityName}` : ''}`}</Text> : null}
        {messages.state.kind === 'ready' ? <SubscribeDeadlines left={messages.state.data.grants.deadline} onDone={() => void messages.reload(true)} /> : null}
        <View className='home-counts'>
          <Count
            label='待分类'
            value={untriaged === null ? null : full(untriaged)}
            failed={inbox.state.kind === 'error'}
            hint='条诉求'
            onOpen={() => replaceWith('inbox')}
          />
          <Count
            label='待公示'
            value={toNotice.state.kind === 'ready' ? full(noticeTopics.length) : null}
            failed={toNotice.state.kind === 'error'}
            hint='个议题待发拟办意见'
            onOpen={() => Taro.pageScrollTo?.({ selector: '#home-notice', duration: 200 })}
          />
          <Count
            label='逾期'
            value={board.state.kind === 'ready' ? String(overdue.length) : null}
            failed={board.state.kind === 'error'}
            hint='项办理事项'
            alarm={overdue.length > 0}
            onOpen={() => replaceWith('board')}
          />
        </View>
      </View>

      {me && (me.role === 'county_office' || me.role === 'township_supervisor' || me.role === 'community_staff') ? (
        <View className='sf-section sf-buttons'>
          {/* Set-up: places for the county office and township supervisors, the community's own settings for its staff. */}
          {me.role === 'community_staff' ? (
            <Btn small onTap={() => goTo('settings')}>社区设置 ›</Btn>
          ) : (
            <Btn small onTap={() => goTo('places')}>地点管理 ›</Btn>
          )}
        </View>
      ) : null}

      {me?.role === 'community_staff' ? <SupervisionAnswers /> : null}

      <View className='sf-section' id='home-notice'>
        <Text className='sf-section__title'>{`待公示：已议事、待发布拟办意见（${noticeTopics.length}）`}</Text>
        {toNotice.state.kind === 'loading' ? <Text className='muted'>正在加载…</Text> : null}
        {toNotice.state.kind === 'error' ? <Text className='muted'>{`暂时无法查看：${inWords(toNotice.state.message)}`}</Text> : null}
        {toNotice.state.kind === 'ready' && noticeTopics.length === 0 ? <Text className='sf-ok'>没有待发布公告的议题</Text> : null}
        {noticeTopics.map((t) => (
          <LinkRow key={t.id} className='home-item' onOpen={() => goTo('topic', { id: t.id })}>
            <Text className='home-item__title'>{t.title}</Text>
            <Text className='muted'>{`${t.stageLabel} · 议事于 ${fmtDate(t.meetingAt)}`}</Text>
          </LinkRow>
        ))}
      </View>

      <View className='sf-section'>
        <Text className='sf-section__title'>{`逾期（${overdue.length}）`}</Text>
        {board.state.kind === 'loading' ? <Text className='muted'>正在加载…</Text> : null}
        {board.state.kind === 'error' ? <Text className='muted'>{`暂时无法查看：${inWords(board.state.message)}`}</Text> : null}
        {board.state.kind === 'ready' && overdue.length === 0 ? <Text className='sf-ok'>目前没有逾期事项</Text> : null}
        {overdue.map((o) => (
          <LinkRow key={`${o.resolutionId}-${o.deadline}`} className='home-item home-item--late' onOpen={() => (o.topicId ? goTo('topic', { id: o.topicId }) : goTo('item', { id: o.resolutionId }))}>
            <Text className='home-item__title'>{o.title}</Text>
            <Text className='sf-overdue'>{overdueBy(o.deadlineLabel, o.dueAt) || `${deadlineName(o.deadlineLabel)}已逾期`}</Text>
            <Text className='muted'>{`承办人：${o.assigneeName} · ${deadlineName(o.deadlineLabel)}期限 ${fmtDate(o.dueAt)}${o.escalatedAt ? ' · 已提请街道督办' : ''}`}</Text>
          </LinkRow>
        ))}
      </View>
    </>
  )
}

function Count({
  label,
  value,
  failed,
  hint,
  alarm,
  onOpen,
}: {
  label: string
  value: string | null
  failed: boolean
  hint: string
  alarm?: boolean
  onOpen: () => void
}) {
  return (
    <LinkRow className={`home-count ${alarm ? 'home-count--alarm' : ''}`} label={`${label}：${value ?? '—'}`} onOpen={onOpen}>
      <Text className='home-count__value'>{value ?? (failed ? '—' : '…')}</Text>
      <Text className='home-count__label'>{label}</Text>
      <Text className='home-count__hint'>{hint}</Text>
    </LinkRow>
  )
}
