import { z } from './zod'
import { defineAction } from './action'
import { TEMPLATE_KEYS, type TemplateKey } from './messages'
import { categorySchema, idSchema, isoSchema, roleSchema, shortText } from './common'

export const signedInUserSchema = z.object({
  displayName: z.string(),
  role: roleSchema,
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  gridId: z.string().nullable(),
  buildingId: z.string().nullable(),
  townshipId: z.string().nullable(),
  /** Department staff only: the department they answer for. */
  departmentId: z.string().nullable().optional(),
})

export const whoAmI = defineAction({
  functionName: 'account',
  name: 'whoAmI',
  summary: '当前登录用户：openid、来源与本人档案（未加入社区时为空）',
  audience: '任何登录用户',
  input: z.object({}).strict().optional(),
  output: z.object({
    openid: z.string(),
    source: z.string(),
    user: signedInUserSchema.nullable(),
    /** Issue 11: the caller's unread notifications (消息), for the tab badge; absent without a signed-in caller. */
    unread: z.number().int().optional(),
  }),
  errors: [],
})

export const listCommunities = defineAction({
  functionName: 'account',
  name: 'listCommunities',
  summary: '可加入的社区及其网格、楼栋',
  audience: '任何登录用户',
  input: z.object({}).strict().optional(),
  output: z.object({
    communities: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        townshipName: z.string(),
        grids: z.array(z.object({ id: z.string(), name: z.string(), buildings: z.array(z.object({ id: z.string(), name: z.string() })) })),
      }),
    ),
  }),
  errors: [],
})

export const joinCommunity = defineAction({
  functionName: 'account',
  name: 'joinCommunity',
  summary: '居民加入社区：选择网格与楼栋，填写称呼（门牌与电话仅辖区工作人员可见）',
  audience: '居民、居民代表（工作人员由邀请码绑定）',
  input: z.object({
    communityId: idSchema,
    gridId: idSchema,
    buildingId: idSchema,
    displayName: shortText(20, '称呼'),
    house: z.string().trim().max(20).optional(),
    phone: z.string().regex(/^1[3-9]\d{9}$/, '手机号格式不正确').optional(),
  }).strict(),
  output: z.object({ user: signedInUserSchema }),
  errors: ['UNKNOWN_PLACE', 'ALREADY_STAFF', 'INVALID_DISPLAY_NAME', 'RESERVED_TITLE'],
})

export const issueInvitation = defineAction({
  functionName: 'account',
  name: 'issueInvitation',
  summary: '上级为下级岗位签发邀请码，严格只签发下一级（县→街道督办→社区工作人员→网格员/居民代表），且只针对存在且未撤销的地点；部门工作人员由县级办公室或该部门所属街道的督办邀请（须给出 departmentId）',
  audience: '县级办公室、街道督办、社区工作人员（只签发下一级，辖区内）',
  input: z.object({ role: roleSchema, communityId: idSchema.optional(), gridId: idSchema.optional(), townshipId: idSchema.optional(), departmentId: idSchema.optional() }).strict(),
  output: z.object({ code: z.string(), role: roleSchema, expiresAt: z.string() }),
  errors: ['UNKNOWN_PLACE'],
})

export const redeemInvitation = defineAction({
  functionName: 'account',
  name: 'redeemInvitation',
  summary: '凭邀请码绑定岗位（兑换时再次核验签发人现在仍有权签发、地点仍存在；伪造的邀请无效）',
  audience: '持有效邀请码者',
  input: z.object({ code: z.string().trim().regex(/^[A-Z0-9]{8}$/, '邀请码为 8 位字母数字'), displayName: shortText(20, '姓名') }).strict(),
  output: z.object({ user: signedInUserSchema }),
  errors: ['INVITATION_INVALID', 'INVITATION_USED', 'INVITATION_EXPIRED', 'INVITATION_REVOKED', 'INVALID_DISPLAY_NAME', 'RESERVED_TITLE', 'RATE_LIMITED'],
})

export const listAssignees = defineAction({
  functionName: 'account',
  name: 'listAssignees',
  summary: '定人限时：本社区可指定为承办人的工作人员与网格员（其订阅消息能收到到期提醒）',
  audience: '社区工作人员（本社区）',
  input: z.object({}).strict().optional(),
  output: z.object({ assignees: z.array(z.object({ openid: z.string(), displayName: z.string(), role: roleSchema })) }),
  errors: [],
})

// ----- Set-up and administration (issue 9 §1) -----

const placeName = (label: string) => shortText(30, label)

export const bootstrapCounty = defineAction({
  functionName: 'account',
  name: 'bootstrapCounty',
  summary: '一次性初始化：用云函数环境变量 BOOTSTRAP_SECRET 中的口令为调用者创建县级办公室的第一个账号；已有县级办公室后拒绝',
  audience: '部署者（持 BOOTSTRAP_SECRET 者），仅一次',
  input: z.object({ secret: z.string().min(1).max(200), countyName: placeName('县名'), displayName: shortText(20, '姓名') }).strict(),
  output: z.object({ user: signedInUserSchema, countyName: z.string() }),
  errors: ['BOOTSTRAP_DISABLED', 'BOOTSTRAP_SECRET_WRONG', 'ALREADY_BOOTSTRAPPED'],
})

const buildingInput = z.object({ name: shortText(20, '楼栋名称') }).strict()
const gridInput = z.object({ name: shortText(20, '网格名称'), buildings: z.array(buildingInput).min(1, '每个网格至少一个楼栋').max(200) }).strict()

const placeView = z.object({ id: z.string(), name: z.string(), retiredAt: z.string().nullable() })
export const communityAdminView = placeView.extend({
  townshipId: z.string(),
  grids: z.array(placeView.extend({ buildings: z.array(placeView) })),
})

export const createTownship = defineAction({
  functionName: 'account',
  name: 'createTownship',
  summary: '县级办公室新建街道（乡镇）',
  input: z.object({ name: placeName('街道名称') }).strict(),
  output: z.object({ township: placeView }),
  errors: ['PLACE_NAME_TAKEN'],
})

export const createCommunity = defineAction({
  functionName: 'account',
  name: 'createCommunity',
  summary: '新建社区及其网格、楼栋（街道督办为本街道，县级办公室为任一街道）；新社区使用默认设置与分类',
  input: z.object({ townshipId: idSchema, name: placeName('社区名称'), grids: z.array(gridInput).min(1, '至少一个网格').max(50) }).strict(),
  output: z.object({ community: communityAdminView }),
  errors: ['UNKNOWN_PLACE', 'PLACE_NAME_TAKEN'],
})

export const placeKindSchema = z.enum(['township', 'community', 'grid', 'building'])
/** A place: a township or community by its id; a grid or building by its id within its community. */
const placeRef = {
  kind: placeKindSchema,
  id: idSchema,
  communityId: idSchema.optional(),
}

export const renamePlace = defineAction({
  functionName: 'account',
  name: 'renamePlace',
  summary: '地点改名（街道由县级办公室；社区、网格、楼栋也可由本街道督办），留下历史记录',
  input: z.object({ ...placeRef, name: placeName('名称') }).strict(),
  output: z.object({ kind: placeKindSchema, id: z.string(), name: z.string() }),
  errors: ['UNKNOWN_PLACE'],
})

export const retirePlace = defineAction({
  functionName: 'account',
  name: 'retirePlace',
  summary: '撤销地点（保留文档并标记 retiredAt，留下历史记录）；撤销后不能再加入、邀请或提交诉求。街道须先撤销其下全部社区',
  input: z.object(placeRef).strict(),
  output: z.object({ kind: placeKindSchema, id: z.string(), retiredAt: z.string() }),
  errors: ['UNKNOWN_PLACE', 'PLACE_IN_USE'],
})

export const listPlaces = defineAction({
  functionName: 'account',
  name: 'listPlaces',
  summary: '管理视图：辖区内的街道、社区、网格与楼栋（含已撤销的，标明撤销时间）',
  audience: '县级办公室（全部）、街道督办（本街道）、社区工作人员（本社区）',
  input: z.object({}).strict().optional(),
  output: z.object({ townships: z.array(placeView.extend({ communities: z.array(communityAdminView) })) }),
  errors: [],
})

export const categoryView = z.object({ id: z.string(), label: z.string(), retired: z.boolean() })
export const settingsSchema = z.object({
  deliberationDay: z.object({
    nth: z.number().int().min(1).max(4),
    weekday: z.number().int().min(0).max(6),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式为 HH:MM'),
  }).strict(),
  objectionWindowDays: z.number().int().min(1).max(30),
  disclosurePeriodDays: z.number().int().min(1).max(30),
  lowRatingReplyDays: z.number().int().min(1).max(30),
  quorumRatio: z.number().min(0.1).max(1),
}).strict()

export const communitySettingsView = z.object({
  communityId: z.string(),
  communityName: z.string(),
  settings: settingsSchema,
  /** The keys this community set itself; the others follow the defaults. */
  overridden: z.array(z.string()),
  defaults: settingsSchema,
  categories: z.array(categoryView),
})

export const getCommunitySettings = defineAction({
  functionName: 'account',
  name: 'getCommunitySettings',
  summary: '社区设置：分类列表（含已停用）、议事日、异议期、公示周期、差评回复天数、法定到会比例（未设置的项取默认值）',
  input: z.object({ communityId: idSchema.optional() }).strict().optional(),
  output: communitySettingsView,
  errors: ['UNKNOWN_PLACE'],
})

export const updateCommunitySettings = defineAction({
  functionName: 'account',
  name: 'updateCommunitySettings',
  summary: '社区工作人员修改本社区设置：分类（名称、顺序、停用；已有分类只能停用不能删除）与各项期限；每次修改记入历史',
  input: z.object({
    communityId: idSchema.optional(),
    settings: settingsSchema.partial().optional(),
    categories: z.array(z.object({ id: categorySchema.optional(), label: shortText(10, '分类名称'), retired: z.boolean().optional() }).strict()).min(1).max(30).optional(),
  }).strict(),
  output: communitySettingsView,
  errors: ['UNKNOWN_PLACE', 'INVALID_CATEGORIES'],
})

const staffView = z.object({
  openid: z.string(),
  displayName: z.string(),
  role: roleSchema,
  townshipId: z.string().nullable(),
  communityId: z.string().nullable(),
  gridId: z.string().nullable(),
})
const openInvitationView = z.object({
  code: z.string(),
  role: roleSchema,
  townshipId: z.string().nullable(),
  communityId: z.string().nullable(),
  gridId: z.string().nullable(),
  issuedAt: z.string(),
  expiresAt: z.string(),
})

export const listStaff = defineAction({
  functionName: 'account',
  name: 'listStaff',
  summary: '本级管理的下一级人员及未使用的邀请码（县：街道督办；街道：本街道社区工作人员；社区：本社区网格员与居民代表）',
  input: z.object({}).strict().optional(),
  output: z.object({ staff: z.array(staffView), invitations: z.array(openInvitationView) }),
  errors: [],
})

export const revokeInvitation = defineAction({
  functionName: 'account',
  name: 'revokeInvitation',
  summary: '撤回一张未使用的邀请码（由有权签发它的上一级）',
  input: z.object({ code: z.string().trim().regex(/^[A-Z0-9]{8}$/, '邀请码为 8 位字母数字') }).strict(),
  output: z.object({ code: z.string(), revokedAt: z.string() }),
  errors: ['INVITATION_INVALID', 'INVITATION_USED'],
})

export const unbindStaff = defineAction({
  functionName: 'account',
  name: 'unbindStaff',
  summary: '解除下一级人员的岗位：其成为普通居民；返回其名下未办结的事项以便重新指定承办人',
  input: z.object({ openid: z.string().min(1).max(64) }).strict(),
  output: z.object({
    openid: z.string(),
    role: roleSchema,
    openItems: z.array(z.object({ resolutionId: z.string(), topicId: z.string().nullable(), title: z.string(), dueAt: z.string() })),
  }),
  errors: ['NOT_STAFF'],
})

// ── Subscription grants and the notification centre (消息) ──

const templateKeySchema = z.enum(TEMPLATE_KEYS as [TemplateKey, ...TemplateKey[]])
const grantsView = z.record(z.string(), z.union([z.number().int(), z.literal('long-term')]))

export const recordSubscriptions = defineAction({
  functionName: 'account',
  name: 'recordSubscriptions',
  summary: '记录本人在订阅消息弹窗中接受的模板（每接受一次可收一条）；返回各模板剩余可收条数',
  audience: '任何登录用户',
  input: z.object({ accepted: z.array(templateKeySchema).max(3) }).strict(),
  output: z.object({ grants: grantsView }),
  errors: [],
})

export const notificationView = z.object({
  id: z.string(),
  template: templateKeySchema,
  title: z.string(),
  status: z.string(),
  note: z.string().nullable(),
  at: z.string(),
  /** The item's page and id (what the subscription message opens). */
  page: z.string(),
  read: z.boolean(),
  /** Whether the subscription message went out, or why not. */
  message: z.enum(['sent', 'noGrant', 'refused', 'failed']),
})
export type NotificationView = z.infer<typeof notificationView>

export const listNotifications = defineAction({
  functionName: 'account',
  name: 'listNotifications',
  summary: '本人的消息：应通知本人的每件事（订阅消息是否送达都在此），最新在前；未读数与剩余订阅',
  audience: '任何登录用户',
  input: z.object({ before: isoSchema.optional() }).strict().optional(),
  output: z.object({ items: z.array(notificationView), unread: z.number().int(), grants: grantsView }),
  errors: [],
})

export const markNotificationsRead = defineAction({
  functionName: 'account',
  name: 'markNotificationsRead',
  summary: '把本人的消息标为已读（给出 id，或全部）',
  audience: '任何登录用户',
  input: z.object({ ids: z.array(idSchema).max(100).optional(), all: z.literal(true).optional() }).strict(),
  output: z.object({ unread: z.number().int() }),
  errors: [],
})

// ----- Issue 12: departments (住建, 交通, 供电 …) that transferred items and 联席会议 go to -----

export const departmentView = z.object({ id: z.string(), name: z.string(), townshipId: z.string().nullable(), retiredAt: z.string().nullable() })
export type DepartmentView = z.infer<typeof departmentView>

export const createDepartment = defineAction({
  functionName: 'account',
  name: 'createDepartment',
  summary: '登记部门（如住建、交通、供电）：街道督办为本街道登记，县级办公室为任一街道或县级（不填街道）登记；在用部门名称在同一级内不重复',
  audience: '县级办公室、街道督办（本街道）',
  input: z.object({ name: placeName('部门名称'), townshipId: idSchema.optional() }).strict(),
  output: z.object({ department: departmentView }),
  errors: ['UNKNOWN_PLACE', 'PLACE_NAME_TAKEN'],
})

export const renameDepartment = defineAction({
  functionName: 'account',
  name: 'renameDepartment',
  summary: '部门改名，旧名留在历史记录中',
  audience: '县级办公室、街道督办（本街道的部门）',
  input: z.object({ departmentId: idSchema, name: placeName('部门名称') }).strict(),
  output: z.object({ department: departmentView }),
  errors: ['UNKNOWN_DEPARTMENT', 'PLACE_NAME_TAKEN'],
})

export const retireDepartment = defineAction({
  functionName: 'account',
  name: 'retireDepartment',
  summary: '撤销部门（保留文档并标记 retiredAt，留下历史记录）；撤销后不能再转交、邀请或列入联席会议，已转交的事项照常办理',
  audience: '县级办公室、街道督办（本街道的部门）',
  input: z.object({ departmentId: idSchema }).strict(),
  output: z.object({ department: departmentView }),
  errors: ['UNKNOWN_DEPARTMENT', 'ALREADY_DONE'],
})

export const listDepartments = defineAction({
  functionName: 'account',
  name: 'listDepartments',
  summary: '部门清单：县级部门与本街道的部门（县级办公室看到全部；部门工作人员只看到本部门）；默认只列在用的',
  audience: '社区工作人员、网格员、街道督办、县级办公室、部门工作人员',
  input: z.object({ includeRetired: z.boolean().optional() }).strict().optional(),
  output: z.object({ departments: z.array(departmentView) }),
  errors: [],
})
