import type { StoredCommunity, Township } from '../../src/domain/admin'
import type { Role } from '../../src/domain/roles'

/**
 * The demo's places, modelled on seed 002 (屏山, a county-seat community with grids and buildings) and a neighbour
 * in the same township, so scope rules have something to refuse.
 */
export const TOWNSHIP = { id: 'ts_pingshan', name: '屏山镇' }
export const COUNTY_NAME = '屏山县'

/** The townships as stored: the place invitations of township supervisors and communities hang on. */
export const TOWNSHIPS: Township[] = [{ _id: TOWNSHIP.id, name: TOWNSHIP.name, createdAt: new Date('2026-01-01T00:00:00Z'), retiredAt: null }]

/** The communities as stored: no settings and no category list of their own, so the defaults apply at read time. */
export const COMMUNITIES: StoredCommunity[] = [
  {
    _id: 'c_pingshan',
    name: '屏山社区',
    townshipId: TOWNSHIP.id,
    townshipName: TOWNSHIP.name,
    grids: [
      { id: 'g_east', name: '东区网格', buildings: [{ id: 'b_e1', name: '1栋' }, { id: 'b_e2', name: '2栋' }, { id: 'b_e3', name: '3栋' }] },
      { id: 'g_west', name: '西区网格', buildings: [{ id: 'b_w1', name: '5栋' }, { id: 'b_w2', name: '6栋' }] },
    ],
  },
  {
    _id: 'c_jinsha',
    name: '金沙社区',
    townshipId: TOWNSHIP.id,
    townshipName: TOWNSHIP.name,
    grids: [{ id: 'g_river', name: '滨江网格', buildings: [{ id: 'b_r1', name: '8栋' }] }],
  },
]

export interface DemoUser {
  openid: string
  displayName: string
  role: Role
  communityId: string | null
  gridId: string | null
  buildingId: string | null
  townshipId: string | null
  house: string | null
  phone: string | null
  devLogin: true
  devLoginOrder: number
  devLoginNote: string
}

function user(order: number, openid: string, displayName: string, role: Role, place: Partial<DemoUser>, label: string): DemoUser {
  return {
    openid,
    displayName,
    role,
    communityId: null,
    gridId: null,
    buildingId: null,
    townshipId: TOWNSHIP.id,
    house: null,
    phone: null,
    devLogin: true,
    devLoginOrder: order,
    devLoginNote: label,
    ...place,
  }
}

const pingshan = { communityId: 'c_pingshan', townshipId: TOWNSHIP.id }
/** One user per role (and a few more residents), each reachable by one-click dev login. */
export const DEMO_USERS: DemoUser[] = [
  user(1, 'demo-resident-wang', '王秀英', 'resident', { ...pingshan, gridId: 'g_east', buildingId: 'b_e2', house: '2栋1单元302', phone: '13800000001' }, '居民 · 王秀英（东区2栋）'),
  user(2, 'demo-resident-li', '李建国', 'resident', { ...pingshan, gridId: 'g_west', buildingId: 'b_w1', house: '5栋2单元101', phone: '13800000002' }, '居民 · 李建国（西区5栋）'),
  user(3, 'demo-rep-zhao', '赵桂兰', 'representative', { ...pingshan, gridId: 'g_east', buildingId: 'b_e1', house: '1栋1单元201', phone: '13800000003' }, '居民代表 · 赵桂兰'),
  user(4, 'demo-grid-chen', '陈志强', 'grid_worker', { ...pingshan, gridId: 'g_east' }, '网格员 · 陈志强（东区）'),
  user(5, 'demo-staff-liu', '刘书记', 'community_staff', { ...pingshan }, '社区工作人员 · 刘书记'),
  user(6, 'demo-township-he', '何督办', 'township_supervisor', { townshipId: TOWNSHIP.id }, '街道督办 · 何督办'),
  user(7, 'demo-county-sun', '孙主任', 'county_office', { townshipId: null }, '县级办公室 · 孙主任'),
  user(8, 'demo-resident-jinsha', '周明', 'resident', { communityId: 'c_jinsha', townshipId: TOWNSHIP.id, gridId: 'g_river', buildingId: 'b_r1', house: '8栋302', phone: '13800000008' }, '居民 · 周明（金沙社区）'),
  user(9, 'demo-staff-jinsha', '吴主任', 'community_staff', { communityId: 'c_jinsha', townshipId: TOWNSHIP.id }, '社区工作人员 · 吴主任（金沙社区）'),
  user(10, 'demo-grid-west', '黄丽', 'grid_worker', { ...pingshan, gridId: 'g_west' }, '网格员 · 黄丽（西区）'),
]

/**
 * Issue 12: the demo's registered departments, so a 转交办理 (which names a registered department, never a free-text
 * one) can be tried in the demo: a county-level 供电 registered by the county office, and 屏山镇's own 住建.
 */
export const DEMO_DEPARTMENTS = [
  { _id: 'dep_demo_power', name: '县供电公司', townshipId: null },
  { _id: 'dep_demo_housing', name: '屏山镇住建办', townshipId: TOWNSHIP.id },
] as const

/**
 * A member of 县供电公司, bound as an invitation binds department staff (no community; the department's township,
 * null for a county-level one). Kept apart from DEMO_USERS (one per community role, which the flow tests load) and
 * written by the demo seed only; the dev login lists him after the others.
 */
export const DEMO_DEPARTMENT_USERS: (DemoUser & { departmentId: string })[] = [
  { ...user(11, 'demo-dept-zhou', '周电工', 'department_staff', { townshipId: null }, '部门工作人员 · 周电工（县供电公司）'), departmentId: 'dep_demo_power' },
]
