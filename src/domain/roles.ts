/**
 * Who takes part. Residents and their representatives take part and supervise; grid workers and community staff
 * convene, coordinate and carry out; the township supervisor is escalated to; the county office reviews.
 * Plain data (no zod) so the pages can read it without pulling the schema library into the main package; the schema
 * is in src/contracts/common.ts.
 */
export const ROLES = ['resident', 'representative', 'grid_worker', 'community_staff', 'township_supervisor', 'county_office', 'department_staff'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  representative: '居民代表',
  grid_worker: '网格员',
  community_staff: '社区工作人员',
  township_supervisor: '街道督办',
  county_office: '县级办公室',
  department_staff: '部门工作人员',
}
