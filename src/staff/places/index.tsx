import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Page from '../../components/Page'
import Btn from '../../components/Btn'
import Field from '../../components/Field'
import ChipGroup from '../../components/ChipGroup'
import ErrorText from '../../components/ErrorText'
import { callAction } from '../../api/call'
import { createCommunity, createTownship, listPlaces, renamePlace, retirePlace } from '../../contracts/account'
import { useCalls } from '../../ui/calls'
import { useMe } from '../../ui/me'
import { useRemote } from '../../ui/use-remote'
import { toast } from '../../ui/feedback'
import { fmtDate } from '../../ui/format'
import { parseGrids } from '../../ui/places'
import './index.css'

type Kind = 'township' | 'community' | 'grid' | 'building'
/** A place as renamePlace / retirePlace name it: grids and buildings within their community. */
type Ref = { kind: Kind; id: string; communityId?: string; name: string; retiredAt: string | null }

const KIND_LABELS: Record<Kind, string> = { township: '街道', community: '社区', grid: '网格', building: '楼栋' }

/**
 * 地点管理: the county office creates townships; the county office or a township's supervisor creates communities with
 * their grids and buildings; each place can be renamed or retired (its document and history are kept). The list is
 * listPlaces, as the server scopes it: the whole county, or the supervisor's township.
 */
export default function StaffPlaces() {
  const { me } = useMe()
  const calls = useCalls()
  const places = useRemote(() => callAction(listPlaces, {}), [])
  const [townshipName, setTownshipName] = useState('')
  const [community, setCommunity] = useState<{ townshipId: string | null; name: string; grids: string }>({ townshipId: null, name: '', grids: '' })
  const [renaming, setRenaming] = useState<{ ref: Ref; name: string } | null>(null)

  const county = me?.role === 'county_office'
  const manages = county || me?.role === 'township_supervisor'
  const townships = places.state.kind === 'ready' ? places.state.data.townships : []
  const openTownships = townships.filter((t) => !t.retiredAt)
  const refresh = () => void places.reload(true)

  const addTownship = async () => {
    const out = await calls.run('township', createTownship, { name: townshipName.trim() })
    if (out) {
      setTownshipName('')
      toast(`已新建街道：${out.township.name}`)
      refresh()
    }
  }

  const addCommunity = async () => {
    const townshipId = community.townshipId ?? (openTownships.length === 1 ? openTownships[0]!.id : null)
    if (!townshipId) return calls.fail('community', '请选择所属街道')
    const parsed = parseGrids(community.grids)
    if ('error' in parsed) return calls.fail('community', parsed.error)
    const out = await calls.run('community', createCommunity, { townshipId, name: community.name.trim(), grids: parsed.grids })
    if (out) {
      setCommunity({ townshipId: null, name: '', grids: '' })
      toast(`已新建社区：${out.community.name}`)
      refresh()
    }
  }

  const saveName = async () => {
    if (!renaming) return
    const { ref, name } = renaming
    const out = await calls.run(`rename:${ref.id}`, renamePlace, { kind: ref.kind, id: ref.id, ...(ref.communityId ? { communityId: ref.communityId } : {}), name: name.trim() })
    if (out) {
      setRenaming(null)
      toast(`已改名为：${out.name}`)
      refresh()
    }
  }

  const retire = async (ref: Ref) => {
    const out = await calls.run(
      `retire:${ref.id}`,
      retirePlace,
      { kind: ref.kind, id: ref.id, ...(ref.communityId ? { communityId: ref.communityId } : {}) },
      { confirm: { title: `撤销${KIND_LABELS[ref.kind]}`, content: `撤销“${ref.name}”？撤销后不能再加入、邀请或提交诉求，记录保留。`, confirmText: '撤销' } },
    )
    if (out) {
      toast(`已撤销：${ref.name}`)
      refresh()
    }
  }

  const row = (ref: Ref, depth: number) => {
    const editing = renaming?.ref.id === ref.id && renaming.ref.kind === ref.kind
    const what = `${KIND_LABELS[ref.kind]} ${ref.name}`
    return (
      <View key={`${ref.kind}:${ref.id}`} className={`places__row places__indent-${depth} ${ref.retiredAt ? 'places__row--retired' : ''}`} data-place={`${ref.kind}:${ref.id}`}>
        {editing ? (
          <>
            <Field label={`${what} 的新名称`} value={renaming.name} maxlength={ref.kind === 'grid' || ref.kind === 'building' ? 20 : 30} onChange={(name) => setRenaming({ ref, name })} />
            <Btn small kind='primary' action='renamePlace' busy={calls.busy === `rename:${ref.id}`} disabled={calls.busy !== null} onTap={() => void saveName()}>
              保存
            </Btn>
            <Btn small onTap={() => setRenaming(null)}>取消</Btn>
          </>
        ) : (
          <>
            <Text className='places__name'>{`${KIND_LABELS[ref.kind]}：${ref.name}${ref.retiredAt ? `（已撤销 ${fmtDate(ref.retiredAt)}）` : ''}`}</Text>
            {manages && !ref.retiredAt && (ref.kind !== 'township' || county) ? (
              <>
                <Btn small label={`改名 ${what}`} action='renamePlace' disabled={calls.busy !== null} onTap={() => setRenaming({ ref, name: ref.name })}>
                  改名
                </Btn>
                <Btn small kind='danger' label={`撤销 ${what}`} action='retirePlace' busy={calls.busy === `retire:${ref.id}`} disabled={calls.busy !== null} onTap={() => void retire(ref)}>
                  撤销
                </Btn>
              </>
            ) : null}
          </>
        )}
        <ErrorText message={calls.errorOf(`rename:${ref.id}`) ?? calls.errorOf(`retire:${ref.id}`)} />
      </View>
    )
  }

  return (
    <Page label='地点管理'>
      <View className='sf-section'>
        <Text className='title'>地点管理</Text>
        <Text className='muted'>街道由县级办公室新建；社区（含网格、楼栋）由县级办公室或本街道督办新建。撤销的地点保留记录，不能再加入、邀请或提交诉求。</Text>
        {me && !manages ? <Text className='muted'>只有县级办公室和街道督办可以新建、改名或撤销地点。</Text> : null}
      </View>

      {county ? (
        <View className='sf-section'>
          <Text className='sf-section__title'>新建街道</Text>
          <Field label='街道名称' value={townshipName} maxlength={30} onChange={setTownshipName} />
          <ErrorText message={calls.errorOf('township')} />
          <Btn kind='primary' action='createTownship' busy={calls.busy === 'township'} disabled={calls.busy !== null} onTap={() => void addTownship()}>
            新建街道
          </Btn>
        </View>
      ) : null}

      {manages && openTownships.length ? (
        <View className='sf-section'>
          <Text className='sf-section__title'>新建社区</Text>
          {openTownships.length > 1 ? (
            <ChipGroup
              label='所属街道'
              options={openTownships.map((t) => ({ value: t.id, label: t.name }))}
              value={community.townshipId}
              onChange={(townshipId) => setCommunity((c) => ({ ...c, townshipId }))}
            />
          ) : (
            <Text className='muted'>{`所属街道：${openTownships[0]!.name}`}</Text>
          )}
          <Field label='社区名称' value={community.name} maxlength={30} onChange={(name) => setCommunity((c) => ({ ...c, name }))} />
          <Field
            multiline
            label='网格与楼栋（每行一个网格：网格名：楼栋、楼栋）'
            value={community.grids}
            max={2000}
            placeholder={'东区网格：1栋、2栋\n西区网格：3栋'}
            onChange={(grids) => setCommunity((c) => ({ ...c, grids }))}
          />
          <ErrorText message={calls.errorOf('community')} />
          <Btn kind='primary' action='createCommunity' busy={calls.busy === 'community'} disabled={calls.busy !== null} onTap={() => void addCommunity()}>
            新建社区
          </Btn>
        </View>
      ) : null}

      <View className='sf-section'>
        <Text className='sf-section__title'>辖区地点</Text>
        {places.state.kind === 'loading' ? <Text className='muted'>正在加载…</Text> : null}
        {places.state.kind === 'error' ? <ErrorText message={`地点加载失败：${places.state.message}`} /> : null}
        {places.state.kind === 'ready' && townships.length === 0 ? <Text className='muted'>还没有街道</Text> : null}
        {townships.map((t) => (
          <View key={t.id} className='places__township'>
            {row({ kind: 'township', id: t.id, name: t.name, retiredAt: t.retiredAt }, 0)}
            {t.communities.map((c) => (
              <View key={c.id}>
                {row({ kind: 'community', id: c.id, name: c.name, retiredAt: c.retiredAt }, 1)}
                {c.grids.map((g) => (
                  <View key={g.id}>
                    {row({ kind: 'grid', id: g.id, communityId: c.id, name: g.name, retiredAt: g.retiredAt }, 2)}
                    {g.buildings.map((b) => row({ kind: 'building', id: b.id, communityId: c.id, name: b.name, retiredAt: b.retiredAt }, 3))}
                  </View>
                ))}
              </View>
            ))}
          </View>
        ))}
      </View>
    </Page>
  )
}
