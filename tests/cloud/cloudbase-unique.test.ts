import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

/** Unique indexes as config/database.json declares them, enforced for compound keys too, through the real SDK. */
let cloud: TestCloud
let db: any
let specDir: string

beforeAll(async () => {
  specDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-unique-spec-'))
  const specFile = path.join(specDir, 'database.json')
  fs.writeFileSync(
    specFile,
    JSON.stringify({ collections: { votes: { indexes: [{ name: 'topic_voter_unique', keys: { topicId: 1, voter: 1 }, unique: true }] } } }),
  )
  cloud = await startTestCloud({ databaseSpecFile: specFile })
  db = cloud.sdk().database()
})

afterAll(async () => {
  await cloud?.dispose()
  fs.rmSync(specDir, { recursive: true, force: true })
})

test('a compound unique index refuses a duplicate insert with a coded error and keeps the first', async () => {
  await db.collection('votes').add({ data: { topicId: 't1', voter: 'o-a', choice: 'yes' } })
  // The SDK reports the server's DATABASE_DUPLICATE_WRITE as its errCode -501001 with the server's message.
  await expect(db.collection('votes').add({ data: { topicId: 't1', voter: 'o-a', choice: 'no' } })).rejects.toMatchObject({
    errCode: -501001,
    errMsg: expect.stringContaining('duplicate key in votes.topic_voter_unique: topicId, voter'),
  })
  const { data } = await db.collection('votes').where({ topicId: 't1', voter: 'o-a' }).get()
  expect(data.map((v: any) => v.choice)).toEqual(['yes'])
})

test('a compound unique index accepts documents that differ in any one of its fields', async () => {
  await db.collection('votes').add({ data: { topicId: 't2', voter: 'o-a' } })
  await db.collection('votes').add({ data: { topicId: 't2', voter: 'o-b' } })
  await db.collection('votes').add({ data: { topicId: 't3', voter: 'o-a' } })
  expect((await db.collection('votes').where({ topicId: 't2' }).count()).total).toBe(2)
  expect((await db.collection('votes').where({ topicId: 't3' }).count()).total).toBe(1)
})

test('an update that would make two documents equal on a compound unique index is refused', async () => {
  const { _id } = await db.collection('votes').add({ data: { topicId: 't4', voter: 'o-b' } })
  await db.collection('votes').add({ data: { topicId: 't4', voter: 'o-c' } })
  await expect(db.collection('votes').doc(_id).update({ data: { voter: 'o-c' } })).rejects.toMatchObject({
    errCode: -501001,
    errMsg: expect.stringContaining('duplicate key in votes.topic_voter_unique'),
  })
  expect((await db.collection('votes').doc(_id).get()).data.voter).toBe('o-b')
})
