import type { Role } from './roles'

/**
 * What the resident pages (main package) read from the policy, as plain data: who counts as a resident, who may use
 * 随手拍, and the labels of the resident buttons. ACTION_RULES (src/domain/policy.ts) is built from these very values,
 * so the table the server enforces and the buttons cannot disagree, while the main package ships this small module
 * instead of the whole table (its guards and the domain modules they import).
 */
export const RESIDENTS = ['resident', 'representative'] as const satisfies readonly Role[]

/** Who may use 随手拍 (submitReport): residents, their representatives and grid workers. */
export const REPORTERS = [...RESIDENTS, 'grid_worker'] as const satisfies readonly Role[]

/** Who may read the 揭榜 list (listItemsOpenForTaking): residents and the community's field staff; 我的 links it for them. */
export const TAKING_READERS = [...RESIDENTS, 'community_staff', 'grid_worker'] as const satisfies readonly Role[]

/** The labels of the resident actions the main package's pages show as buttons (ACTION_RULES[action].label). */
export const RESIDENT_ACTION_LABELS = {
  submitReport: '随手拍',
  joinTopic: '报名参加',
  withdrawJoin: '取消报名',
  postOpinion: '发表意见',
  fileObjection: '提出异议',
} as const
