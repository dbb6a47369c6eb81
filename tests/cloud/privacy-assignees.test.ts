import { startFlowCloud, expectOk, expectFail, USERS, type FlowCloud } from '../support/flow'
import { meetingInput, publishedTopic, storeSnapshot } from '../support/flow-scenarios'
import { recordMeeting } from '../../src/contracts/topics'
import { listAssignees } from '../../src/contracts/account'

/**
 * Issue 9 §4: recordMeeting accepts only assignees that listAssignees offers for the topic's community (its staff and
 * grid workers); anyone else is refused with UNKNOWN_ASSIGNEE and nothing is written.
 */
let cloud: FlowCloud
beforeAll(async () => {
  cloud = await startFlowCloud()
})
afterAll(async () => {
  await cloud.dispose()
})

function withAssignee(topicId: string, assigneeOpenid: string) {
  const input = meetingInput(cloud, topicId, 2)
  return { ...input, resolutions: [input.resolutions[0]!, { ...input.resolutions[1]!, assigneeName: '某人', assigneeOpenid }] }
}

test.each([
  ['a resident of the community', USERS.resident],
  ['a representative', USERS.representative],
  ['staff of another community', USERS.otherStaff],
  ['the township supervisor', USERS.township],
  ['an unknown openid', 'nobody-at-all'],
])('naming %s is refused with UNKNOWN_ASSIGNEE and changes nothing', async (_who, openid) => {
  const topic = await publishedTopic(cloud)
  const before = storeSnapshot(cloud)
  expectFail(await cloud.call(USERS.staff, recordMeeting, withAssignee(topic.id, openid)), 'UNKNOWN_ASSIGNEE')
  expect(storeSnapshot(cloud)).toEqual(before)
})

test('everyone listAssignees offers is accepted', async () => {
  const offered = expectOk(await cloud.call(USERS.staff, listAssignees, {})).assignees.map((a) => a.openid)
  expect(offered).toEqual(expect.arrayContaining([USERS.staff, USERS.gridEast, USERS.gridWest]))
  for (const openid of offered) {
    const topic = await publishedTopic(cloud)
    const held = expectOk(await cloud.call(USERS.staff, recordMeeting, withAssignee(topic.id, openid))).topic
    expect(held.resolutions).toHaveLength(2)
  }
})
