import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { callAction } from '../../api/call'
import type { OutputOf } from '../../contracts/action'
import { joinCommunity, listCommunities } from '../../ui/actions'
import { useRemote } from '../../ui/use-remote'
import Chips from '../Chips'
import Field from '../Field'
import Btn from '../Btn'
import { Failure, Loading, Empty, Say } from '../Status'

type Joined = OutputOf<typeof joinCommunity>['user']

/**
 * Joining a community: choose community → grid → building, give a name to be called by, and optionally the house
 * number and phone (seen only by staff in charge). Used on the home page for newcomers and on 我的 to move.
 */
export default function JoinCommunity({ onJoined, title = '加入社区' }: { onJoined: (user: Joined) => void; title?: string }) {
  const { state, reload } = useRemote(() => callAction(listCommunities, {}))
  const [communityId, setCommunityId] = useState<string | null>(null)
  const [gridId, setGridId] = useState<string | null>(null)
  const [buildingId, setBuildingId] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [house, setHouse] = useState('')
  const [phone, setPhone] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  if (state.kind === 'loading') return <Loading text='正在加载社区列表…' />
  if (state.kind === 'error') return <Failure message={state.message} onRetry={() => void reload()} />
  const communities = state.data.communities
  const community = communities.find((c) => c.id === communityId) ?? null
  const grid = community?.grids.find((g) => g.id === gridId) ?? null

  const submit = async () => {
    setProblem(null)
    if (!communityId || !gridId || !buildingId) return setProblem('请选择社区、网格和楼栋')
    if (!name.trim()) return setProblem('请填写称呼')
    if (phone.trim() && !/^1[3-9]\d{9}$/.test(phone.trim())) return setProblem('手机号格式不正确')
    setBusy(true)
    const outcome = await callAction(joinCommunity, {
      communityId,
      gridId,
      buildingId,
      displayName: name.trim(),
      ...(house.trim() ? { house: house.trim() } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
    })
    setBusy(false)
    if (outcome.ok) onJoined(outcome.data.user)
    else setProblem(outcome.error.message)
  }

  return (
    <View className='card join' aria-label={title}>
      <Text className='section-title'>{title}</Text>
      {communities.length === 0 ? (
        <Empty text='暂无可加入的社区' />
      ) : (
        <View>
          <Text className='sf-field__label'>社区</Text>
          <Chips
            label='选择社区'
            options={communities.map((c) => ({ value: c.id, label: `${c.name}（${c.townshipName}）` }))}
            value={communityId}
            onChange={(v) => {
              setCommunityId(v)
              setGridId(null)
              setBuildingId(null)
            }}
          />
          {community && (
            <View>
              <Text className='sf-field__label'>网格</Text>
              <Chips
                label='选择网格'
                options={community.grids.map((g) => ({ value: g.id, label: g.name }))}
                value={gridId}
                onChange={(v) => {
                  setGridId(v)
                  setBuildingId(null)
                }}
              />
            </View>
          )}
          {grid && (
            <View>
              <Text className='sf-field__label'>楼栋</Text>
              <Chips label='选择楼栋' options={grid.buildings.map((b) => ({ value: b.id, label: b.name }))} value={buildingId} onChange={setBuildingId} />
            </View>
          )}
          <Field name='displayName' label='称呼' value={name} onChange={setName} maxlength={20} placeholder='如：王阿姨、3栋小李' />
          <Field name='house' label='门牌（选填）' value={house} onChange={setHouse} maxlength={20} placeholder='如：2单元301' />
          <Field
            name='phone'
            label='手机号（选填）'
            value={phone}
            onChange={setPhone}
            maxlength={11}
            type='number'
            hint='门牌和手机号只有辖区工作人员能看到，公开页面不显示。'
          />
          {problem && <Say ok={false} text={problem} />}
          <Btn kind='primary' busy={busy} onTap={() => void submit()}>
            加入
          </Btn>
        </View>
      )}
    </View>
  )
}
