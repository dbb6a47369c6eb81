import { z } from './zod'
import { defineAction } from './action'
import { idSchema, roleSchema, shortText } from './common'

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
  errors: ['UNKNOWN_PLACE', 'ALREADY_STAFF', 'INVALID_DISPLAY_NAME', 'RESERVED_TITLE'],
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
  errors: ['INVITATION_INVALID', 'INVITATION_USED', 'INVITATION_EXPIRED', 'INVALID_DISPLAY_NAME', 'RESERVED_TITLE', 'RATE_LIMITED'],
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
