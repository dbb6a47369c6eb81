import { startFlowCloud, expectOk, expectFail, USERS, type FlowCloud } from '../support/flow'
import { invitationCode, uniqueId } from '../support/flow-scenarios'
import { issueInvitation, joinCommunity, redeemInvitation } from '../../src/contracts/account'

/**
 * Issue 9 §4 display names, through the real account function: names are NFKC-normalised; bidi controls, zero-width-
 * only names and lone surrogates are refused; staff titles are reserved for staff. A refused name changes nothing.
 */
let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
})
afterAll(async () => {
  await cloud.dispose()
})

const PLACE = { communityId: 'c_pingshan', gridId: 'g_east', buildingId: 'b_e1' }
const usersOf = (openid: string) => cloud.store.find('users', { openid })

describe('joinCommunity', () => {
  test.each([
    ['王\u202E姨阿', 'INVALID_DISPLAY_NAME'],
    ['\u200B\u200C\u200D', 'INVALID_DISPLAY_NAME'],
    ['小\uD800王', 'INVALID_DISPLAY_NAME'],
    ['刘书记', 'RESERVED_TITLE'],
    ['网格员小陈', 'RESERVED_TITLE'],
    ['书\u200B记', 'RESERVED_TITLE'],
  ])('%j is refused with %s and no user is created', async (displayName, code) => {
    const openid = uniqueId('newcomer')
    expectFail(await cloud.call(openid, joinCommunity, { ...PLACE, displayName }), code)
    expect(usersOf(openid)).toEqual([])
  })

  test('a resident renaming themself to a staff title is refused and keeps their name', async () => {
    const before = usersOf(USERS.resident)
    expectFail(await cloud.call(USERS.resident, joinCommunity, { ...PLACE, displayName: '王主任' }), 'RESERVED_TITLE')
    expect(usersOf(USERS.resident)).toEqual(before)
  })

  test('a name is stored NFKC-normalised, without zero-width characters', async () => {
    const openid = uniqueId('newcomer')
    const user = expectOk(await cloud.call(openid, joinCommunity, { ...PLACE, displayName: 'Ｔｏｍ\u200B王' })).user
    expect(user.displayName).toBe('Tom王')
    expect(usersOf(openid).map((u) => (u as unknown as { displayName: string }).displayName)).toEqual(['Tom王'])
  })
})

describe('redeemInvitation', () => {
  test('a representative may not take a staff title; the invitation stays unused', async () => {
    const code = await invitationCode(cloud, 'representative')
    const openid = uniqueId('invitee')
    expectFail(await cloud.call(openid, redeemInvitation, { code, displayName: '赵主任' }), 'RESERVED_TITLE')
    expect(usersOf(openid)).toEqual([])
    expect(cloud.store.find('invitations', { code }).map((i) => (i as unknown as { usedBy: unknown }).usedBy)).toEqual([null])
    // The same invitation still works with a plain name.
    expect(expectOk(await cloud.call(openid, redeemInvitation, { code, displayName: '赵桂芳' })).user.displayName).toBe('赵桂芳')
  })

  test('staff may carry their title, but not a bidi control', async () => {
    const code = expectOk(await cloud.call(USERS.staff, issueInvitation, { role: 'grid_worker', communityId: 'c_pingshan', gridId: 'g_east' })).code
    const openid = uniqueId('invitee')
    expectFail(await cloud.call(openid, redeemInvitation, { code, displayName: '网格员\u202E小陈' }), 'INVALID_DISPLAY_NAME')
    expect(expectOk(await cloud.call(openid, redeemInvitation, { code, displayName: '网格员小陈' })).user.displayName).toBe('网格员小陈')
  })
})
