import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Btn from '../../components/Btn'
import Taro from '@tarojs/taro'
import Page from '../../components/Page'
import { callAction } from '../../api/call'
import { issueInvitation, listCommunities, listDepartments, listPlaces, listStaff, revokeInvitation, unbindStaff, type DepartmentView } from '../../contracts/account'
import type { OutputOf } from '../../contracts/action'
import { INVITABLE_BY } from '../../domain/policy'
import { ROLE_LABELS, type Role } from '../../domain/roles'
import ChipGroup from '../../components/ChipGroup'
import ErrorText from '../../components/ErrorText'
import StaffNav from '../../components/StaffNav'
import { useCalls } from '../../ui/calls'
import { useMe } from '../../ui/me'
import { fmtTime } from '../../ui/format'
import './index.css'

type Community = OutputOf<typeof listCommunities>['communities'][number]
type TownshipPlace = OutputOf<typeof listPlaces>['townships'][number]
type Issued = OutputOf<typeof issueInvitation>
type StaffList = OutputOf<typeof listStaff>
type Unbound = OutputOf<typeof unbindStaff>
const COMMUNITY_ROLES: readonly Role[] = ['community_staff', 'grid_worker', 'representative']

/**
 * 签发邀请码 and 本级人员: the level above binds the next level down (county → township → community → grid /
 * representative), sees who it manages and its open invitations, withdraws an invitation, and unbinds a member
 * (who becomes a resident; their open items are listed for reassignment).
 */
export default function StaffInvite() {
  const { me, error: meError } = useMe()
  const calls = useCalls()
  const roles = me ? (INVITABLE_BY[me.role] ?? []) : []
  const [role, setRole] = useState<Role | null>(null)
  const [communities, setCommunities] = useState<Community[] | null>(null)
  const [communityId, setCommunityId] = useState<string | null>(null)
  const [gridId, setGridId] = useState<string | null>(null)
  const [townshipId, setTownshipId] = useState('')
  const [townships, setTownships] = useState<TownshipPlace[] | null>(null)
  const [issued, setIssued] = useState<Issued | null>(null)
  const [copied, setCopied] = useState(false)
  const [placesError, setPlacesError] = useState<string | null>(null)
  const [staff, setStaff] = useState<StaffList | null>(null)
  const [unbound, setUnbound] = useState<(Unbound & { name: string }) | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [departments, setDepartments] = useState<DepartmentView[] | null>(null)
  const [departmentId, setDepartmentId] = useState<string | null>(null)

  const [staffVersion, setStaffVersion] = useState(0)
  const loadStaff = () => setStaffVersion((v) => v + 1)
  useEffect(() => {
    if (!me || !(INVITABLE_BY[me.role] ?? []).length) return
    let live = true
    void callAction(listStaff, {}).then((o) => {
      if (!live) return
      if (o.ok) setStaff(o.data)
      else setPlacesError(`人员列表加载失败：${o.error.message}`)
    })
    return () => {
      live = false
    }
  }, [me, staffVersion])

  const pickCommunity = !!me && me.role !== 'community_staff' && !!role && COMMUNITY_ROLES.includes(role)
  const needGrid = role === 'grid_worker'
  const needTownship = role === 'township_supervisor'
  const needDepartment = role === 'department_staff'
  const placeCommunity = pickCommunity ? communityId : (me?.communityId ?? null)

  useEffect(() => {
    if (!me || (!pickCommunity && !needGrid) || communities) return
    let live = true
    void callAction(listCommunities, {}).then((o) => {
      if (!live) return
      if (o.ok) setCommunities(o.data.communities)
      else setPlacesError(`社区列表加载失败：${o.error.message}`)
    })
    return () => {
      live = false
    }
  }, [me, pickCommunity, needGrid, communities])

  // The county office invites township supervisors: it picks one of the townships in service.
  useEffect(() => {
    if (!needTownship || townships) return
    let live = true
    void callAction(listPlaces, {}).then((o) => {
      if (!live) return
      if (o.ok) setTownships(o.data.townships.filter((t) => !t.retiredAt))
      else setPlacesError(`街道列表加载失败：${o.error.message}`)
    })
    return () => {
      live = false
    }
  }, [needTownship, townships])

  // Department staff bind to a department the issuer manages: any for the county office, their township's for a
  // supervisor (a county-level department is the county's to staff).
  useEffect(() => {
    if (!needDepartment || departments || !me) return
    let live = true
    void callAction(listDepartments, {}).then((o) => {
      if (!live) return
      if (o.ok) setDepartments(o.data.departments.filter((d) => me.role === 'county_office' || d.townshipId === me.townshipId))
      else setPlacesError(`部门列表加载失败：${o.error.message}`)
    })
    return () => {
      live = false
    }
  }, [needDepartment, departments, me])

  const grids = communities?.find((c) => c.id === placeCommunity)?.grids ?? []

  const issue = async () => {
    if (!role) return calls.fail('issue', '请选择岗位')
    if (pickCommunity && !communityId) return calls.fail('issue', '请选择社区')
    if (needGrid && !gridId) return calls.fail('issue', '请选择网格')
    if (needTownship && !townshipId.trim()) return calls.fail('issue', '请选择街道')
    if (needDepartment && !departmentId) return calls.fail('issue', '请选择部门')
    setIssued(null)
    setCopied(false)
    const out = await calls.run('issue', issueInvitation, {
      role,
      ...(pickCommunity && communityId ? { communityId } : {}),
      ...(needGrid && gridId ? { gridId } : {}),
      ...(needTownship ? { townshipId: townshipId.trim() } : {}),
      ...(needDepartment && departmentId ? { departmentId } : {}),
    })
    if (out) {
      setIssued(out)
      loadStaff()
    }
  }

  const revoke = async (code: string) => {
    if (await calls.run('staff', revokeInvitation, { code })) loadStaff()
  }
  const unbind = async (openid: string, name: string) => {
    // A second tap confirms: unbinding takes the person's role away at once.
    if (confirming !== openid) return setConfirming(openid)
    setConfirming(null)
    const out = await calls.run('staff', unbindStaff, { openid })
    if (out) {
      setUnbound({ ...out, name })
      loadStaff()
    }
  }

  const copy = async () => {
    if (!issued) return
    try {
      await Taro.setClipboardData({ data: issued.code })
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }

  return (
    <Page label='签发邀请码'>
      <StaffNav here='invite' />
      {meError ? <ErrorText message={meError} /> : null}
      {!me && !meError ? <Text className='muted'>正在确认身份…</Text> : null}
      {me && roles.length === 0 ? <Text className='muted'>当前身份不能签发邀请码</Text> : null}
      {me && roles.length > 0 ? (
        <View className='sf-section'>
          <ChipGroup
            label='邀请的岗位'
            options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            value={role}
            onChange={(r) => {
              setRole(r)
              setGridId(null)
              setIssued(null)
            }}
          />
          {pickCommunity && communities ? (
            <ChipGroup
              label='社区'
              options={communities.map((c) => ({ value: c.id, label: `${c.townshipName} ${c.name}` }))}
              value={communityId}
              onChange={(id) => {
                setCommunityId(id)
                setGridId(null)
              }}
            />
          ) : null}
          {needGrid && grids.length ? <ChipGroup label='网格' options={grids.map((g) => ({ value: g.id, label: g.name }))} value={gridId} onChange={setGridId} /> : null}
          {needTownship && townships ? (
            townships.length ? (
              <ChipGroup label='街道' options={townships.map((t) => ({ value: t.id, label: t.name }))} value={townshipId || null} onChange={setTownshipId} />
            ) : (
              <Text className='muted'>还没有街道：请先新建街道</Text>
            )
          ) : null}
          {needDepartment && departments ? (
            departments.length ? (
              <ChipGroup label='部门' options={departments.map((d) => ({ value: d.id, label: d.name }))} value={departmentId} onChange={setDepartmentId} />
            ) : (
              <Text className='muted'>还没有登记部门</Text>
            )
          ) : null}
          <ErrorText message={placesError} />
          <ErrorText message={calls.errorOf('issue')} />
          <Btn kind='primary' busy={calls.busy === 'issue'} disabled={calls.busy !== null} onTap={() => void issue()}>
            生成邀请码
          </Btn>
        </View>
      ) : null}
      {issued ? (
        <View className='sf-section invite__result'>
          <Text className='muted'>{`${ROLE_LABELS[issued.role]}邀请码（一次有效）`}</Text>
          <Text className='invite__code' selectable>
            {issued.code}
          </Text>
          <Text className='muted'>{`有效期至 ${fmtTime(issued.expiresAt)}。请当面或通过工作群发给本人，由本人在小程序中输入邀请码绑定岗位。`}</Text>
          <Btn small onTap={() => void copy()}>
            {copied ? '已复制' : '复制邀请码'}
          </Btn>
        </View>
      ) : null}
      {staff ? (
        <View className='sf-section'>
          <Text className='sf-section__title'>本级管理的人员</Text>
          {staff.staff.length === 0 ? <Text className='muted'>暂无</Text> : null}
          {staff.staff.map((p) => (
            <View key={p.openid} className='invite__row'>
              <Text>{`${p.displayName} · ${ROLE_LABELS[p.role]}`}</Text>
              <Btn small kind='danger' label={`解除 ${p.displayName} 的岗位`} disabled={calls.busy !== null} onTap={() => void unbind(p.openid, p.displayName)}>
                {confirming === p.openid ? '确认解除' : '解除岗位'}
              </Btn>
            </View>
          ))}
          <Text className='sf-section__title'>未使用的邀请码</Text>
          {staff.invitations.length === 0 ? <Text className='muted'>暂无</Text> : null}
          {staff.invitations.map((i) => (
            <View key={i.code} className='invite__row'>
              <Text>{`${i.code} · ${ROLE_LABELS[i.role]} · 有效期至 ${fmtTime(i.expiresAt)}`}</Text>
              <Btn small label={`撤回邀请码 ${i.code}`} disabled={calls.busy !== null} onTap={() => void revoke(i.code)}>
                撤回
              </Btn>
            </View>
          ))}
          <ErrorText message={calls.errorOf('staff')} />
          {unbound ? (
            <View>
              <Text className='muted'>{`已解除 ${unbound.name} 的岗位，其现为普通居民。`}</Text>
              {unbound.openItems.length ? (
                <>
                  <Text className='muted'>{`其名下 ${unbound.openItems.length} 项未办结事项需重新指定承办人：`}</Text>
                  {unbound.openItems.map((it) => (
                    <Text key={it.resolutionId} className='muted'>{`· ${it.title}（期限 ${fmtTime(it.dueAt)}）`}</Text>
                  ))}
                </>
              ) : (
                <Text className='muted'>其名下没有未办结事项。</Text>
              )}
            </View>
          ) : null}
        </View>
      ) : null}
    </Page>
  )
}
