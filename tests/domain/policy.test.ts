import type { Actor, DeliberationStep, Topic } from '../../src/domain/model'
import {
  ACTION_NAMES,
  TOPIC_ACTIONS,
  allowedActions,
  decide,
  mayInvite,
  type ActionName,
  type DenialCode,
  type Subject,
} from '../../src/domain/policy'
import { ROLES, type Role } from '../../src/domain/roles'
import type { TopicStage } from '../../src/domain/stages'
import { COMMUNITY, DEPARTMENT, GRID, NOTICE_CLOSES, TOWNSHIP, actor, at, noticeFields, plusMs, rating, report, resolution, topic } from './fixtures'

/** All decisions are made at this moment: Beijing 2026-03-20 10:00, three days into handling. */
const NOW = at('2026-03-20T02:00:00Z')

// ---------------------------------------------------------------------------------------------------------------
// Expectations, written out by hand (not read from ACTION_RULES) so that a change to the rules fails a test.
// ---------------------------------------------------------------------------------------------------------------

/** Who may take each action at all. */
const ALLOWED_ROLES: Record<ActionName, readonly Role[]> = {
  submitReport: ['resident', 'representative', 'grid_worker'],
  clearReport: ['community_staff', 'grid_worker'],
  meTooReport: ['resident', 'representative'],
  triageReport: ['community_staff', 'grid_worker'],
  publishTopic: ['community_staff'],
  attachReport: ['community_staff', 'grid_worker'],
  joinTopic: ['resident', 'representative'],
  followTopic: ['resident', 'representative'],
  supportTopic: ['resident', 'representative'],
  postOpinion: ['resident', 'representative'],
  recordDeliberationStep: ['community_staff'],
  recordMeeting: ['community_staff'],
  publishNotice: ['community_staff'],
  reviseNotice: ['community_staff'],
  fileObjection: ['resident', 'representative'],
  answerObjection: ['community_staff'],
  clearObjection: ['community_staff'],
  publishProgress: ['community_staff', 'grid_worker', 'department_staff'],
  publishResult: ['community_staff', 'grid_worker', 'department_staff'],
  rateResult: ['resident', 'representative'],
  replyToRating: ['community_staff', 'department_staff'],
  recordCallback: ['community_staff', 'county_office'],
  getTopic: ['resident', 'representative', 'grid_worker', 'community_staff', 'township_supervisor', 'county_office', 'department_staff'],
  listCallbacks: ['community_staff', 'township_supervisor', 'county_office'],
  sweepDeadlines: ['community_staff', 'township_supervisor', 'county_office'],
  clearMedia: ['community_staff', 'grid_worker', 'township_supervisor', 'county_office'],
  viewPrivateDetails: ['community_staff', 'grid_worker', 'township_supervisor', 'county_office'],
  createTownship: ['county_office'],
  createCommunity: ['county_office', 'township_supervisor'],
  renamePlace: ['county_office', 'township_supervisor'],
  retirePlace: ['county_office', 'township_supervisor'],
  getCommunitySettings: ['resident', 'representative', 'grid_worker', 'community_staff', 'township_supervisor', 'county_office'],
  updateCommunitySettings: ['community_staff'],
  listStaff: ['county_office', 'township_supervisor', 'community_staff'],
  revokeInvitation: ['county_office', 'township_supervisor', 'community_staff'],
  unbindStaff: ['county_office', 'township_supervisor', 'community_staff'],
  confirmResult: ['resident', 'representative'],
  markDuplicate: ['community_staff', 'grid_worker'],
  withdrawJoin: ['resident', 'representative'],
  getTownshipOverview: ['township_supervisor', 'county_office'],
  superviseEscalation: ['township_supervisor'],
  answerSupervision: ['community_staff'],
  getCountyCycle: ['township_supervisor', 'county_office'],
  exportCountyCycle: ['township_supervisor', 'county_office'],
  getCommunityList: ['community_staff', 'grid_worker', 'township_supervisor', 'county_office'],
  exportCommunityList: ['community_staff', 'grid_worker', 'township_supervisor', 'county_office'],
  urgeItem: ['township_supervisor', 'community_staff'],
  recordMonthlyReview: ['township_supervisor'],
  listMonthlyReviews: ['township_supervisor', 'county_office', 'community_staff'],
  searchTopics: ['resident', 'representative', 'grid_worker', 'community_staff', 'township_supervisor', 'county_office'],
  saveResource: ['community_staff'],
  retireResource: ['community_staff'],
  listResources: ['community_staff', 'grid_worker', 'township_supervisor', 'county_office'],
  assignItemToResource: ['community_staff'],
  publishItemForTaking: ['community_staff'],
  takeItem: ['community_staff', 'resident', 'representative'],
  makeNoticePoster: ['community_staff'],
  createDepartment: ['county_office', 'township_supervisor'],
  renameDepartment: ['county_office', 'township_supervisor'],
  retireDepartment: ['county_office', 'township_supervisor'],
  listDepartments: ['community_staff', 'grid_worker', 'township_supervisor', 'county_office', 'department_staff'],
  listDepartmentItems: ['department_staff'],
  listSupervisions: ['community_staff'],
  listItemsOpenForTaking: ['resident', 'representative', 'community_staff', 'grid_worker'],
  listVolunteerCandidates: ['community_staff'],
}

/** Actions where a grid worker reaches only their own grid (others: the whole community). */
const GRID_SCOPED: readonly ActionName[] = ['clearReport', 'triageReport', 'attachReport', 'clearMedia', 'viewPrivateDetails', 'markDuplicate']
/** Actions without a place of their own: any allowed role may take them wherever the subject is. */
const UNPLACED: readonly ActionName[] = ['listCallbacks', 'sweepDeadlines', 'createTownship', 'listStaff', 'revokeInvitation', 'unbindStaff', 'getTownshipOverview', 'getCountyCycle', 'exportCountyCycle', 'listMonthlyReviews', 'listDepartments', 'listDepartmentItems']

/** The topic stages in which each topic-bound action is open. */
const OPEN_STAGES: Partial<Record<ActionName, readonly TopicStage[]>> = {
  attachReport: ['published', 'deliberated'],
  joinTopic: ['published'],
  followTopic: ['published', 'deliberated', 'noticed', 'handling', 'resultPublished'],
  supportTopic: ['published'],
  postOpinion: ['published', 'deliberated', 'noticed'],
  recordDeliberationStep: ['published'],
  recordMeeting: ['published'],
  publishNotice: ['deliberated'],
  reviseNotice: ['noticed', 'handling'],
  fileObjection: ['noticed'],
  answerObjection: ['noticed', 'handling', 'resultPublished'],
  withdrawJoin: ['published'],
  makeNoticePoster: ['noticed'],
}
const firstRole = (action: ActionName): Role => ALLOWED_ROLES[action][0]!
const ALL_STAGES: readonly TopicStage[] = ['published', 'deliberated', 'noticed', 'handling', 'resultPublished']

// ---------------------------------------------------------------------------------------------------------------
// Subjects: each action's subject in a state where it is open (all guards satisfied).
// ---------------------------------------------------------------------------------------------------------------

const HELD = at('2026-03-11T12:30:00Z')
/** A meeting still to come at NOW (withdrawJoin is open only before it). */
const MEETING_AHEAD = at('2026-03-25T11:00:00Z')
const RESULT = at('2026-03-19T02:00:00Z')

function topicAt(stage: TopicStage, over: Partial<Topic> = {}): Topic {
  switch (stage) {
    case 'published':
      return topic(over)
    case 'deliberated':
      return topic({ heldAt: HELD, quorumMet: true, ...over })
    case 'noticed':
      // closes after NOW
      return topic({ heldAt: HELD, quorumMet: true, ...noticeFields(at('2026-03-22T15:59:59.999Z')), ...over })
    case 'handling':
      return topic({ heldAt: HELD, quorumMet: true, ...noticeFields(), ...over })
    case 'resultPublished':
      return topic({ heldAt: HELD, quorumMet: true, ...noticeFields(), resultPublishedAt: RESULT, ...over })
  }
}

/** A passed item in handling: its clock started when the notice closed (2026-03-17), next disclosure due 2026-03-24. */
const handlingResolution = () =>
  resolution({ handlingFrom: NOTICE_CLOSES, disclosureDueAt: at('2026-03-24T15:59:59.999Z'), openDueAt: at('2026-04-30T15:59:59.999Z') })
const doneResolution = () => resolution({ handlingFrom: NOTICE_CLOSES, disclosureDueAt: null, resultPublishedAt: RESULT })
const heldReport = () => report({ heldForReviewAt: at('2026-03-01T01:00:01Z') })

const DELIBERATIONS = (steps: DeliberationStep[]) => steps.map((step, i) => ({ step, at: at(`2026-03-0${i + 2}T02:00:00Z`), by: 's', note: '' }))

/** A 三单 item (受理自办) with its published result, reported by `reporterOpenid`. */
const doneTriageItem = (reporterOpenid: string) => ({
  resolution: resolution({ source: 'handle', topicId: null, reportId: 'rp1', handlingFrom: NOTICE_CLOSES, disclosureDueAt: null, resultPublishedAt: RESULT }),
  report: report({ reporterOpenid }),
})

/** A department member acts on items transferred to their department: for them the item names it. */
const ofDepartment = (role: Role) => (role === 'department_staff' ? { departmentId: DEPARTMENT } : {})

/** `role`: who takes the action, for actions only the item's own reporter may take (the reporter is that actor). */
function openSubject(action: ActionName, role: Role = firstRole(action)): Omit<Subject, 'communityId' | 'townshipId' | 'gridId'> {
  switch (action) {
    case 'confirmResult':
      return doneTriageItem(actor(role).openid)
    case 'markDuplicate':
      return { report: report() }
    case 'submitReport':
    case 'publishTopic':
    case 'viewPrivateDetails':
    case 'listCallbacks':
    case 'sweepDeadlines':
    case 'createTownship':
    case 'createCommunity':
    case 'renamePlace':
    case 'retirePlace':
    case 'getCommunitySettings':
    case 'updateCommunitySettings':
    case 'searchTopics':
    case 'listStaff':
    case 'revokeInvitation':
    case 'unbindStaff':
    case 'getTownshipOverview':
    case 'getCountyCycle':
    case 'exportCountyCycle':
    case 'getCommunityList':
    case 'exportCommunityList':
    case 'recordMonthlyReview':
    case 'listMonthlyReviews':
    case 'createDepartment':
    case 'renameDepartment':
    case 'retireDepartment':
    case 'listDepartments':
    case 'listDepartmentItems':
    case 'listSupervisions':
      return {}
    case 'superviseEscalation':
      return { escalation: { supervision: null } }
    case 'answerSupervision':
      return { escalation: { supervision: { answer: null } } }
    case 'getTopic':
      // A 联席会议 topic invites the department_staff actor's department.
      return { topic: topicAt('published', role === 'department_staff' ? { invitedDepartmentIds: [DEPARTMENT] } : {}) }
    case 'clearReport':
      return { report: heldReport() }
    case 'triageReport':
      return { report: report() }
    case 'clearMedia':
      // Field staff decide a report's photo; the township and the county a 一月一问效 record's.
      return role === 'township_supervisor' || role === 'county_office' ? { media: { status: 'review', subject: 'review' } } : { report: report(), media: { status: 'review', subject: 'report' } }
    case 'meTooReport':
      return { report: report({ reporterOpenid: 'o-neighbour' }) }
    case 'attachReport':
      return { topic: topicAt('published'), report: report() }
    case 'joinTopic':
    case 'followTopic':
    case 'supportTopic':
    case 'postOpinion':
    case 'recordMeeting':
      return { topic: topicAt('published') }
    case 'recordDeliberationStep':
      return { topic: topicAt('published', { requiresFourDeliberations: true }) }
    case 'withdrawJoin':
      return { topic: topicAt('published', { meetingAt: MEETING_AHEAD }), joined: true }
    case 'publishNotice':
      return { topic: topicAt('deliberated') }
    case 'reviseNotice':
      return { topic: topicAt('noticed'), handlingStarted: false }
    case 'fileObjection':
    case 'makeNoticePoster':
      return { topic: topicAt('noticed') }
    case 'answerObjection':
      return {
        topic: topicAt('noticed'),
        objection: { _id: 'ob1', topicId: 'tp1', communityId: COMMUNITY, openid: 'o-r', authorName: '李四', noticeRevision: 1, text: '反对', at: at('2026-03-13T02:00:00Z'), answer: null },
      }
    case 'clearObjection':
      return {
        topic: topicAt('noticed'),
        objection: { _id: 'ob1', topicId: 'tp1', communityId: COMMUNITY, openid: 'o-r', authorName: '李四', noticeRevision: 1, text: '反对', at: at('2026-03-13T02:00:00Z'), answer: null, heldForReviewAt: at('2026-03-13T02:00:00Z'), clearedAt: null },
      }
    case 'publishProgress':
    case 'publishResult':
      return { topic: topicAt('handling'), resolution: { ...handlingResolution(), ...ofDepartment(role) } }
    case 'urgeItem':
      return { topic: topicAt('handling'), resolution: handlingResolution() }
    case 'rateResult':
    case 'recordCallback':
      return { topic: topicAt('resultPublished'), resolution: doneResolution() }
    case 'replyToRating':
      return { topic: topicAt('resultPublished'), resolution: { ...doneResolution(), ...ofDepartment(role) }, rating: rating({ stars: 1 }) }
    case 'saveResource':
    case 'listResources':
      return {}
    case 'retireResource':
      return { resource: { kind: 'unit', openid: null, retiredAt: null } }
    case 'assignItemToResource':
    case 'publishItemForTaking':
      return { resolution: handlingResolution(), resource: { kind: 'unit', openid: null, retiredAt: null } }
    // A published item, taken for the volunteer who is the caller (staff may act for any entry).
    case 'takeItem':
      return { resolution: { ...handlingResolution(), openForTakingAt: NOTICE_CLOSES, takenAt: null } as Subject['resolution'], resource: { kind: 'volunteer', openid: actor(role).openid, retiredAt: null } }
    case 'listItemsOpenForTaking':
    case 'listVolunteerCandidates':
      return {}
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Scopes: the actor always sits in community c1 / grid g1 / township t1 (the county office everywhere).
// ---------------------------------------------------------------------------------------------------------------

type Place = 'inScope' | 'otherGrid' | 'otherCommunity' | 'otherTownship'
const PLACES: Record<Place, Pick<Subject, 'communityId' | 'townshipId' | 'gridId'>> = {
  inScope: { communityId: COMMUNITY, townshipId: TOWNSHIP, gridId: GRID },
  otherGrid: { communityId: COMMUNITY, townshipId: TOWNSHIP, gridId: 'g2' },
  otherCommunity: { communityId: 'c2', townshipId: TOWNSHIP, gridId: 'g9' },
  otherTownship: { communityId: 'c3', townshipId: 't2', gridId: 'g7' },
}

/** Where each role reaches (for a role allowed to take the action). */
function expectedReach(role: Role, place: Place, gridScoped: boolean): boolean {
  const reach: Record<Role, Record<Place, boolean>> = {
    resident: { inScope: true, otherGrid: true, otherCommunity: false, otherTownship: false },
    representative: { inScope: true, otherGrid: true, otherCommunity: false, otherTownship: false },
    community_staff: { inScope: true, otherGrid: true, otherCommunity: false, otherTownship: false },
    grid_worker: { inScope: true, otherGrid: !gridScoped, otherCommunity: false, otherTownship: false },
    township_supervisor: { inScope: true, otherGrid: true, otherCommunity: true, otherTownship: false },
    county_office: { inScope: true, otherGrid: true, otherCommunity: true, otherTownship: true },
    // Reaches no place: only the items transferred to their department and the 联席会议 topics inviting it.
    department_staff: { inScope: true, otherGrid: true, otherCommunity: true, otherTownship: true },
  }
  return reach[role][place]
}

const codeOf = (d: ReturnType<typeof decide>): DenialCode | 'ALLOWED' => (d.allowed ? 'ALLOWED' : d.code)

describe('the expectation tables cover exactly the actions and roles of the product', () => {
  test('every action has a row, and no row names an unknown action', () => {
    expect([...ACTION_NAMES].sort()).toEqual(Object.keys(ALLOWED_ROLES).sort())
  })
  test('roles', () => {
    expect([...ROLES].sort()).toEqual(['community_staff', 'county_office', 'department_staff', 'grid_worker', 'representative', 'resident', 'township_supervisor'])
  })
})

describe('authorization matrix: action × role × place', () => {
  const cases: [ActionName, Role, Place, DenialCode | 'ALLOWED'][] = []
  for (const action of Object.keys(ALLOWED_ROLES) as ActionName[]) {
    for (const role of ROLES) {
      for (const place of Object.keys(PLACES) as Place[]) {
        const expected = !ALLOWED_ROLES[action].includes(role)
          ? 'FORBIDDEN'
          : UNPLACED.includes(action) || expectedReach(role, place, GRID_SCOPED.includes(action))
            ? 'ALLOWED'
            : 'OUT_OF_SCOPE'
        cases.push([action, role, place, expected])
      }
    }
  }
  test('the matrix is complete', () => {
    expect(cases).toHaveLength(65 * 7 * 4)
  })
  test.each(cases)('%s by %s (%s) → %s', (action, role, place, expected) => {
    const subject: Subject = { ...PLACES[place], ...openSubject(action, role) }
    expect(codeOf(decide(action, actor(role), subject, NOW))).toBe(expected)
  })
})

describe('who decides a held photo', () => {
  const held = (subject: string): Subject => ({ ...PLACES.inScope, media: { status: 'review', subject } })
  test('a 一月一问效 photo is decided by the township or the county, never by the community under review', () => {
    expect(codeOf(decide('clearMedia', actor('township_supervisor'), held('review'), NOW))).toBe('ALLOWED')
    expect(codeOf(decide('clearMedia', actor('county_office'), held('review'), NOW))).toBe('ALLOWED')
    expect(codeOf(decide('clearMedia', actor('community_staff'), held('review'), NOW))).toBe('FORBIDDEN')
    expect(codeOf(decide('clearMedia', actor('grid_worker'), held('review'), NOW))).toBe('FORBIDDEN')
  })
  test('a report’s photo is decided by the community’s field staff, not by the township', () => {
    expect(codeOf(decide('clearMedia', actor('community_staff'), held('report'), NOW))).toBe('ALLOWED')
    expect(codeOf(decide('clearMedia', actor('township_supervisor'), held('report'), NOW))).toBe('FORBIDDEN')
  })
})

describe('scope edge cases', () => {
  test('a department member acts only on items transferred to their own department', () => {
    const subject = (departmentId: string | null) => ({ ...PLACES.inScope, topic: topicAt('handling'), resolution: { ...handlingResolution(), departmentId } })
    expect(codeOf(decide('publishProgress', actor('department_staff'), subject(DEPARTMENT), NOW))).toBe('ALLOWED')
    expect(codeOf(decide('publishProgress', actor('department_staff', { departmentId: 'dep2' }), subject(DEPARTMENT), NOW))).toBe('OUT_OF_SCOPE')
    expect(codeOf(decide('publishResult', actor('department_staff'), subject(null), NOW))).toBe('OUT_OF_SCOPE')
    expect(codeOf(decide('publishProgress', actor('department_staff', { departmentId: null }), subject(null), NOW))).toBe('OUT_OF_SCOPE')
  })
  test('a township supervisor manages only their township’s departments, never a county-level one', () => {
    const sup = actor('township_supervisor')
    expect(codeOf(decide('createDepartment', sup, { communityId: '', townshipId: TOWNSHIP }, NOW))).toBe('ALLOWED')
    expect(codeOf(decide('renameDepartment', sup, { communityId: '', townshipId: 't2' }, NOW))).toBe('OUT_OF_SCOPE')
    expect(codeOf(decide('retireDepartment', sup, { communityId: '', townshipId: '' }, NOW))).toBe('OUT_OF_SCOPE')
    expect(codeOf(decide('createDepartment', actor('county_office'), { communityId: '', townshipId: '' }, NOW))).toBe('ALLOWED')
  })
  test('a resident who has not joined a community is out of scope', () => {
    const a = actor('resident', { communityId: null, gridId: null })
    expect(codeOf(decide('joinTopic', a, { ...PLACES.inScope, topic: topicAt('published') }, NOW))).toBe('OUT_OF_SCOPE')
  })
  test('a township supervisor without a township reaches nothing', () => {
    const a = actor('township_supervisor', { townshipId: null })
    expect(codeOf(decide('viewPrivateDetails', a, PLACES.inScope, NOW))).toBe('OUT_OF_SCOPE')
  })
  test('a grid worker with grid-scoped work on an item without a grid acts community-wide', () => {
    const a = actor('grid_worker')
    expect(codeOf(decide('clearReport', a, { communityId: COMMUNITY, townshipId: TOWNSHIP, gridId: null, report: heldReport() }, NOW))).toBe('ALLOWED')
  })
  test('a grid worker without a grid cannot take grid-scoped work in a grid', () => {
    const a = actor('grid_worker', { gridId: null })
    expect(codeOf(decide('clearReport', a, { ...PLACES.inScope, report: heldReport() }, NOW))).toBe('OUT_OF_SCOPE')
  })
})

describe('null actor → UNAUTHENTICATED for every action', () => {
  test.each(Object.keys(ALLOWED_ROLES) as ActionName[])('%s', (action) => {
    expect(codeOf(decide(action, null, { ...PLACES.inScope, ...openSubject(action) }, NOW))).toBe('UNAUTHENTICATED')
  })
  test('allowedActions of nobody is empty', () => {
    expect(allowedActions(null, { ...PLACES.inScope, topic: topicAt('published') }, NOW)).toEqual([])
  })
})

describe('stage guards: each topic-bound action in each topic stage', () => {
  test('the table lists exactly the actions bound to a topic stage', () => {
    // Every action in OPEN_STAGES is refused without a topic; the others do not ask for one.
    for (const action of Object.keys(ALLOWED_ROLES) as ActionName[]) {
      const role = firstRole(action)
      const { topic: _t, ...withoutTopic } = openSubject(action)
      const d = decide(action, actor(role), { ...PLACES.inScope, ...withoutTopic }, NOW)
      if (OPEN_STAGES[action]) expect({ action, code: codeOf(d) }).toEqual({ action, code: 'WRONG_STAGE' })
      else expect({ action, code: codeOf(d) }).toEqual({ action, code: 'ALLOWED' })
    }
  })

  const cases: [ActionName, TopicStage, 'ALLOWED' | 'WRONG_STAGE'][] = []
  for (const [action, open] of Object.entries(OPEN_STAGES) as [ActionName, readonly TopicStage[]][]) {
    for (const stage of ALL_STAGES) cases.push([action, stage, open.includes(stage) ? 'ALLOWED' : 'WRONG_STAGE'])
  }
  test.each(cases)('%s while %s → %s', (action, stage, expected) => {
    const base = openSubject(action)
    // Keep the action's own guard satisfied in every stage; only the stage varies.
    // The meeting time stays that of the action's open subject (withdrawJoin needs one still to come).
    const t = topicAt(stage, { requiresFourDeliberations: action === 'recordDeliberationStep', ...(base.topic ? { meetingAt: base.topic.meetingAt } : {}) })
    const subject: Subject = { ...PLACES.inScope, ...base, topic: t }
    expect(codeOf(decide(action, actor(firstRole(action)), subject, NOW))).toBe(expected)
  })

  test.each([
    ['1 ms before the notice closes', plusMs(NOTICE_CLOSES, -1), 'ALLOWED', 'WRONG_STAGE'],
    ['the instant the notice closes', NOTICE_CLOSES, 'ALLOWED', 'WRONG_STAGE'],
    ['1 ms after the notice closes', plusMs(NOTICE_CLOSES, 1), 'WRONG_STAGE', 'WRONG_STAGE'],
  ] as const)('objections at %s: fileObjection %s, joinTopic %s', (_name, now, objection, join) => {
    const subject: Subject = { ...PLACES.inScope, topic: topicAt('handling') }
    expect(codeOf(decide('fileObjection', actor('resident'), subject, now))).toBe(objection)
    expect(codeOf(decide('joinTopic', actor('resident'), subject, now))).toBe(join)
  })
})

describe('the four deliberations (四议两公开)', () => {
  const staff = actor('community_staff')
  const B: DeliberationStep = 'branch_proposal'
  const C: DeliberationStep = 'committees_discussion'
  const M: DeliberationStep = 'members_review'
  const R: DeliberationStep = 'residents_resolution'

  test.each([
    ['required, none recorded', true, [], 'FOUR_DELIBERATIONS_INCOMPLETE'],
    ['required, first only', true, [B], 'FOUR_DELIBERATIONS_INCOMPLETE'],
    ['required, first two', true, [B, C], 'FOUR_DELIBERATIONS_INCOMPLETE'],
    ['required, first three in order', true, [B, C, M], 'ALLOWED'],
    ['required, three out of order (C, B, M)', true, [C, B, M], 'FOUR_DELIBERATIONS_INCOMPLETE'],
    ['required, three out of order (B, M, C)', true, [B, M, C], 'FOUR_DELIBERATIONS_INCOMPLETE'],
    ['required, the first repeated', true, [B, B, B], 'FOUR_DELIBERATIONS_INCOMPLETE'],
    ['required, skipping the first', true, [C, M], 'FOUR_DELIBERATIONS_INCOMPLETE'],
    ['not required, none recorded', false, [], 'ALLOWED'],
  ] as const)('recordMeeting: %s → %s', (_name, requires, steps, expected) => {
    const t = topicAt('published', { requiresFourDeliberations: requires, deliberations: DELIBERATIONS([...steps]) })
    expect(codeOf(decide('recordMeeting', staff, { ...PLACES.inScope, topic: t }, NOW))).toBe(expected)
  })

  test.each([
    ['required, all four in order', true, [B, C, M, R], true, 'ALLOWED'],
    ['required, only three', true, [B, C, M], true, 'FOUR_DELIBERATIONS_INCOMPLETE'],
    ['required, four with the last two swapped', true, [B, C, R, M], true, 'FOUR_DELIBERATIONS_INCOMPLETE'],
    ['required, four with the first two swapped', true, [C, B, M, R], true, 'FOUR_DELIBERATIONS_INCOMPLETE'],
    ['required, none', true, [], true, 'FOUR_DELIBERATIONS_INCOMPLETE'],
    ['required, all four but no quorum', true, [B, C, M, R], false, 'NO_PASSED_RESOLUTION'],
    ['not required, quorum met', false, [], true, 'ALLOWED'],
    ['not required, quorum unknown', false, [], null, 'ALLOWED'],
    ['not required, no quorum', false, [], false, 'NO_PASSED_RESOLUTION'],
  ] as const)('publishNotice: %s → %s', (_name, requires, steps, quorum, expected) => {
    const t = topicAt('deliberated', { requiresFourDeliberations: requires, deliberations: DELIBERATIONS([...steps]), quorumMet: quorum })
    expect(codeOf(decide('publishNotice', staff, { ...PLACES.inScope, topic: t }, NOW))).toBe(expected)
  })

  test.each([
    ['not required', false, [], 'WRONG_STAGE'],
    ['required, none yet', true, [], 'ALLOWED'],
    ['required, two recorded', true, [B, C], 'ALLOWED'],
    ['required, three recorded', true, [B, C, M], 'ALREADY_DONE'],
  ] as const)('recordDeliberationStep: %s → %s', (_name, requires, steps, expected) => {
    const t = topicAt('published', { requiresFourDeliberations: requires, deliberations: DELIBERATIONS([...steps]) })
    expect(codeOf(decide('recordDeliberationStep', staff, { ...PLACES.inScope, topic: t }, NOW))).toBe(expected)
  })
})

describe('guards on the stored subject', () => {
  const staff = actor('community_staff')
  const grid = actor('grid_worker')
  const resident = actor('resident')
  const within = (s: Omit<Subject, 'communityId' | 'townshipId'>): Subject => ({ ...PLACES.inScope, ...s })
  const passedAwaiting = resolution({ handlingFrom: NOTICE_CLOSES, disclosureDueAt: at('2026-03-24T15:59:59.999Z') })

  test.each([
    // publishProgress / publishResult need an item being handled
    ['publishProgress: no item', 'publishProgress', grid, within({}), 'WRONG_STAGE'],
    ['publishProgress: rejected item', 'publishProgress', grid, within({ resolution: resolution({ passed: false }) }), 'WRONG_STAGE'],
    ['publishProgress: awaiting the notice', 'publishProgress', grid, within({ resolution: resolution() }), 'WRONG_STAGE'],
    ['publishProgress: clock starts later', 'publishProgress', grid, within({ resolution: resolution({ handlingFrom: at('2026-03-25T15:59:59.999Z') }) }), 'WRONG_STAGE'],
    ['publishProgress: handling', 'publishProgress', grid, within({ resolution: passedAwaiting }), 'ALLOWED'],
    ['publishProgress: overdue still may (must) disclose', 'publishProgress', grid, within({ resolution: resolution({ handlingFrom: NOTICE_CLOSES, disclosureDueAt: at('2026-03-19T15:59:59.999Z') }) }), 'ALLOWED'],
    ['publishProgress: done', 'publishProgress', grid, within({ resolution: doneResolution() }), 'ALREADY_DONE'],
    ['publishProgress: unanswered objections do not block progress', 'publishProgress', grid, within({ topic: topicAt('handling', { counts: { ...topic().counts, unansweredObjections: 2 } }), resolution: passedAwaiting }), 'ALLOWED'],
    ['publishResult: unanswered objections', 'publishResult', staff, within({ topic: topicAt('handling', { counts: { ...topic().counts, objections: 3, unansweredObjections: 1 } }), resolution: passedAwaiting }), 'OBJECTIONS_UNANSWERED'],
    ['publishResult: all objections answered', 'publishResult', staff, within({ topic: topicAt('handling', { counts: { ...topic().counts, objections: 3, unansweredObjections: 0 } }), resolution: passedAwaiting }), 'ALLOWED'],
    ['publishResult: already done beats objections', 'publishResult', staff, within({ topic: topicAt('handling', { counts: { ...topic().counts, unansweredObjections: 1 } }), resolution: doneResolution() }), 'ALREADY_DONE'],
    ['publishResult: rejected item', 'publishResult', staff, within({ resolution: resolution({ passed: false }) }), 'WRONG_STAGE'],
    // ratings
    ...([1, 2] as const).map((stars) => [`replyToRating: ${stars} stars, no reply`, 'replyToRating', staff, within({ rating: rating({ stars }) }), 'ALLOWED'] as const),
    ...([3, 4, 5] as const).map((stars) => [`replyToRating: ${stars} stars`, 'replyToRating', staff, within({ rating: rating({ stars }) }), 'NOT_LOW_RATING'] as const),
    ['replyToRating: 3 stars, replied', 'replyToRating', staff, within({ rating: rating({ stars: 3, reply: { text: '谢谢', at: NOW, by: 's' } }) }), 'NOT_LOW_RATING'],
    ['replyToRating: 2 stars, already replied', 'replyToRating', staff, within({ rating: rating({ stars: 2, reply: { text: '已整改', at: NOW, by: 's' } }) }), 'ALREADY_DONE'],
    ['replyToRating: 1 star, already replied', 'replyToRating', staff, within({ rating: rating({ stars: 1, reply: { text: '已整改', at: NOW, by: 's' } }) }), 'ALREADY_DONE'],
    ['replyToRating: no rating', 'replyToRating', staff, within({}), 'NOT_LOW_RATING'],
    ['rateResult: before the result', 'rateResult', resident, within({ resolution: passedAwaiting }), 'WRONG_STAGE'],
    ['rateResult: no item', 'rateResult', resident, within({}), 'WRONG_STAGE'],
    // 月回访 covers items decided in the month as well as those completed: a decided item is called back before its result.
    ['recordCallback: decided, before the result', 'recordCallback', staff, within({ resolution: passedAwaiting }), 'ALLOWED'],
    ['recordCallback: a rejected item', 'recordCallback', staff, within({ resolution: resolution({ passed: false, handlingFrom: NOTICE_CLOSES }) }), 'WRONG_STAGE'],
    ['recordCallback: a month whose list lacks the item', 'recordCallback', staff, within({ resolution: passedAwaiting, callbackMonth: '2025-01' }), 'WRONG_STAGE'],
    ['recordCallback: the month already called back', 'recordCallback', staff, within({ resolution: { ...passedAwaiting, callback: { month: '2026-03', outcome: 'fixed', note: '', at: NOTICE_CLOSES, by: 'o' } }, callbackMonth: '2026-03' }), 'ALREADY_DONE'],
    // notices and objections
    ['reviseNotice: after handling disclosures began', 'reviseNotice', staff, within({ topic: topicAt('handling'), handlingStarted: true }), 'WRONG_STAGE'],
    ['reviseNotice: handling, nothing disclosed yet', 'reviseNotice', staff, within({ topic: topicAt('handling'), handlingStarted: false }), 'ALLOWED'],
    [
      'answerObjection: already answered',
      'answerObjection',
      staff,
      within({
        topic: topicAt('noticed'),
        objection: { _id: 'ob1', topicId: 'tp1', communityId: COMMUNITY, openid: 'o-r', authorName: '李四', noticeRevision: 1, text: '反对', at: NOW, answer: { text: '已说明', at: NOW, by: 's' } },
      }),
      'ALREADY_DONE',
    ],
    ['clearObjection: not held', 'clearObjection', staff, within({ topic: topicAt('noticed'), objection: { _id: 'ob1', topicId: 'tp1', communityId: COMMUNITY, openid: 'o-r', authorName: '李四', noticeRevision: 1, text: '反对', at: NOW, answer: null } }), 'WRONG_STAGE'],
    ['clearObjection: held and already cleared', 'clearObjection', staff, within({ topic: topicAt('noticed'), objection: { _id: 'ob1', topicId: 'tp1', communityId: COMMUNITY, openid: 'o-r', authorName: '李四', noticeRevision: 1, text: '反对', at: NOW, answer: null, heldForReviewAt: NOW, clearedAt: NOW } }), 'WRONG_STAGE'],
    ['clearObjection: no objection', 'clearObjection', staff, within({ topic: topicAt('noticed') }), 'WRONG_STAGE'],
    ['meTooReport: held for review', 'meTooReport', resident, within({ report: report({ reporterOpenid: 'o-n', heldForReviewAt: NOW }) }), 'WRONG_STAGE'],
    ['meTooReport: already triaged', 'meTooReport', resident, within({ report: report({ reporterOpenid: 'o-n', triagedAt: NOW }) }), 'WRONG_STAGE'],
    ['meTooReport: no report', 'meTooReport', resident, within({}), 'WRONG_STAGE'],
    ['meTooReport: held then cleared', 'meTooReport', resident, within({ report: report({ reporterOpenid: 'o-n', heldForReviewAt: NOW, clearedAt: NOW }) }), 'ALLOWED'],
    ['meTooReport: on the caller own report', 'meTooReport', resident, within({ report: report({ reporterOpenid: resident.openid }) }), 'ALREADY_DONE'],
    // reports
    ['clearReport: not held', 'clearReport', grid, within({ report: report() }), 'WRONG_STAGE'],
    ['clearReport: held and already cleared', 'clearReport', grid, within({ report: report({ heldForReviewAt: NOW, clearedAt: NOW }) }), 'WRONG_STAGE'],
    ['clearReport: no report', 'clearReport', grid, within({}), 'WRONG_STAGE'],
    ['triageReport: still held', 'triageReport', grid, within({ report: heldReport() }), 'WRONG_STAGE'],
    ['triageReport: held then cleared', 'triageReport', grid, within({ report: report({ heldForReviewAt: NOW, clearedAt: NOW }) }), 'ALLOWED'],
    ['triageReport: already triaged', 'triageReport', grid, within({ report: report({ triage: { kind: 'reply', by: 'g', byName: 'g', note: '', department: null, topicId: null } }) }), 'ALREADY_DONE'],
    ['triageReport: no report', 'triageReport', grid, within({}), 'WRONG_STAGE'],
    ['attachReport: report still held for review', 'attachReport', staff, within({ topic: topicAt('published'), report: heldReport() }), 'WRONG_STAGE'],
    ['attachReport: held then cleared', 'attachReport', staff, within({ topic: topicAt('deliberated'), report: report({ heldForReviewAt: NOW, clearedAt: NOW }) }), 'ALLOWED'],
    ['attachReport: already triaged', 'attachReport', staff, within({ topic: topicAt('published'), report: report({ triage: { kind: 'topic', by: 'g', byName: 'g', note: '', department: null, topicId: 'tpX' } }) }), 'ALREADY_DONE'],
  ] as [string, ActionName, Actor, Subject, DenialCode | 'ALLOWED'][])('%s → %s', (_name, action, a, subject, expected) => {
    expect(codeOf(decide(action, a, subject, NOW))).toBe(expected)
  })

  test('publishResult is refused with OBJECTIONS_UNANSWERED and a reason to show', () => {
    const d = decide('publishResult', staff, within({ topic: topicAt('handling', { counts: { ...topic().counts, unansweredObjections: 1 } }), resolution: passedAwaiting }), NOW)
    expect(d).toEqual({ allowed: false, code: 'OBJECTIONS_UNANSWERED', reason: expect.any(String) })
    expect((d as { reason: string }).reason.length).toBeGreaterThan(0)
  })
})

describe('allowedActions returns exactly the allowed subset', () => {
  // getTopic, listCallbacks and sweepDeadlines are in the list wherever the caller may read or run them; so are the
  // set-up actions each level may take (issue 9 §1).
  // searchTopics (issue 11) is open to every role in its community, like reading the settings.
  // The 揭榜 list (issue 12) is read by everyone of the community, residents and field staff alike.
  const RESIDENT_ADMIN = ['getCommunitySettings', 'searchTopics', 'listItemsOpenForTaking']
  // 资源清单 (issue 12): read by the list readers; staff keep the roll and publish open items for taking (揭榜).
  const LISTS = ['getCommunityList', 'exportCommunityList', 'listMonthlyReviews', 'listResources']
  const STAFF_ADMIN = ['getCommunitySettings', 'updateCommunitySettings', 'listStaff', 'revokeInvitation', 'unbindStaff', 'listDepartments', ...LISTS, 'searchTopics', 'listSupervisions', 'saveResource', 'listItemsOpenForTaking', 'listVolunteerCandidates']
  const TOWNSHIP_ADMIN = ['createCommunity', 'renamePlace', 'retirePlace', 'getCommunitySettings', 'listStaff', 'revokeInvitation', 'unbindStaff', 'createDepartment', 'renameDepartment', 'retireDepartment', 'listDepartments', 'getTownshipOverview', 'getCountyCycle', 'exportCountyCycle', ...LISTS, 'searchTopics']
  const COUNTY_ADMIN = ['createTownship', ...TOWNSHIP_ADMIN]
  const sorted = (xs: readonly string[]) => [...xs].sort()
  test.each([
    ['resident, published topic', actor('resident'), { topic: topicAt('published') }, ['submitReport', 'joinTopic', 'followTopic', 'supportTopic', 'postOpinion', 'getTopic', ...RESIDENT_ADMIN]],
    ['resident, noticed topic', actor('resident'), { topic: topicAt('noticed') }, ['submitReport', 'followTopic', 'postOpinion', 'fileObjection', 'getTopic', ...RESIDENT_ADMIN]],
    ['resident, handling topic', actor('resident'), { topic: topicAt('handling'), resolution: handlingResolution() }, ['submitReport', 'followTopic', 'getTopic', ...RESIDENT_ADMIN]],
    ['resident, result published', actor('resident'), { topic: topicAt('resultPublished'), resolution: doneResolution() }, ['submitReport', 'followTopic', 'rateResult', 'getTopic', ...RESIDENT_ADMIN]],
    ['staff, published topic', actor('community_staff'), { topic: topicAt('published') }, ['publishTopic', 'recordMeeting', 'viewPrivateDetails', 'getTopic', 'listCallbacks', 'sweepDeadlines', ...STAFF_ADMIN]],
    ['staff, published topic needing the four deliberations', actor('community_staff'), { topic: topicAt('published', { requiresFourDeliberations: true }) }, ['publishTopic', 'recordDeliberationStep', 'viewPrivateDetails', 'getTopic', 'listCallbacks', 'sweepDeadlines', ...STAFF_ADMIN]],
    ['staff, deliberated topic', actor('community_staff'), { topic: topicAt('deliberated') }, ['publishTopic', 'publishNotice', 'viewPrivateDetails', 'getTopic', 'listCallbacks', 'sweepDeadlines', ...STAFF_ADMIN]],
    ['staff, handling item, nothing disclosed', actor('community_staff'), { topic: topicAt('handling'), resolution: handlingResolution(), handlingStarted: false }, ['publishTopic', 'reviseNotice', 'publishProgress', 'publishResult', 'recordCallback', 'viewPrivateDetails', 'getTopic', 'listCallbacks', 'sweepDeadlines', ...STAFF_ADMIN, 'urgeItem', 'publishItemForTaking']],
    ['grid worker, held report in own grid', actor('grid_worker'), { report: heldReport() }, ['submitReport', 'clearReport', 'viewPrivateDetails', 'getTopic', 'listDepartments', ...RESIDENT_ADMIN, 'getCommunityList', 'exportCommunityList', 'listResources']],
    ['grid worker, held report in another grid', actor('grid_worker'), { report: heldReport(), gridId: 'g2' }, ['submitReport', 'getTopic', 'listDepartments', ...RESIDENT_ADMIN, 'getCommunityList', 'exportCommunityList', 'listResources']],
    ['county office, done item', actor('county_office'), { topic: topicAt('resultPublished'), resolution: doneResolution() }, ['recordCallback', 'viewPrivateDetails', 'getTopic', 'listCallbacks', 'sweepDeadlines', ...COUNTY_ADMIN]],
    ['township supervisor, done item', actor('township_supervisor'), { topic: topicAt('resultPublished'), resolution: doneResolution() }, ['viewPrivateDetails', 'getTopic', 'listCallbacks', 'sweepDeadlines', ...TOWNSHIP_ADMIN, 'recordMonthlyReview']],
    ['resident of another community', actor('resident', { communityId: 'c2' }), { topic: topicAt('published') }, []],
  ] as [string, Actor, Partial<Subject>, ActionName[]][])('%s', (_name, a, s, expected) => {
    const subject: Subject = { ...PLACES.inScope, ...s }
    expect(sorted(allowedActions(a, subject, NOW))).toEqual(sorted(expected))
  })

  test('`among` restricts to the listed actions', () => {
    const subject: Subject = { ...PLACES.inScope, topic: topicAt('noticed') }
    expect(sorted(allowedActions(actor('resident'), subject, NOW, TOPIC_ACTIONS))).toEqual(sorted(['followTopic', 'postOpinion', 'fileObjection']))
    expect(allowedActions(actor('resident'), subject, NOW, ['publishTopic', 'fileObjection'])).toEqual(['fileObjection'])
  })

  test('on every action’s open subject in scope, lists the action exactly for the roles allowed it', () => {
    for (const role of ROLES) {
      for (const action of ACTION_NAMES) {
        const subject: Subject = { ...PLACES.inScope, ...openSubject(action, role) }
        const listed = allowedActions(actor(role), subject, NOW).includes(action)
        expect({ role, action, listed }).toEqual({ role, action, listed: ALLOWED_ROLES[action].includes(role) })
      }
    }
  })
})

describe('mayInvite: each level invites strictly the level below, nobody invites its own level or upward', () => {
  // issuer → roles it may invite; everything else refused (issue 9: strictly one level down)
  const MAY: Record<Role, readonly Role[]> = {
    county_office: ['township_supervisor', 'department_staff'],
    township_supervisor: ['community_staff', 'department_staff'],
    community_staff: ['grid_worker', 'representative'],
    department_staff: [],
    grid_worker: [],
    representative: [],
    resident: [],
  }
  const cases: [Role, Role, boolean][] = []
  for (const issuer of ROLES) for (const role of ROLES) cases.push([issuer, role, MAY[issuer].includes(role)])
  test.each(cases)('%s invites %s → %s', (issuer, role, expected) => {
    expect(mayInvite(actor(issuer), role)).toBe(expected)
  })

  const LEVEL: Record<Role, number> = { resident: 0, representative: 1, grid_worker: 1, community_staff: 2, department_staff: 2, township_supervisor: 3, county_office: 4 }
  test('no invitation goes upward', () => {
    for (const issuer of ROLES) {
      for (const role of ROLES) {
        if (LEVEL[role] > LEVEL[issuer]) expect({ issuer, role, may: mayInvite(actor(issuer), role) }).toEqual({ issuer, role, may: false })
      }
    }
  })
})

describe('publishTopic: each report merged into the new topic must be joinable', () => {
  const staff = actor('community_staff')
  const decideWith = (r: ReturnType<typeof report>) => codeOf(decide('publishTopic', staff, { ...PLACES.inScope, report: r }, NOW))
  test('an untriaged report of the community joins', () => {
    expect(decideWith(report())).toBe('ALLOWED')
  })
  test('a report held by the content check joins only once cleared', () => {
    expect(decideWith(heldReport())).toBe('REPORT_NOT_AVAILABLE')
    expect(decideWith(report({ heldForReviewAt: at('2026-03-01T01:00:01Z'), clearedAt: at('2026-03-02T01:00:00Z') }))).toBe('ALLOWED')
  })
  test('a report already triaged, or of another community, does not join', () => {
    expect(decideWith(report({ triagedAt: at('2026-03-02T01:00:00Z') }))).toBe('REPORT_NOT_AVAILABLE')
    expect(decideWith(report({ communityId: 'c2' }))).toBe('REPORT_NOT_AVAILABLE')
  })
})

describe('withdrawJoin (issue 11)', () => {
  const joinedAhead: Subject = { ...PLACES.inScope, topic: topicAt('published', { meetingAt: MEETING_AHEAD }), joined: true }
  test('a resident who joined may withdraw until the meeting starts, not from its start on', () => {
    expect(codeOf(decide('withdrawJoin', actor('resident'), joinedAhead, plusMs(MEETING_AHEAD, -1)))).toBe('ALLOWED')
    expect(codeOf(decide('withdrawJoin', actor('resident'), joinedAhead, MEETING_AHEAD))).toBe('WRONG_STAGE')
    expect(codeOf(decide('withdrawJoin', actor('resident'), joinedAhead, plusMs(MEETING_AHEAD, 1)))).toBe('WRONG_STAGE')
  })
  test('without a join there is nothing to withdraw: ALREADY_DONE', () => {
    expect(codeOf(decide('withdrawJoin', actor('resident'), { ...joinedAhead, joined: false }, NOW))).toBe('ALREADY_DONE')
  })
  test('once the meeting is recorded the topic has moved on: WRONG_STAGE', () => {
    expect(codeOf(decide('withdrawJoin', actor('resident'), { ...joinedAhead, topic: topicAt('deliberated', { meetingAt: MEETING_AHEAD }) }, NOW))).toBe('WRONG_STAGE')
  })
})
