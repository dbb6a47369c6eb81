import path from 'node:path'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { expectFail, expectOk, type FlowCloud } from '../support/flow'
import { storeSnapshot } from '../support/flow-scenarios'
import * as account from '../../src/contracts/account'
import { submitReport, triageReport } from '../../src/contracts/reports'
import { publishTopic, getTopic, joinTopic } from '../../src/contracts/topics'
import { getHomeFeed } from '../../src/contracts/board'
import type { ActionContract, InputOf, Outcome, OutputOf } from '../../src/contracts/action'

/**
 * Set-up on a fresh data directory, through the real SDK in the function host: a county office bootstraps with the
 * secret from the function's environment, creates a township and two communities, invites staff level by level,
 * a community edits its categories, and a report in a new category becomes a topic. Each refusal changes nothing.
 */
const SECRET = 'test-bootstrap-secret-0001'
const COUNTY = 'setup-county-0001'
const SUPERVISOR = 'setup-township-0001'
const STAFF = 'setup-staff-0001'
const GRID = 'setup-grid-0001'
const REP = 'setup-rep-0001'
const RESIDENT = 'setup-resident-0001'

let cloud: TestCloud
let savedSecret: string | undefined
beforeAll(async () => {
  // The function's environment variable, as the console sets it: workers copy process.env when they start.
  savedSecret = process.env.BOOTSTRAP_SECRET
  process.env.BOOTSTRAP_SECRET = SECRET
  cloud = await startTestCloud({ functionsDir: path.resolve(__dirname, '../../dist/cloudfunctions') })
})
afterAll(async () => {
  await cloud.dispose()
  if (savedSecret === undefined) delete process.env.BOOTSTRAP_SECRET
  else process.env.BOOTSTRAP_SECRET = savedSecret
})

async function call<C extends ActionContract>(openid: string, contract: C, input: InputOf<C>): Promise<Outcome<OutputOf<C>>> {
  const r = await cloud.functions.invoke(contract.functionName, { action: contract.name, input }, { openid, source: 'wx_client' })
  if (!r.ok) throw new Error(`${contract.name}: ${r.errMsg}`)
  return r.result as Outcome<OutputOf<C>>
}

/** Every document of every declared collection: compared before and after a refusal. */
const snapshot = () => storeSnapshot(cloud as FlowCloud)
async function refusedChangingNothing(outcome: Promise<Outcome<unknown>>, code: string) {
  const before = snapshot()
  expectFail(await outcome, code)
  expect(snapshot()).toEqual(before)
}

let townshipId = ''
let pingshan: OutputOf<typeof account.createCommunity>['community']
let jinsha: OutputOf<typeof account.createCommunity>['community']

test('bootstrap: a wrong secret is refused; the right one makes the caller the county office, once', async () => {
  await refusedChangingNothing(call(COUNTY, account.bootstrapCounty, { secret: 'wrong', countyName: '屏山县', displayName: '孙主任' }), 'BOOTSTRAP_SECRET_WRONG')
  const boot = expectOk(await call(COUNTY, account.bootstrapCounty, { secret: SECRET, countyName: '屏山县', displayName: '孙主任' }))
  expect(boot.user).toMatchObject({ role: 'county_office', displayName: '孙主任' })
  expect(boot.countyName).toBe('屏山县')
  // A second bootstrap, even with the right secret and from another account, is refused.
  await refusedChangingNothing(call('setup-intruder-0001', account.bootstrapCounty, { secret: SECRET, countyName: '别县', displayName: '冒充者' }), 'ALREADY_BOOTSTRAPPED')
  expect(expectOk(await call('setup-intruder-0001', account.whoAmI, {})).user).toBeNull()
})

test('places: the county creates a township; the supervisor creates communities with grids and buildings', async () => {
  await refusedChangingNothing(call(RESIDENT, account.createTownship, { name: '屏山镇' }), 'UNAUTHENTICATED')
  townshipId = expectOk(await call(COUNTY, account.createTownship, { name: '屏山镇' })).township.id
  await refusedChangingNothing(call(COUNTY, account.createTownship, { name: '屏山镇' }), 'PLACE_NAME_TAKEN')

  // The township supervisor comes by invitation from the county office (one level down).
  const supInvite = expectOk(await call(COUNTY, account.issueInvitation, { role: 'township_supervisor', townshipId }))
  await refusedChangingNothing(call(COUNTY, account.issueInvitation, { role: 'township_supervisor', townshipId: 'ts_nowhere' }), 'UNKNOWN_PLACE')
  expect(expectOk(await call(SUPERVISOR, account.redeemInvitation, { code: supInvite.code, displayName: '何督办' })).user).toMatchObject({ role: 'township_supervisor', townshipId })

  pingshan = expectOk(
    await call(SUPERVISOR, account.createCommunity, {
      townshipId,
      name: '屏山社区',
      grids: [{ name: '东区网格', buildings: [{ name: '1栋' }, { name: '2栋' }] }, { name: '西区网格', buildings: [{ name: '5栋' }] }],
    }),
  ).community
  jinsha = expectOk(await call(COUNTY, account.createCommunity, { townshipId, name: '金沙社区', grids: [{ name: '滨江网格', buildings: [{ name: '8栋' }] }] })).community
  expect(pingshan.grids.map((g) => [g.name, g.buildings.map((b) => b.name)])).toEqual([['东区网格', ['1栋', '2栋']], ['西区网格', ['5栋']]])
  await refusedChangingNothing(call(SUPERVISOR, account.createCommunity, { townshipId: 'ts_nowhere', name: '无名社区', grids: [{ name: '一网格', buildings: [{ name: '1栋' }] }] }), 'OUT_OF_SCOPE')
  await refusedChangingNothing(call(COUNTY, account.createCommunity, { townshipId: 'ts_nowhere', name: '无名社区', grids: [{ name: '一网格', buildings: [{ name: '1栋' }] }] }), 'UNKNOWN_PLACE')

  // New communities store no settings and no category list: the defaults apply at read time.
  const stored = cloud.store.find('communities', { _id: pingshan.id }, { limit: 1 })[0] as Record<string, unknown>
  expect(stored.settings).toBeUndefined()
  expect(stored.categories).toBeUndefined()

  const listed = expectOk(await call(RESIDENT, account.listCommunities, {})).communities
  expect(listed.map((c) => c.name).sort()).toEqual(['屏山社区', '金沙社区'])
})

test('invitations go strictly one level down, to places that exist, and redemption re-checks the issuer', async () => {
  // Two levels down, or the own level, is refused.
  await refusedChangingNothing(call(COUNTY, account.issueInvitation, { role: 'community_staff', communityId: pingshan.id }), 'FORBIDDEN')
  await refusedChangingNothing(call(COUNTY, account.issueInvitation, { role: 'county_office', townshipId }), 'FORBIDDEN')
  await refusedChangingNothing(call(SUPERVISOR, account.issueInvitation, { role: 'grid_worker', communityId: pingshan.id, gridId: pingshan.grids[0]!.id }), 'FORBIDDEN')
  await refusedChangingNothing(call(SUPERVISOR, account.issueInvitation, { role: 'community_staff', communityId: 'c_nowhere' }), 'UNKNOWN_PLACE')

  const staffInvite = expectOk(await call(SUPERVISOR, account.issueInvitation, { role: 'community_staff', communityId: pingshan.id }))
  expect(expectOk(await call(STAFF, account.redeemInvitation, { code: staffInvite.code, displayName: '刘书记' })).user).toMatchObject({ role: 'community_staff', communityId: pingshan.id, townshipId })
  await refusedChangingNothing(call(STAFF, account.issueInvitation, { role: 'community_staff', communityId: pingshan.id }), 'FORBIDDEN')
  await refusedChangingNothing(call(STAFF, account.issueInvitation, { role: 'grid_worker', communityId: pingshan.id, gridId: 'g_nowhere' }), 'UNKNOWN_PLACE')
  await refusedChangingNothing(call(STAFF, account.issueInvitation, { role: 'representative', communityId: jinsha.id }), 'OUT_OF_SCOPE')

  const gridInvite = expectOk(await call(STAFF, account.issueInvitation, { role: 'grid_worker', communityId: pingshan.id, gridId: pingshan.grids[0]!.id }))
  expect(expectOk(await call(GRID, account.redeemInvitation, { code: gridInvite.code, displayName: '陈志强' })).user).toMatchObject({ role: 'grid_worker', gridId: pingshan.grids[0]!.id })
  const repInvite = expectOk(await call(STAFF, account.issueInvitation, { role: 'representative', communityId: pingshan.id }))
  expect(expectOk(await call(REP, account.redeemInvitation, { code: repInvite.code, displayName: '赵桂兰' })).user.role).toBe('representative')

  // A forged invitation written straight into the collection (as a client could if the rules allowed it) to make
  // its holder a county office: its "issuer" may not invite that role, so it grants nothing.
  cloud.store.insert('invitations', [
    {
      _id: 'inv_FORGED22', code: 'FORGED22', role: 'county_office', communityId: null, gridId: null, townshipId: null, issuedBy: COUNTY,
      issuedAt: new Date(), expiresAt: new Date(Date.now() + 7 * 86400_000 + 365 * 86400_000), usedBy: null, usedAt: null,
    },
    {
      _id: 'inv_FORGED33', code: 'FORGED33', role: 'community_staff', communityId: pingshan.id, gridId: null, townshipId, issuedBy: RESIDENT,
      issuedAt: new Date(), expiresAt: new Date(Date.now() + 365 * 86400_000), usedBy: null, usedAt: null,
    },
  ])
  await refusedChangingNothing(call('setup-forger-0001', account.redeemInvitation, { code: 'FORGED22', displayName: '伪造者' }), 'INVITATION_INVALID')
  await refusedChangingNothing(call('setup-forger-0001', account.redeemInvitation, { code: 'FORGED33', displayName: '伪造者' }), 'INVITATION_INVALID')
  expect(expectOk(await call('setup-forger-0001', account.whoAmI, {})).user).toBeNull()
})

test('a resident joins; a resident may not edit settings; staff edit the categories and a report in a new category becomes a topic', async () => {
  const building = pingshan.grids[0]!.buildings[1]!
  expectOk(await call(RESIDENT, account.joinCommunity, { communityId: pingshan.id, gridId: pingshan.grids[0]!.id, buildingId: building.id, displayName: '王秀英' }))
  await refusedChangingNothing(call(RESIDENT, account.updateCommunitySettings, { settings: { objectionWindowDays: 9 } }), 'FORBIDDEN')
  await refusedChangingNothing(call(STAFF, account.updateCommunitySettings, { communityId: jinsha.id, settings: { objectionWindowDays: 9 } }), 'OUT_OF_SCOPE')
  await refusedChangingNothing(call(STAFF, account.updateCommunitySettings, { categories: [{ id: 'no_such', label: '乱码' }] }), 'INVALID_CATEGORIES')

  const defaults = expectOk(await call(RESIDENT, account.getCommunitySettings, {}))
  expect(defaults.categories.map((c) => c.label)).toEqual(['民生', '妇女儿童', '治安', '物业管理', '养老', '基础设施', '环境绿化', '其他'])
  expect(defaults.overridden).toEqual([])

  const edited = expectOk(
    await call(STAFF, account.updateCommunitySettings, {
      settings: { objectionWindowDays: 7, quorumRatio: 0.5 },
      categories: [{ label: '停车管理' }, ...defaults.categories.filter((c) => c.id !== 'women_children').map((c) => ({ id: c.id, label: c.label }))],
    }),
  )
  const parking = edited.categories[0]!
  expect(parking).toMatchObject({ label: '停车管理', retired: false })
  expect(edited.categories.find((c) => c.id === 'women_children')).toEqual({ id: 'women_children', label: '妇女儿童', retired: true })
  // Only the override is stored (0.5 is the default quorum); the change is a history event.
  expect(edited.overridden).toEqual(['objectionWindowDays'])
  expect(edited.settings.objectionWindowDays).toBe(7)
  const events = cloud.store.find('admin_events', { communityId: pingshan.id, type: 'settings_changed' }, { limit: 10 })
  expect(events).toHaveLength(1)

  // A retired category takes no new reports; the new one does, and the report becomes a topic in it.
  const photo = 'cloud://local-env.6c6f-local-env/reports/parking.jpg'
  const base = { text: '东区消防通道被长期占用停车', photos: [photo], location: { latitude: 28.64, longitude: 104.16, name: '东区' } }
  await refusedChangingNothing(call(RESIDENT, submitReport, { ...base, category: 'women_children', clientRequestId: 'setup-req-0001' }), 'UNKNOWN_CATEGORY')
  const report = expectOk(await call(RESIDENT, submitReport, { ...base, category: parking.id, clientRequestId: 'setup-req-0002' })).report
  expect(report.category).toBe(parking.id)
  // Views show a category the community added by its label (no default label exists for it).
  expect(report.categoryLabel).toBe('停车管理')
  const topic = expectOk(
    await call(STAFF, publishTopic, { title: '东区停车秩序整治', description: '消防通道被占用', category: parking.id, reportIds: [report.id], meetingPlace: '社区议事厅', clientRequestId: 'setup-topic-0001' }),
  ).topic
  expect(expectOk(await call(RESIDENT, getTopic, { topicId: topic.id })).topic).toMatchObject({ category: parking.id, categoryLabel: '停车管理', stage: 'published' })
  // The flow runs on it: the topic is on the residents' home feed under the community's label, and a resident joins.
  const feed = expectOk(await call(RESIDENT, getHomeFeed, {}))
  expect(feed.community).toEqual({ id: pingshan.id, name: pingshan.name })
  expect(feed.byStage.published.find((t) => t.id === topic.id)).toMatchObject({ category: parking.id, categoryLabel: '停车管理' })
  expect(expectOk(await call(RESIDENT, joinTopic, { topicId: topic.id })).topic.counts.joined).toBe(1)
  // The grid worker bound by invitation triages in their grid.
  const other = expectOk(await call(RESIDENT, submitReport, { ...base, text: '路灯不亮', category: 'infrastructure', clientRequestId: 'setup-req-0003' })).report
  expectOk(await call(GRID, triageReport, { reportId: other.id, kind: 'reply', note: '已报修' }))
})

test('retired places are refused: no joining, no invitations, hidden from the list; history kept', async () => {
  const west = pingshan.grids[1]!
  await refusedChangingNothing(call(STAFF, account.retirePlace, { kind: 'grid', id: west.id, communityId: pingshan.id }), 'FORBIDDEN')
  await refusedChangingNothing(call(SUPERVISOR, account.retirePlace, { kind: 'township', id: townshipId }), 'FORBIDDEN')
  await refusedChangingNothing(call(COUNTY, account.retirePlace, { kind: 'township', id: townshipId }), 'PLACE_IN_USE')
  expectOk(await call(SUPERVISOR, account.retirePlace, { kind: 'grid', id: west.id, communityId: pingshan.id }))
  expectOk(await call(SUPERVISOR, account.renamePlace, { kind: 'community', id: jinsha.id, name: '金沙新区' }))
  expectOk(await call(SUPERVISOR, account.retirePlace, { kind: 'community', id: jinsha.id }))

  await refusedChangingNothing(
    call('setup-newcomer-0001', account.joinCommunity, { communityId: pingshan.id, gridId: west.id, buildingId: west.buildings[0]!.id, displayName: '新居民' }),
    'UNKNOWN_PLACE',
  )
  await refusedChangingNothing(
    call('setup-newcomer-0001', account.joinCommunity, { communityId: jinsha.id, gridId: jinsha.grids[0]!.id, buildingId: jinsha.grids[0]!.buildings[0]!.id, displayName: '新居民' }),
    'UNKNOWN_PLACE',
  )
  await refusedChangingNothing(call(STAFF, account.issueInvitation, { role: 'grid_worker', communityId: pingshan.id, gridId: west.id }), 'UNKNOWN_PLACE')
  await refusedChangingNothing(call(SUPERVISOR, account.issueInvitation, { role: 'community_staff', communityId: jinsha.id }), 'UNKNOWN_PLACE')

  const listed = expectOk(await call(RESIDENT, account.listCommunities, {})).communities
  expect(listed.map((c) => c.name)).toEqual(['屏山社区'])
  expect(listed[0]!.grids.map((g) => g.name)).toEqual(['东区网格'])
  // The documents stay, marked retired, and the admin view shows them.
  const places = expectOk(await call(COUNTY, account.listPlaces, {})).townships
  const kept = places[0]!.communities.find((c) => c.id === jinsha.id)!
  expect(kept).toMatchObject({ name: '金沙新区', retiredAt: expect.any(String) })
  const history = cloud.store.find('admin_events', { communityId: jinsha.id }, { limit: 10 }).map((e) => String(e.type))
  expect(history.sort()).toEqual(['community_created', 'place_renamed', 'place_retired'])
})

test('staff: each level lists its staff and open invitations, revokes one, and unbinds a member', async () => {
  const open = expectOk(await call(STAFF, account.issueInvitation, { role: 'representative', communityId: pingshan.id }))
  const listed = expectOk(await call(STAFF, account.listStaff, {}))
  expect(listed.staff.map((s) => [s.displayName, s.role])).toEqual([['陈志强', 'grid_worker'], ['赵桂兰', 'representative']])
  expect(listed.invitations.map((i) => i.code)).toEqual([open.code])
  expect(expectOk(await call(SUPERVISOR, account.listStaff, {})).staff.map((s) => s.displayName)).toEqual(['刘书记'])
  expect(expectOk(await call(COUNTY, account.listStaff, {})).staff.map((s) => s.displayName)).toEqual(['何督办'])

  await refusedChangingNothing(call(SUPERVISOR, account.revokeInvitation, { code: open.code }), 'FORBIDDEN')
  expectOk(await call(STAFF, account.revokeInvitation, { code: open.code }))
  await refusedChangingNothing(call('setup-late-0001', account.redeemInvitation, { code: open.code, displayName: '迟来者' }), 'INVITATION_REVOKED')
  expect(expectOk(await call(STAFF, account.listStaff, {})).invitations).toEqual([])

  // Unbinding: only the level right above; the grid worker becomes a resident.
  await refusedChangingNothing(call(COUNTY, account.unbindStaff, { openid: GRID }), 'FORBIDDEN')
  await refusedChangingNothing(call(STAFF, account.unbindStaff, { openid: RESIDENT }), 'NOT_STAFF')
  const unbound = expectOk(await call(STAFF, account.unbindStaff, { openid: GRID }))
  expect(unbound).toEqual({ openid: GRID, role: 'resident', openItems: [] })
  expect(expectOk(await call(GRID, account.whoAmI, {})).user).toMatchObject({ role: 'resident', communityId: null })
})

test('no query of set-up went without an index', () => {
  expect(cloud.store.unindexed).toEqual([])
})
