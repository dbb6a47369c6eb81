import { z } from './zod'
import { defineAction } from './action'
import { roleSchema } from '../domain/roles'

export const signedInUserSchema = z.object({
  displayName: z.string(),
  role: roleSchema,
  communityId: z.string().nullable(),
})

export const whoAmI = defineAction({
  functionName: 'account',
  name: 'whoAmI',
  summary: '当前登录用户：openid、来源与本人档案（未加入社区时为空）',
  input: z.object({}).strict().optional(),
  output: z.object({
    openid: z.string(),
    source: z.string(),
    user: signedInUserSchema.nullable(),
  }),
  errors: [],
})
