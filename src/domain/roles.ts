import { z } from '../contracts/zod'

/**
 * Who takes part. Residents and their representatives take part and supervise; grid workers and community staff
 * convene, coordinate and carry out; the township supervisor is escalated to; the county office reviews.
 */
export const ROLES = ['resident', 'representative', 'grid_worker', 'community_staff', 'township_supervisor', 'county_office'] as const
export const roleSchema = z.enum(ROLES)
export type Role = z.infer<typeof roleSchema>

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  representative: '居民代表',
  grid_worker: '网格员',
  community_staff: '社区工作人员',
  township_supervisor: '街道督办',
  county_office: '县级办公室',
}
