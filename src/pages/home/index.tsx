import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { callAction } from '../../api/call'
import type { Outcome, OutputOf } from '../../contracts/action'
import type { TopicSummaryView } from '../../contracts/topics'
import { getHomeFeed, listCommunities, whoAmI } from '../../ui/actions'
import { isStaffRole, roleLabel } from '../../ui/labels'
import { REPORTERS } from '../../domain/resident-actions'
import { go, ROUTES, STAFF_PAGES } from '../../ui/nav'
import { useRemote } from '../../ui/use-remote'
import { useUnreadBadge } from '../messages/badge'
import Page from '../../components/Page'
import DevLogin from '../../components/DevLogin'
import Btn from '../../components/Btn'
import TopicCard from '../../components/TopicCard'
import JoinCommunity from '../../components/JoinCommunity'
import Chips from '../../components/Chips'
import { Empty, Failure, Loading } from '../../components/Status'
import { BoardSummary } from '../../components/BoardView'
import './index.css'

type Identity = OutputOf<typeof whoAmI>
type Feed = OutputOf<typeof getHomeFeed>

type Home =
  /** No openid: H5 without a dev session. */
  | { kind: 'anonymous' }
  /** Signed in but in no community: residents join; township and county staff pick one to look at. */
  | { kind: 'outside'; me: Identity }
  | { kind: 'ready'; me: Identity; feed: Feed }

type State = Home | { kind: 'loading' } | { kind: 'error'; message: string }

/** The feed groups, in the order of the four steps. */
const GROUPS: { key: keyof Feed['byStage']; title: string }[] = [
  { key: 'published', title: '议题发布' },
  { key: 'deliberated', title: '已议事' },
  { key: 'noticed', title: '公告中' },
  { key: 'handling', title: '办理中' },
]

/**
 * Home: who I am, and my community at a glance in one getHomeFeed call — the next deliberation day, topics by step,
 * recent results and the red/black board — with 随手拍 on top. Newcomers get the join flow instead.
 */
/** Who I am and, in a community, its feed; `communityId` is the one a township or county user chose to look at. */
async function loadHome(communityId: string | null): Promise<Outcome<Home>> {
  const [me, feed] = await Promise.all([callAction(whoAmI, {}), callAction(getHomeFeed, communityId ? { communityId } : {})])
  if (!me.ok) return me
  if (!me.data.openid) return { ok: true, data: { kind: 'anonymous' } }
  if (feed.ok) return { ok: true, data: { kind: 'ready', me: me.data, feed: feed.data } }
  if (feed.error.code === 'NOT_IN_COMMUNITY' || !me.data.user) return { ok: true, data: { kind: 'outside', me: me.data } }
  return feed
}

/**
 * Home: who I am, and my community at a glance in one getHomeFeed call — the next deliberation day, topics by step,
 * recent results and the red/black board — with 随手拍 on top. Newcomers get the join flow instead.
 */
export default function Home() {
  const [viewing, setViewing] = useState<string | null>(null)
  const remote = useRemote(() => loadHome(viewing), [viewing])
  const state: State = remote.state.kind === 'ready' ? remote.state.data : remote.state
  /** Back to my own community (or none): a change of `viewing` reloads by itself. */
  const reset = () => (viewing === null ? void remote.reload() : setViewing(null))
  const again = () => void remote.reload()

  const me = state.kind === 'ready' || state.kind === 'outside' ? state.me : null
  // The 消息 badge follows the unread count whoAmI answers with, on every show (issue 11).
  useUnreadBadge(me?.unread ?? null)
  return (
    <Page className='home' label='家园议事首页'>
      <View className='home__head'>
        <Text className='title'>{state.kind === 'ready' ? state.feed.community.name : '家园议事'}</Text>
        <Identity state={state} me={me} />
      </View>

      {state.kind === 'loading' && <Loading text='正在确认身份…' />}
      {state.kind === 'error' && <Failure prefix='暂时无法确认身份' message={state.message} onRetry={again} />}
      {state.kind === 'anonymous' && <Text className='muted'>请先登录{process.env.TARO_ENV === 'h5' ? '：在下方选择一位演示用户' : ''}。</Text>}

      {state.kind === 'outside' && me && (
        <Outside
          me={me}
          onJoined={reset}
          onView={(id) => (id === viewing ? again() : setViewing(id))}
        />
      )}

      {state.kind === 'ready' && <FeedView feed={state.feed} canReport={mayReport(me)} />}

      {state.kind !== 'loading' && (
        <View className='row'>
          <Btn small kind='ghost' onTap={again}>
            刷新
          </Btn>
          {/* Search: a tap opens the search page (its own subpackage), where the words are typed. On the same row as 刷新,
              so the page does not grow. */}
          {state.kind === 'ready' && (
            <Btn small kind='ghost' label='搜索议题和诉求' onTap={() => go(ROUTES.search())}>
              搜索议题和诉求 ›
            </Btn>
          )}
        </View>
      )}
      {process.env.TARO_ENV === 'h5' ? <DevLogin onChange={reset} /> : null}
    </Page>
  )
}

/** Who may use 随手拍: the roles of the submitReport rule (residents, representatives, grid workers). */
function mayReport(me: Identity | null): boolean {
  const role = me?.user?.role
  return !!role && (REPORTERS as readonly string[]).includes(role)
}

function Identity({ state, me }: { state: State; me: Identity | null }) {
  if (state.kind === 'anonymous') return <Text className='home__who'>未登录</Text>
  if (!me) return null
  if (!me.user) return <Text className='home__who'>已登录，尚未加入社区</Text>
  return (
    <View className='home__who row'>
      <Text>{`当前用户：${me.user.displayName}`}</Text>
      <Text className='muted home__role'>{`身份：${roleLabel(me.user.role)}`}</Text>
    </View>
  )
}

/** Not in a community: residents join one; township/county staff choose which community to look at. */
function Outside({ me, onJoined, onView }: { me: Identity; onJoined: () => void; onView: (communityId: string) => void }) {
  const role = me.user?.role
  if (role === 'township_supervisor' || role === 'county_office') return <CommunityPicker onPick={onView} />
  // Department staff belong to no community: their work is the department's inbox.
  if (role === 'department_staff') {
    return (
      <View className='card'>
        <Text>部门工作人员在“部门待办”办理转交本部门的事项。</Text>
        <Btn kind='primary' onTap={() => go(STAFF_PAGES.department)}>
          部门待办 ›
        </Btn>
      </View>
    )
  }
  if (role && isStaffRole(role)) {
    return (
      <View className='card'>
        <Text>你的岗位尚未绑定社区，请联系上级重新签发邀请码。</Text>
      </View>
    )
  }
  return (
    <View>
      <View className='card'>
        <Text>加入所在社区后，就能随手拍反映问题、参加面对面议事、查看办理结果。</Text>
      </View>
      <JoinCommunity onJoined={onJoined} />
    </View>
  )
}

function CommunityPicker({ onPick }: { onPick: (communityId: string) => void }) {
  const [list, setList] = useState<OutputOf<typeof listCommunities>['communities'] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    void callAction(listCommunities, {}).then((o) => (o.ok ? setList(o.data.communities) : setProblem(o.error.message)))
  }, [])
  if (problem) return <Failure message={problem} />
  if (!list) return <Loading text='正在加载社区列表…' />
  return (
    <View className='card'>
      <Text className='section-title'>查看哪个社区</Text>
      <Chips label='选择社区' options={list.map((c) => ({ value: c.id, label: c.name }))} value={null} onChange={onPick} />
    </View>
  )
}

/**
 * How many topics of a stage the home page shows before 更多. The page stays under WeChat's 1,000 WXML nodes with the
 * fullest feed (10 per stage): each group shows this many, and at most one group is opened to all it has.
 */
const HOME_WINDOW = 3

function FeedView({ feed, canReport }: { feed: Feed; canReport: boolean }) {
  const total = GROUPS.reduce((n, g) => n + feed.byStage[g.key].length, 0)
  const [opened, setOpened] = useState<keyof Feed['byStage'] | null>(null)
  return (
    <View>
      {canReport && (
        <View className='home__report'>
          <Btn kind='primary' className='home__report-btn' label='随手拍：拍照反映身边的问题' onTap={() => go(ROUTES.report)}>
            随手拍
          </Btn>
          <Text className='muted'>拍一张照片、说一句话，问题直达网格员</Text>
        </View>
      )}

      <View className='card home__day'>
        <Text className='muted'>下一个议事日</Text>
        <Text className='home__day-label'>{feed.nextDeliberationDay.label}</Text>
        <Text className='muted'>每月第二周周三集中议事，欢迎报名参加面对面议事</Text>
      </View>

      <View className='card'>
        <Text className='section-title'>议题进展</Text>
        {total === 0 && <Empty text='目前没有进行中的议题' />}
        {GROUPS.map((g) => (
          <StageGroup key={g.key} title={g.title} topics={feed.byStage[g.key]} open={opened === g.key} onToggle={() => setOpened(opened === g.key ? null : g.key)} />
        ))}
      </View>

      <View className='card'>
        <Text className='section-title'>近期办理结果</Text>
        {feed.recentResults.length === 0 ? <Empty text='暂无已公示的办理结果' /> : feed.recentResults.map((t) => <TopicCard key={t.id} topic={t} />)}
      </View>

      <BoardSummary board={feed.board} />
    </View>
  )
}

/** One stage's topics: the first HOME_WINDOW, and the rest behind 更多 (opening one group closes the one open before). */
function StageGroup({ title, topics, open, onToggle }: { title: string; topics: TopicSummaryView[]; open: boolean; onToggle: () => void }) {
  if (!topics.length) return null
  const shown = open ? topics : topics.slice(0, HOME_WINDOW)
  const hidden = topics.length - HOME_WINDOW
  return (
    <View className='home__group'>
      <Text className='sub-title'>{`${title}（${topics.length}）`}</Text>
      {shown.map((t) => (
        <TopicCard key={t.id} topic={t} />
      ))}
      {hidden > 0 && (
        <Btn small kind='ghost' label={open ? `收起${title}` : `${title}：更多 ${hidden} 个`} onTap={onToggle}>
          {open ? '收起' : `更多（${hidden}）`}
        </Btn>
      )}
    </View>
  )
}
