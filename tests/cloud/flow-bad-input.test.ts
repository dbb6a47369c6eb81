import { startFlowCloud, expectOk, USERS, type FlowCloud } from '../support/flow'
import {
  addUser, closeNotices, deliberatedTopic, heldReportBy, invitationCode, lowRatingOn, noticedTopic, objectionOn, publishedTopic, publishResultOf, reportBy,
  storeSnapshot, uniqueId, PHOTO, heldPhotoBy, triagedItem,
} from '../support/flow-scenarios'
import { allContracts } from '../../src/contracts'
import { CATEGORIES, CATEGORY_LABELS } from '../../src/domain/model'
import type { ActionContract } from '../../src/contracts/action'
import { fileObjection } from '../../src/contracts/topics'

/**
 * Bad input, through the functions: for every contract, inputs that are not objects, miss fields, carry wrong
 * types, exceed limits (strings, arrays, numbers, a 200 KB string) or carry unknown fields; and malformed envelopes
 * to every function. Each is answered { ok: false, error: { code: 'INVALID_INPUT' | 'UNKNOWN_ACTION', message } }:
 * never a throw, never a platform error, and nothing in the store changes.
 *
 * The cases are generated from the contracts' schemas by mutating one valid input per action. That valid input is
 * a real call its caller may make on a real subject (checked last), so an input that slipped past validation would
 * show up as a change in the store.
 */

const BIG = 'a'.repeat(200 * 1024)
const NEWCOMER = 'badinput-newcomer'
const COUNTY = 'badinput-county'
const BOOTSTRAP_SECRET = 'badinput-bootstrap-secret'

interface Sample {
  as: string
  input: Record<string, unknown>
}

let cloud: FlowCloud
let samples: Record<string, Sample>

beforeAll(async () => {
  // The bootstrap's sample is a real first set-up: the function has its secret, and the store no county office yet.
  process.env.BOOTSTRAP_SECRET = BOOTSTRAP_SECRET
  cloud = await startFlowCloud()
  cloud.store.remove('users', { openid: USERS.county }, false)
  // Items past their objection window first (the clock only moves forward), then the rest.
  const toHandle = await noticedTopic(cloud)
  const toFinish = await noticedTopic(cloud)
  closeNotices(cloud)
  const done = await publishResultOf(cloud, toFinish.resolutions[0]!.id)
  const lowRating = await lowRatingOn(cloud, done.id)
  const [open1, open2, open3, held, published, forMeeting, fourSteps, deliberated, noticed] = [
    await reportBy(cloud),
    await reportBy(cloud),
    await reportBy(cloud),
    await heldReportBy(cloud),
    await publishedTopic(cloud),
    await publishedTopic(cloud),
    await publishedTopic(cloud, { fourDeliberations: true }),
    await deliberatedTopic(cloud),
    await noticedTopic(cloud),
  ]
  const objection = await objectionOn(cloud, noticed.id)
  // An objection the content check held (the local msgSecCheck holds texts containing 加微信), for clearObjection.
  const heldTopic = expectOk(await cloud.call(USERS.resident2, fileObjection, { topicId: noticed.id, text: '有人让大家加微信交钱' })).topic
  const heldObjection = heldTopic.objections[heldTopic.objections.length - 1]!.id
  const code = await invitationCode(cloud)
  const heldPhoto = await heldPhotoBy(cloud)
  const openCode = await invitationCode(cloud)
  const dueDate = '2999-12-31'
  // A 受理自办 item with its result published, for its reporter to confirm.
  const triaged = await triagedItem(cloud)
  const dupOf = await reportBy(cloud, USERS.resident2)
  await publishResultOf(cloud, triaged.resolutionId)
  // Departments (issue 12): one of ts_pingshan, and a member of it.
  const department = 'dep_badinput'
  cloud.store.insert('departments', [{ _id: department, name: '住建站', townshipId: 'ts_pingshan', createdAt: new Date(), retiredAt: null }])
  // 转交办理 names a registered department; its own, since the retireDepartment sample retires the one above.
  const transferTo = 'dep_badinput_transfer'
  cloud.store.insert('departments', [{ _id: transferTo, name: '供电所', townshipId: 'ts_pingshan', createdAt: new Date(), retiredAt: null }])
  const departmentStaff = addUser(cloud, 'badinput-department-staff', { role: 'department_staff', communityId: null, townshipId: 'ts_pingshan', departmentId: department, displayName: '钱工' })
  samples = {
    whoAmI: { as: USERS.resident, input: {} },
    listCommunities: { as: USERS.resident, input: {} },
    listAssignees: { as: USERS.staff, input: {} },
    joinCommunity: {
      as: USERS.resident2,
      input: { communityId: 'c_pingshan', gridId: 'g_west', buildingId: 'b_w2', displayName: '李建国', house: '6栋1单元101', phone: '13800000002' },
    },
    issueInvitation: { as: USERS.staff, input: { role: 'grid_worker', communityId: 'c_pingshan', gridId: 'g_east', townshipId: 'ts_pingshan' } },
    redeemInvitation: { as: NEWCOMER, input: { code, displayName: '新代表' } },
    bootstrapCounty: { as: COUNTY, input: { secret: BOOTSTRAP_SECRET, countyName: '屏山县', displayName: '孙主任' } },
    createTownship: { as: COUNTY, input: { name: '新城镇' } },
    createCommunity: { as: USERS.township, input: { townshipId: 'ts_pingshan', name: '新城社区', grids: [{ name: '一网格', buildings: [{ name: '1栋' }] }] } },
    renamePlace: { as: USERS.township, input: { kind: 'grid', id: 'g_west', communityId: 'c_pingshan', name: '西区网格' } },
    retirePlace: { as: USERS.township, input: { kind: 'building', id: 'b_w2', communityId: 'c_pingshan' } },
    listPlaces: { as: COUNTY, input: {} },
    getCommunitySettings: { as: USERS.resident, input: { communityId: 'c_pingshan' } },
    updateCommunitySettings: {
      as: USERS.staff,
      input: {
        communityId: 'c_pingshan',
        settings: { deliberationDay: { nth: 2, weekday: 3, time: '19:00' }, objectionWindowDays: 5, disclosurePeriodDays: 7, lowRatingReplyDays: 3, quorumRatio: 0.5 },
        categories: [...CATEGORIES.map((id) => ({ id, label: CATEGORY_LABELS[id], retired: false })), { label: '停车', retired: true }],
      },
    },
    listStaff: { as: USERS.staff, input: {} },
    revokeInvitation: { as: USERS.staff, input: { code: openCode } },
    unbindStaff: { as: USERS.staff, input: { openid: USERS.gridWest } },
    recordSubscriptions: { as: USERS.resident, input: { accepted: ['statusChanged', 'deadline'] } },
    listNotifications: { as: USERS.resident, input: {} },
    markNotificationsRead: { as: USERS.resident, input: { ids: ['nt_0123456789'] } },
    submitReport: {
      as: USERS.resident,
      input: { clientRequestId: uniqueId('bad'), text: '路灯不亮', category: 'infrastructure', photos: [PHOTO], location: { latitude: 28.64, longitude: 104.16, name: '2栋' } },
    },
    listMyReports: { as: USERS.resident, input: { limit: 10, offset: 0 } },
    getReport: { as: USERS.resident, input: { reportId: open1.id } },
    listTriageInbox: { as: USERS.staff, input: { limit: 10, offset: 0 } },
    clearReport: { as: USERS.staff, input: { reportId: held.id } },
    meTooReport: { as: USERS.resident2, input: { reportId: open2.id } },
    triageReport: { as: USERS.staff, input: { reportId: open1.id, kind: 'transfer', note: '转交住建部门', departmentId: transferTo, dueDate } },
    publishTopic: {
      as: USERS.staff,
      input: {
        title: '电动车充电棚',
        description: '充电棚不够用。',
        category: 'infrastructure',
        reportIds: [open2.id],
        meetingAt: new Date(cloud.now().getTime() + 10 * 86400_000).toISOString(),
        meetingPlace: '议事厅',
        invitees: ['物业公司'],
        requiresFourDeliberations: true,
        clientRequestId: uniqueId('bad'),
      },
    },
    attachReport: { as: USERS.staff, input: { topicId: published.id, reportId: open3.id } },
    getTopic: { as: USERS.resident, input: { topicId: published.id } },
    listTopics: { as: USERS.resident, input: { limit: 10, offset: 0, stage: 'published' } },
    joinTopic: { as: USERS.resident, input: { topicId: published.id } },
    followTopic: { as: USERS.resident2, input: { topicId: published.id, follow: true } },
    supportTopic: { as: USERS.representative, input: { topicId: published.id, stance: 'support' } },
    postOpinion: { as: USERS.resident, input: { topicId: published.id, text: '支持' } },
    recordDeliberationStep: { as: USERS.staff, input: { topicId: fourSteps.id, step: 'branch_proposal', note: '支部提议' } },
    recordMeeting: {
      as: USERS.staff,
      input: {
        topicId: forMeeting.id,
        heldAt: cloud.now().toISOString(),
        attendance: { households: 20, invitedHouseholds: 30 },
        minutes: '面对面议事',
        photos: [PHOTO],
        resolutions: [{ title: '增设车位', vote: { for: 15, against: 3, abstain: 2 }, assigneeName: '刘书记', assigneeOpenid: USERS.staff, dueDate }],
      },
    },
    publishNotice: { as: USERS.staff, input: { topicId: deliberated.id, text: '拟办意见', objectionWindowDays: 5 } },
    reviseNotice: { as: USERS.staff, input: { topicId: noticed.id, text: '修改后的拟办意见', reason: '补充说明', revision: 1 } },
    fileObjection: { as: USERS.resident, input: { topicId: noticed.id, text: '有异议' } },
    answerObjection: { as: USERS.staff, input: { objectionId: objection, text: '答复' } },
    clearObjection: { as: USERS.staff, input: { objectionId: heldObjection } },
    publishProgress: { as: USERS.staff, input: { resolutionId: toHandle.resolutions[0]!.id, text: '进展', photos: [PHOTO] } },
    publishResult: { as: USERS.staff, input: { resolutionId: toHandle.resolutions[0]!.id, text: '已办结', photos: [PHOTO] } },
    rateResult: { as: USERS.resident, input: { resolutionId: done.id, stars: 4, comment: '满意' } },
    replyToRating: { as: USERS.staff, input: { ratingId: lowRating, text: '已整改' } },
    listCallbacks: { as: USERS.staff, input: { month: '2024-01' } },
    recordCallback: { as: USERS.staff, input: { resolutionId: done.id, outcome: 'fixed', note: '已解决' } },
    getHomeFeed: { as: USERS.resident, input: { communityId: 'c_pingshan' } },
    getBoard: { as: USERS.resident, input: { communityId: 'c_pingshan' } },
    sweepDeadlines: { as: USERS.staff, input: {} },
    clearMedia: { as: USERS.staff, input: { fileId: heldPhoto, verdict: 'pass' } },
    confirmResult: { as: USERS.resident, input: { resolutionId: triaged.resolutionId, solved: true } },
    getItem: { as: USERS.resident, input: { resolutionId: triaged.resolutionId } },
    markDuplicate: { as: USERS.staff, input: { reportId: dupOf.id, ofReportId: open1.id } },
    // issue 11
    withdrawJoin: { as: USERS.resident, input: { topicId: published.id } },
    listFollowedTopics: { as: USERS.resident, input: { limit: 10, offset: 0 } },
    getTownshipOverview: { as: USERS.township, input: {} },
    superviseEscalation: { as: USERS.township, input: { escalationId: 'badinput-esc-open', note: '请尽快办结' } },
    answerSupervision: { as: USERS.staff, input: { escalationId: 'badinput-esc-supervised', text: '已办结' } },
    getCountyCycle: { as: USERS.township, input: { kind: 'quarter', period: '2026-Q4' } },
    exportCountyCycle: { as: USERS.township, input: { kind: 'year', period: '2026' } },
    getCommunityList: { as: USERS.staff, input: { list: 'reports', month: '2026-12' } },
    exportCommunityList: { as: USERS.township, input: { communityId: 'c_pingshan', list: 'plan', month: '2026-12', format: 'xlsx' } },
    urgeItem: { as: USERS.township, input: { resolutionId: 'badinput-open-item', note: '请尽快办理' } },
    recordMonthlyReview: { as: USERS.township, input: { communityId: 'c_pingshan', month: '2026-11', evaluation: 'good', notes: '实地察看：路灯已修复', photos: [PHOTO] } },
    listMonthlyReviews: { as: USERS.staff, input: { month: '2026-11' } },
    searchTopics: { as: USERS.resident, input: { words: '充电棚', category: 'infrastructure', stage: 'published', limit: 10, offset: 0 } },
    makeNoticePoster: { as: USERS.staff, input: { topicId: noticed.id } },
    createDepartment: { as: USERS.township, input: { name: '交通站', townshipId: 'ts_pingshan' } },
    renameDepartment: { as: USERS.township, input: { departmentId: department, name: '住建所' } },
    retireDepartment: { as: USERS.township, input: { departmentId: department } },
    listDepartments: { as: USERS.staff, input: { includeRetired: true } },
    listDepartmentItems: { as: departmentStaff, input: {} },
    listSupervisions: { as: USERS.staff, input: {} },
    // 资源清单, 接单 and 揭榜 (issue 12)
    saveResource: { as: USERS.staff, input: { resourceId: 'badinput-resource', name: '平山物业', kind: 'volunteer', offer: '水电维修', contact: '13800000000', volunteerOpenid: USERS.resident } },
    retireResource: { as: USERS.staff, input: { resourceId: 'badinput-resource-retire' } },
    listResources: { as: USERS.staff, input: { communityId: 'c_pingshan', includeRetired: true } },
    assignItemToResource: { as: USERS.staff, input: { resolutionId: 'badinput-open-item', resourceId: 'badinput-resource' } },
    publishItemForTaking: { as: USERS.staff, input: { resolutionId: 'badinput-open-item' } },
    takeItem: { as: USERS.staff, input: { resolutionId: 'badinput-takeable-item', resourceId: 'badinput-resource-take' } },
    listItemsOpenForTaking: { as: USERS.resident, input: {} },
    listVolunteerCandidates: { as: USERS.staff, input: { name: '王' } },
  }
  // Escalations for the 督办 samples: one the township has not acted on, one it supervised.
  const at = new Date()
  const escalation = (id: string, supervision: unknown) => ({ _id: id, communityId: 'c_pingshan', townshipId: 'ts_pingshan', resolutionId: `${id}-item`, ratingId: null, topicId: null, deadline: 'handling', dueAt: at, escalatedAt: at, text: '逾期', supervision })
  cloud.store.insert('escalations', [escalation('badinput-esc-open', null), escalation('badinput-esc-supervised', { at, by: USERS.township, byName: '何督办', note: '请回复', replyDueAt: at, answer: null })])
  // An open 受理自办 item for the 催办 sample.
  cloud.store.insert('resolutions', [{ _id: 'badinput-open-item', topicId: null, source: 'handle', communityId: 'c_pingshan', townshipId: 'ts_pingshan', title: '清理楼道杂物', vote: { for: 0, against: 0, abstain: 0 }, passed: true, assigneeName: '陈网格', assigneeOpenid: null, dueAt: at, handlingFrom: at, disclosureDueAt: null, disclosures: [], resultPublishedAt: null, reopenedAt: null, callback: null, ratingCount: 0, ratingSum: 0, openDueAt: null }])
  // 资源清单 entries for the resource samples (one each: the samples run in any order), and a published (揭榜) item.
  const resource = (id: string) => ({ _id: id, communityId: 'c_pingshan', townshipId: 'ts_pingshan', name: '平山物业', kind: 'unit', offer: '水电维修', contact: '13800000000', openid: null, createdAt: at, updatedAt: at, retiredAt: null })
  cloud.store.insert('resources', [resource('badinput-resource'), resource('badinput-resource-retire'), resource('badinput-resource-take')])
  cloud.store.insert('resolutions', [{ _id: 'badinput-takeable-item', topicId: null, source: 'handle', communityId: 'c_pingshan', townshipId: 'ts_pingshan', title: '修剪小区树木', vote: { for: 0, against: 0, abstain: 0 }, passed: true, assigneeName: '陈网格', assigneeOpenid: null, dueAt: at, handlingFrom: at, disclosureDueAt: null, disclosures: [], resultPublishedAt: null, reopenedAt: null, callback: null, ratingCount: 0, ratingSum: 0, openDueAt: null, openForTakingAt: at, takenAt: null }])
}, 40000)

afterAll(async () => {
  await cloud?.dispose()
  delete process.env.BOOTSTRAP_SECRET
})

// ---- generating cases from a schema ------------------------------------------------------------------------------

type Schema = any
type Path = (string | number)[]
interface Case {
  label: string
  input: unknown
}

const def = (s: Schema) => s._zod.def
function unwrap(s: Schema): { inner: Schema; optional: boolean; nullable: boolean } {
  let optional = false
  let nullable = false
  for (;;) {
    const t = def(s).type
    if (t === 'optional' || t === 'default') optional = true
    else if (t === 'nullable') nullable = true
    else return { inner: s, optional, nullable }
    s = def(s).innerType
  }
}
const checks = (s: Schema): any[] => (def(s).checks ?? []).map((c: Schema) => c._zod.def)
const check = (s: Schema, name: string) => checks(s).find((c) => c.check === name)

function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy = structuredClone(root) as any
  let node = copy
  for (const key of path.slice(0, -1)) node = node[key]
  const last = path[path.length - 1]!
  if (remove) delete node[last]
  else node[last] = value
  return copy
}
const show = (path: Path) => path.join('.') || '(input)'

/** Mutations of the value at `path` (whose schema is `schema`), each of which the schema must refuse. */
function fieldCases(root: unknown, path: Path, schema: Schema, value: unknown): Case[] {
  const { inner, nullable } = unwrap(schema)
  const type = def(inner).type
  const at = (label: string, v: unknown): Case => ({ label: `${show(path)}: ${label}`, input: setAt(root, path, v) })
  const out: Case[] = []
  if (!nullable) out.push(at('null', null))
  switch (type) {
    case 'string': {
      out.push(at('a number', 12345), at('a boolean', true), at('an array', ['x']), at('an object', { text: 'x' }), at('a 200 KB string', BIG))
      const max = inner.maxLength as number | null
      const sample = typeof value === 'string' ? value : 'a'
      if (max !== null && max !== undefined) out.push(at(`${max + 1} characters (max ${max})`, sample + 'a'.repeat(Math.max(1, max + 1 - sample.length))))
      if ((inner.minLength ?? 0) >= 1) {
        out.push(at('empty', ''))
        if (check(inner, 'overwrite')) out.push(at('only spaces', '   '))
      }
      break
    }
    case 'number': {
      out.push(at('a string', '5'), at('a boolean', true), at('an array', [1]), at('NaN-like string', 'NaN'))
      const max = inner.maxValue as number | null
      const min = inner.minValue as number | null
      if (max !== null && Number.isFinite(max)) out.push(at(`${max + 1} (max ${max})`, max + 1))
      if (min !== null && Number.isFinite(min)) out.push(at(`${min - 1} (min ${min})`, min - 1))
      if (inner.isInt) out.push(at('not an integer', (typeof value === 'number' ? value : 1) + 0.5))
      break
    }
    case 'boolean':
      out.push(at('a string', 'true'), at('a number', 1))
      break
    case 'enum':
      out.push(at('a value outside the list', 'not_a_value'), at('a number', 42), at('an array', [value]))
      break
    case 'array': {
      out.push(at('a string', 'x'), at('an object', { 0: Array.isArray(value) ? value[0] : 'x' }))
      const items = Array.isArray(value) ? value : []
      const max = check(inner, 'max_length')?.maximum as number | undefined
      const min = check(inner, 'min_length')?.minimum as number | undefined
      if (max !== undefined && items.length) out.push(at(`${max + 1} items (max ${max})`, Array.from({ length: max + 1 }, () => structuredClone(items[0]))))
      if (min !== undefined && min >= 1) out.push(at(`no items (min ${min})`, []))
      if (items.length) out.push(...fieldCases(root, [...path, 0], def(inner).element, items[0]))
      break
    }
    case 'object': {
      out.push(at('an array', [value]), at('a string', 'x'))
      out.push(...objectCases(root, path, inner, value as Record<string, unknown>))
      break
    }
    default:
      throw new Error(`no cases for schema type ${type} at ${show(path)}`)
  }
  return out
}

function objectCases(root: unknown, path: Path, schema: Schema, value: Record<string, unknown>): Case[] {
  const out: Case[] = []
  for (const [key, field] of Object.entries(def(schema).shape as Record<string, Schema>)) {
    const { optional } = unwrap(field)
    if (!optional) out.push({ label: `${show([...path, key])}: missing`, input: setAt(root, [...path, key], undefined, true) })
    if (key in value) out.push(...fieldCases(root, [...path, key], field, value[key]))
  }
  return out
}

function casesFor(contract: ActionContract, sample: Record<string, unknown>): Case[] {
  const { inner } = unwrap(contract.input)
  const out: Case[] = [
    { label: 'input is null', input: null },
    { label: 'input is a string', input: 'reportId=1' },
    { label: 'input is a number', input: 42 },
    { label: 'input is a boolean', input: true },
    { label: 'input is an array', input: [] },
    { label: 'input is the valid input in an array', input: [sample] },
    { label: 'input is a 200 KB string', input: BIG },
    { label: 'unknown field', input: { ...sample, extra: 1 } },
    { label: 'unknown field with 200 KB', input: { ...sample, extra: BIG } },
  ]
  // Fields a caller must never set: who they are, where they belong, what the store keys on.
  for (const key of ['openid', 'role', '_id', 'communityId', 'version']) {
    if (!(key in def(inner).shape)) out.push({ label: `unknown field ${key}`, input: { ...sample, [key]: key === 'role' ? 'county_office' : 'x' } })
  }
  out.push(...objectCases(sample, [], inner, sample))
  return out
}

// ---- running them -------------------------------------------------------------------------------------------------

interface Result {
  label: string
  got: string
}

/** The answer's shape and code, or what went wrong instead. */
function verdict(answer: unknown, expected: 'INVALID_INPUT' | 'UNKNOWN_ACTION'): string {
  const a = answer as { ok?: unknown; error?: { code?: unknown; message?: unknown; issues?: unknown } } | null
  if (!a || typeof a !== 'object' || a.ok !== false || !a.error || typeof a.error !== 'object') return `not a failure: ${JSON.stringify(answer)?.slice(0, 120)}`
  const extra = Object.keys(a.error).filter((k) => !['code', 'message', 'issues'].includes(k))
  if (extra.length) return `error carries ${extra.join(',')}`
  if (typeof a.error.message !== 'string' || !a.error.message) return 'error without a message'
  if (a.error.issues !== undefined && !Array.isArray(a.error.issues)) return 'issues is not a list'
  return a.error.code === expected ? expected : `${String(a.error.code)}: ${String(a.error.message)}`
}

async function runAll(jobs: { label: string; run: () => Promise<unknown>; expected: 'INVALID_INPUT' | 'UNKNOWN_ACTION' }[]): Promise<Result[]> {
  const results: Result[] = []
  const width = 8
  for (let i = 0; i < jobs.length; i += width) {
    const batch = jobs.slice(i, i + width)
    results.push(
      ...(await Promise.all(
        batch.map(async (j) => {
          try {
            return { label: j.label, got: verdict(await j.run(), j.expected) }
          } catch (err) {
            return { label: j.label, got: `platform error: ${(err as Error).message.slice(0, 160)}` }
          }
        }),
      )),
    )
  }
  return results
}
const wrong = (results: Result[], expected: string) => results.filter((r) => r.got !== expected)

test('every contract has a valid sample input', () => {
  expect(allContracts.map((c) => c.name).filter((n) => !samples[n])).toEqual([])
  const invalid = allContracts.filter((c) => !c.input.safeParse(samples[c.name]!.input).success).map((c) => c.name)
  expect(invalid).toEqual([])
})

describe.each(allContracts.map((c) => [c.name, c] as const))('%s refuses bad input', (name, contract) => {
  test('with INVALID_INPUT, changing nothing', async () => {
    const sample = samples[name]!
    const cases = casesFor(contract, sample.input)
    // The generator found something to vary on every contract with fields.
    expect(cases.length).toBeGreaterThanOrEqual(10)
    // Every case really breaks the contract, as the schema itself says.
    expect(cases.filter((c) => contract.input.safeParse(c.input).success).map((c) => c.label)).toEqual([])
    const before = storeSnapshot(cloud)
    const results = await runAll(cases.map((c) => ({ label: c.label, expected: 'INVALID_INPUT' as const, run: () => cloud.call(sample.as, contract, c.input) })))
    expect(wrong(results, 'INVALID_INPUT')).toEqual([])
    expect(storeSnapshot(cloud)).toEqual(before)
  })
})

const FUNCTIONS = [...new Set(allContracts.map((c) => c.functionName))]

describe.each(FUNCTIONS)('the %s function refuses malformed envelopes', (functionName) => {
  test('with INVALID_INPUT or UNKNOWN_ACTION, changing nothing', async () => {
    const own = allContracts.filter((c) => c.functionName === functionName)
    const foreign = allContracts.find((c) => c.functionName !== functionName)!
    const invalid: [string, unknown][] = [
      ['null', null],
      ['an empty object', {}],
      ['a string', 'whoAmI'],
      ['a number', 42],
      ['an array', [{ action: own[0]!.name }]],
      ['action is a number', { action: 123 }],
      ['action is null', { action: null }],
      ['action is an array', { action: [own[0]!.name] }],
      ['action is an object', { action: { name: own[0]!.name } }],
      ['action is empty', { action: '' }],
      ['action is 65 characters', { action: 'a'.repeat(65) }],
      ['action is 200 KB', { action: BIG }],
      ['input without action', { input: {} }],
    ]
    const unknown: [string, unknown][] = [
      ['an unknown action', { action: 'dropDatabase', input: {} }],
      ['another function’s action', { action: foreign.name, input: samples[foreign.name]!.input }],
      ['an action in the wrong case', { action: own[0]!.name.toUpperCase(), input: {} }],
      ['an inherited property name', { action: 'constructor', input: {} }],
      ['__proto__', { action: '__proto__', input: {} }],
      ['toString', { action: 'toString' }],
    ]
    const before = storeSnapshot(cloud)
    const results = await runAll([
      ...invalid.map(([label, event]) => ({ label, expected: 'INVALID_INPUT' as const, run: () => cloud.raw(USERS.staff, functionName, event) })),
      ...unknown.map(([label, event]) => ({ label, expected: 'UNKNOWN_ACTION' as const, run: () => cloud.raw(USERS.staff, functionName, event) })),
    ])
    expect(results.filter((r, i) => r.got !== (i < invalid.length ? 'INVALID_INPUT' : 'UNKNOWN_ACTION'))).toEqual([])
    expect(storeSnapshot(cloud)).toEqual(before)
  })
})

test('the valid samples are real calls: each is accepted (so a bad input that slipped through would have changed the store)', async () => {
  const refused: string[] = []
  for (const c of allContracts) {
    const sample = samples[c.name]!
    const outcome = await cloud.call(sample.as, c, sample.input)
    if (!outcome.ok) refused.push(`${c.name}: ${outcome.error.code} ${outcome.error.message}`)
  }
  expect(refused).toEqual([])
  expectOk(await cloud.call(USERS.staff, allContracts.find((c) => c.name === 'whoAmI')!, {}))
}, 30000)
