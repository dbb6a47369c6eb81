import { z } from './zod'
import { defineAction } from './action'
import type { TemplateKey } from './messages'
import { idSchema, isoSchema, roleSchema, shortText } from './common'

export const signedInUserSchema = z.object({
  displayName: z.string(),
  role: roleSchema,
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  gridId: z.string().nullable(),
  buildingId: z.string().nullable(),
  townshipId: z.string().nullable(),
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
  errors: ['UNKNOWN_PLACE', 'ALREADY_STAFF'],
})

export const issueInvitation = defineAction({
  functionName: 'account',
  name: 'issueInvitation',
  summary: '上级为下级岗位签发邀请码（县→街道→社区→网格员/居民代表）',
  audience: '县级办公室、街道督办、社区工作人员（只签发下一级）',
  input: z.object({ role: roleSchema, communityId: idSchema.optional(), gridId: idSchema.optional(), townshipId: idSchema.optional() }).strict(),
  output: z.object({ code: z.string(), role: roleSchema, expiresAt: z.string() }),
  errors: ['UNKNOWN_PLACE'],
})

export const redeemInvitation = defineAction({
  functionName: 'account',
  name: 'redeemInvitation',
  summary: '凭邀请码绑定岗位',
  audience: '持有效邀请码者',
  input: z.object({ code: z.string().trim().regex(/^[A-Z0-9]{8}$/, '邀请码为 8 位字母数字'), displayName: shortText(20, '姓名') }).strict(),
  output: z.object({ user: signedInUserSchema }),
  errors: ['INVITATION_INVALID', 'INVITATION_USED', 'INVITATION_EXPIRED'],
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

// ── Subscription grants and the notification centre (消息) ──

const templateKeySchema = z.enum(['statusChanged', 'deadline'] as const satisfies readonly TemplateKey[])
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
