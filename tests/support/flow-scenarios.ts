import { expectOk, USERS, DAY, type FlowCloud } from './flow'
import { submitReport, triageReport } from '../../src/contracts/reports'
import type { ReportView } from '../../src/contracts/reports'
import { fileObjection, publishNotice, publishTopic, recordDeliberationStep, recordMeeting, type ResolutionView, type TopicDetailView } from '../../src/contracts/topics'
import { publishResult, rateResult } from '../../src/contracts/resolutions'
import { issueInvitation } from '../../src/contracts/account'
import { addDays, beijingDateOf } from '../../src/domain/calendar'
import { FOUR_DELIBERATIONS } from '../../src/domain/model'
import type { Role } from '../../src/domain/roles'
import databaseSpec from '../../config/database.json'

/**
 * Subjects for the flow tests, made the way a real user makes them: through the cloud functions, as the demo
 * people. Every helper answers the item as the functions present it. The clock only moves forward, so a test that
 * needs items past their objection window publishes their notices first and then calls closeNotices() once.
 */

export const PHOTO = 'cloud://local-env.6c6f-local-env/reports/shed.jpg'
/** Notices published by these helpers are open for one day. */
export const NOTICE_WINDOW_DAYS = 1
/** Advancing this far closes every notice published with NOTICE_WINDOW_DAYS (it ends at the end of a Beijing day). */
export const PAST_NOTICE_WINDOW = (NOTICE_WINDOW_DAYS + 1) * DAY + 3600_000

let counter = 0
/** A unique, contract-valid request id (8–64 of [A-Za-z0-9_-]). */
export function uniqueId(prefix = 'req'): string {
  counter += 1
  return `${prefix}-${process.pid}-${counter.toString().padStart(6, '0')}`
}

/** Adds a person to the store directly (as an invitation would have bound them), copying another user's place. */
export function addUser(
  cloud: FlowCloud,
  openid: string,
  fields: { role: Role; communityId: string | null; gridId?: string | null; townshipId: string | null; displayName?: string; buildingId?: string | null; departmentId?: string | null },
): string {
  cloud.store.insert('users', [
    {
      openid,
      displayName: fields.displayName ?? `测试${openid.slice(-4)}`,
      role: fields.role,
      communityId: fields.communityId,
      gridId: fields.gridId ?? null,
      buildingId: fields.buildingId ?? null,
      townshipId: fields.townshipId,
      house: null,
      phone: null,
      ...(fields.departmentId !== undefined ? { departmentId: fields.departmentId } : {}),
      joinedAt: cloud.now(),
    },
  ])
  return openid
}

/** A copy of an existing user under a new openid (same role and place): for calls that change the caller. */
export function cloneUser(cloud: FlowCloud, openid: string, newOpenid: string): string {
  const [u] = cloud.store.find('users', { openid })
  if (!u) return newOpenid // an unknown caller stays unknown
  const { _id, ...rest } = u as Record<string, unknown>
  cloud.store.insert('users', [{ ...rest, openid: newOpenid }])
  return newOpenid
}

/** A resident's report (east grid for the default resident). */
export async function reportBy(cloud: FlowCloud, openid: string = USERS.resident, text = '3栋门口路灯坏了，晚上很黑'): Promise<ReportView> {
  const out = expectOk(
    await cloud.call(openid, submitReport, { clientRequestId: uniqueId('rp'), text, category: 'infrastructure', photos: [PHOTO], location: null }),
  )
  return out.report
}

/** A report the content check held for review (the local msgSecCheck holds texts containing 加微信). */
export async function heldReportBy(cloud: FlowCloud, openid: string = USERS.resident): Promise<ReportView> {
  const report = await reportBy(cloud, openid, '楼道小广告太多，说加微信办证')
  if (report.status !== 'heldForReview') throw new Error(`expected a held report, got ${report.status}`)
  return report
}

/**
 * A report photo waiting for staff review: its file was never uploaded, so the image check cannot fetch it and the
 * photo is held for staff (media.clearMedia). Each call has its own fileID.
 */
export async function heldPhotoBy(cloud: FlowCloud, openid: string = USERS.resident): Promise<string> {
  const photo = `cloud://local-env.6c6f-local-env/reports/${uniqueId('held')}.jpg`
  expectOk(await cloud.call(openid, submitReport, { clientRequestId: uniqueId('rp'), text: '楼下井盖松动', category: 'infrastructure', photos: [photo], location: null }))
  return photo
}

export interface TopicOptions {
  by?: string
  fourDeliberations?: boolean
  reportIds?: string[]
  title?: string
}

export async function publishedTopic(cloud: FlowCloud, options: TopicOptions = {}): Promise<TopicDetailView> {
  return expectOk(
    await cloud.call(options.by ?? USERS.staff, publishTopic, {
      title: options.title ?? '小区停车位规划',
      description: '车位不足，占用消防通道的情况时有发生。',
      category: 'property',
      reportIds: options.reportIds ?? [],
      meetingPlace: '社区议事厅',
      invitees: ['物业公司'],
      requiresFourDeliberations: options.fourDeliberations ?? false,
      clientRequestId: uniqueId('tp'),
    }),
  ).topic
}

/** The meeting's input: `count` items, each passed by a clear majority with enough households present. */
export function meetingInput(cloud: FlowCloud, topicId: string, count = 1, titlePrefix = '议决事项') {
  const dueDate = addDays(beijingDateOf(cloud.now()), 30)
  return {
    topicId,
    attendance: { households: 20, invitedHouseholds: 30 },
    minutes: '居民与物业面对面商议，形成决议。',
    resolutions: Array.from({ length: count }, (_, i) => ({
      title: `${titlePrefix}${i + 1}`,
      vote: { for: 18, against: 1, abstain: 1 },
      assigneeName: '刘书记',
      assigneeOpenid: USERS.staff,
      dueDate,
    })),
  }
}

export async function deliberatedTopic(cloud: FlowCloud, options: TopicOptions & { resolutions?: number } = {}): Promise<TopicDetailView> {
  const topic = await publishedTopic(cloud, options)
  if (options.fourDeliberations) {
    for (const step of FOUR_DELIBERATIONS.slice(0, 3)) {
      expectOk(await cloud.call(options.by ?? USERS.staff, recordDeliberationStep, { topicId: topic.id, step, note: '已记录' }))
    }
  }
  return expectOk(await cloud.call(options.by ?? USERS.staff, recordMeeting, meetingInput(cloud, topic.id, options.resolutions ?? 1))).topic
}

/** A topic whose proposal notice is open (for NOTICE_WINDOW_DAYS). */
export async function noticedTopic(cloud: FlowCloud, options: TopicOptions & { resolutions?: number } = {}): Promise<TopicDetailView> {
  const topic = await deliberatedTopic(cloud, options)
  return expectOk(
    await cloud.call(options.by ?? USERS.staff, publishNotice, { topicId: topic.id, text: '拟由物业在30日内完成整改。', objectionWindowDays: NOTICE_WINDOW_DAYS }),
  ).topic
}

/** Closes every notice published so far with NOTICE_WINDOW_DAYS: their items move to handling. */
export function closeNotices(cloud: FlowCloud): void {
  cloud.advance(PAST_NOTICE_WINDOW)
}

export async function objectionOn(cloud: FlowCloud, topicId: string, by: string = USERS.resident2): Promise<string> {
  const topic = expectOk(await cloud.call(by, fileObjection, { topicId, text: `请说明费用来源（${uniqueId('ob')}）` })).topic
  return topic.objections[topic.objections.length - 1]!.id
}

export async function publishResultOf(cloud: FlowCloud, resolutionId: string, by: string = USERS.staff): Promise<ResolutionView> {
  return expectOk(await cloud.call(by, publishResult, { resolutionId, text: '已办结，现场已整改' })).resolution
}

/** A low (1-star) rating on a done item, by a new resident of the item's community: answers the rating id. */
export async function lowRatingOn(cloud: FlowCloud, resolutionId: string): Promise<string> {
  const rater = cloneUser(cloud, USERS.resident2, uniqueId('rater'))
  expectOk(await cloud.call(rater, rateResult, { resolutionId, stars: 1, comment: '' }))
  const [rating] = cloud.store.find('ratings', { resolutionId, openid: rater })
  if (!rating) throw new Error('the rating was not stored')
  return rating._id
}

/** A fresh invitation code for a representative of c_pingshan, issued by the community staff. */
export async function invitationCode(cloud: FlowCloud, role: Role = 'representative'): Promise<string> {
  return expectOk(await cloud.call(USERS.staff, issueInvitation, { role, communityId: 'c_pingshan' })).code
}

/** The collections production must have (config/database.json), with the key each may be read whole by. */
export const DECLARED_COLLECTIONS: { name: string; orderKey: string | null }[] = Object.entries(
  (databaseSpec as unknown as { collections: Record<string, { indexes: { keys: Record<string, number> }[] }> }).collections,
).map(([name, spec]) => ({ name, orderKey: spec.indexes[0] ? Object.keys(spec.indexes[0].keys)[0]! : null }))

/**
 * Every document of every declared collection: the store as a value, to compare before and after. The store refuses
 * unindexed reads in tests, so each collection is read whole in the order of its first declared index.
 */
export function storeSnapshot(cloud: FlowCloud): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  for (const { name, orderKey } of DECLARED_COLLECTIONS) {
    // Rate-limit counters are the caller's allowance, not the state a refused call must leave unchanged (a refused
    // invitation redemption counts by design); the flow harness also clears them between calls.
    if (name === 'rate_limits') continue
    out[name] = cloud.store
      .find(name, {}, orderKey ? { order: { [orderKey]: 1 } } : {})
      .map((d) => JSON.parse(JSON.stringify(d)) as { _id: string })
      .sort((a, b) => a._id.localeCompare(b._id))
  }
  return out
}

/**
 * Warms a function's instances so concurrent calls really run side by side (a cold instance starts later than a
 * warm one, which would serialise a race). Any cheap read does.
 */
export async function warm(cloud: FlowCloud, functionName: string, action: string, openid: string, input: unknown, instances = 4): Promise<void> {
  await Promise.all(Array.from({ length: instances }, () => cloud.raw(openid, functionName, { action, input })))
}

// ----- Issue 12: 三单 items -----

/** A far-off due date every triage accepts. */
export const FAR_DUE_DATE = '2999-12-31'

/**
 * A registered, open department (as createDepartment stores it) put straight into the store: 转交办理 names one by id.
 * Of ts_pingshan by default; townshipId null makes it county-level. Answers its id.
 */
export function registeredDepartment(cloud: FlowCloud, name: string, townshipId: string | null = 'ts_pingshan'): string {
  const id = uniqueId('dep')
  cloud.store.insert('departments', [{ _id: id, name, townshipId, createdAt: cloud.now(), retiredAt: null }])
  return id
}

/** A resident's report triaged as 受理自办 (assigned to the east grid worker) or 转交办理 (to a department): answers the item. */
export async function triagedItem(cloud: FlowCloud, kind: 'handle' | 'transfer' = 'handle', reporter: string = USERS.resident): Promise<{ reportId: string; resolutionId: string }> {
  const report = await reportBy(cloud, reporter)
  const input =
    kind === 'handle'
      ? { reportId: report.id, kind, note: '网格员负责跟进', assigneeOpenid: USERS.gridEast, dueDate: FAR_DUE_DATE }
      : { reportId: report.id, kind, note: '转交住建部门', departmentId: registeredDepartment(cloud, '住建局'), dueDate: FAR_DUE_DATE }
  const triaged = expectOk(await cloud.call(USERS.staff, triageReport, input)).report
  return { reportId: triaged.id, resolutionId: triaged.resolutionId! }
}
