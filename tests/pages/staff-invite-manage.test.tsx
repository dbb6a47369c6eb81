import Taro from '@tarojs/taro'
import StaffInvite from '../../src/staff/invite'
import { listStaff, unbindStaff } from '../../src/contracts/account'
import { render, waitFor, buttonByLabel, buttonByText, tap, type Rendered } from './render'
import { byText, ok, staffGateway, whoAmIAs, FUTURE } from './staff-helpers'

let view: Rendered | undefined
beforeEach(() => {
  Taro.clearStorageSync()
})
afterEach(() => {
  view?.unmount()
  view = undefined
})

/** Community staff manage grid workers and representatives: the list as the contract shapes it. */
const managed = (withInvitation: boolean) =>
  listStaff.output.parse({
    staff: [{ openid: 'o-grid', displayName: '陈志强', role: 'grid_worker', townshipId: 't1', communityId: 'c1', gridId: 'g1' }],
    invitations: withInvitation ? [{ code: 'K7P2M9QX', role: 'representative', townshipId: 't1', communityId: 'c1', gridId: null, issuedAt: FUTURE, expiresAt: FUTURE }] : [],
  })

describe('staff invite (本级人员)', () => {
  test('community staff see their grid workers and open codes, withdraw a code, and unbind a member after confirming', async () => {
    let open = true
    const gw = staffGateway({
      whoAmI: whoAmIAs('community_staff'),
      listStaff: () => ok(managed(open)),
      revokeInvitation: (input) => {
        open = false
        return ok({ code: input.code, revokedAt: FUTURE })
      },
      unbindStaff: (input) => ok(unbindStaff.output.parse({ openid: input.openid, role: 'resident', openItems: [{ resolutionId: 'tp1_r01', topicId: 'tp1', title: '更换 3 号楼路灯', dueAt: FUTURE }] })),
    })
    view = render(<StaffInvite />)
    await waitFor(() => expect(view!.text()).toContain('陈志强 · 网格员'))
    expect(view.text()).toContain('K7P2M9QX · 居民代表')

    await tap(buttonByLabel(view.container, '撤回邀请码 K7P2M9QX'))
    await waitFor(() => expect(view!.text()).not.toContain('K7P2M9QX'))
    expect(gw.sent('revokeInvitation')).toEqual([{ code: 'K7P2M9QX' }])

    // The first tap asks for confirmation; only the second unbinds.
    await tap(buttonByLabel(view.container, '解除 陈志强 的岗位'))
    expect(gw.sent('unbindStaff')).toEqual([])
    await waitFor(() => expect(view!.text()).toContain('确认解除'))
    await tap(buttonByLabel(view.container, '解除 陈志强 的岗位'))
    await waitFor(() => expect(view!.text()).toContain('已解除 陈志强 的岗位'))
    expect(gw.sent('unbindStaff')).toEqual([{ openid: 'o-grid' }])
    expect(view.text()).toContain('更换 3 号楼路灯')
  })

  test('the county office invites a township supervisor for a township in service, picked from the list', async () => {
    const gw = staffGateway({
      whoAmI: whoAmIAs('county_office', { communityId: null, communityName: null, gridId: null, townshipId: null }),
      listStaff: () => ok({ staff: [], invitations: [] }),
      listPlaces: () =>
        ok({
          townships: [
            { id: 'ts_a', name: '屏山镇', retiredAt: null, communities: [] },
            { id: 'ts_b', name: '旧城镇', retiredAt: FUTURE, communities: [] },
          ],
        }),
      issueInvitation: (input) => ok({ code: 'T0WN5HIP', role: input.role, expiresAt: FUTURE }),
    })
    view = render(<StaffInvite />)
    await tap(await waitFor(() => byText(view!.container, '.sf-chip', '街道督办')))
    await waitFor(() => expect(view!.text()).toContain('屏山镇'))
    expect(view.text()).not.toContain('旧城镇')
    await tap(buttonByText(view.container, '生成邀请码'))
    await waitFor(() => expect(view!.text()).toContain('请选择街道'))
    await tap(byText(view.container, '.sf-chip', '屏山镇'))
    await tap(buttonByText(view.container, '生成邀请码'))
    await waitFor(() => expect(view!.text()).toContain('T0WN5HIP'))
    expect(gw.sent('issueInvitation')).toEqual([{ role: 'township_supervisor', townshipId: 'ts_a' }])
  })

  test('a township supervisor invites department staff to one of their township’s departments (not a county-level one)', async () => {
    const gw = staffGateway({
      whoAmI: whoAmIAs('township_supervisor', { communityId: null, communityName: null, gridId: null, townshipId: 'ts_a' }),
      listStaff: () => ok({ staff: [], invitations: [] }),
      listDepartments: () =>
        ok({
          departments: [
            { id: 'dep_house', name: '住建站', townshipId: 'ts_a', retiredAt: null },
            { id: 'dep_power', name: '供电公司', townshipId: null, retiredAt: null },
          ],
        }),
      issueInvitation: (input) => ok({ code: 'DEPT2345', role: input.role, expiresAt: FUTURE }),
    })
    view = render(<StaffInvite />)
    await tap(await waitFor(() => byText(view!.container, '.sf-chip', '部门工作人员')))
    await waitFor(() => expect(view!.text()).toContain('住建站'))
    expect(view.text()).not.toContain('供电公司')
    await tap(buttonByText(view.container, '生成邀请码'))
    await waitFor(() => expect(view!.text()).toContain('请选择部门'))
    await tap(byText(view.container, '.sf-chip', '住建站'))
    await tap(buttonByText(view.container, '生成邀请码'))
    await waitFor(() => expect(view!.text()).toContain('DEPT2345'))
    expect(gw.sent('issueInvitation')).toEqual([{ role: 'department_staff', departmentId: 'dep_house' }])
  })
})
