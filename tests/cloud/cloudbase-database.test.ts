import path from 'node:path'
import { adminPost, startTestCloud, type TestCloud } from '../support/local-cloud'

// The local CloudBase database, driven only through the real wx-server-sdk.
let cloud: TestCloud
let db: any
let _: any

beforeAll(async () => {
  cloud = await startTestCloud({ databaseSpecFile: path.join(__dirname, '../fixtures/database.json') })
  db = cloud.sdk().database()
  _ = db.command
})
afterAll(() => cloud.dispose())
beforeEach(async () => {
  await db.collection('topics').where({ n: _.gte(-1000) }).remove()
  await db.collection('topics').where({ n: _.exists(false) }).remove().catch(() => undefined)
})

async function seed(count: number) {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const r = await db.collection('topics').add({ data: { title: `t${i}`, n: i, tags: i % 2 ? ['odd'] : ['even'], communityId: i % 3 ? 'c1' : 'c2' } })
    ids.push(r._id)
  }
  return ids
}

test('add returns an id and get by doc id returns the document with EJSON types intact', async () => {
  const when = new Date(Date.UTC(2026, 0, 2, 3, 4, 5))
  const r = await db.collection('topics').add({ data: { title: 'x', n: 1, when, ratio: 1.5, big: 2 ** 40, nested: { k: [1, 'a'] } } })
  expect(r._id).toMatch(/^[0-9a-f]{32}$/)
  const { data } = await db.collection('topics').doc(r._id).get()
  expect(data).toEqual({ _id: r._id, title: 'x', n: 1, when, ratio: 1.5, big: 2 ** 40, nested: { k: [1, 'a'] } })
  expect(data.when).toBeInstanceOf(Date)
})

test('where with operators, regexp, order, offset, limit and projection', async () => {
  await seed(12)
  const res = await db
    .collection('topics')
    .where({ n: _.gt(2).and(_.lte(10)), title: db.RegExp({ regexp: '^T', options: 'i' }) })
    .orderBy('n', 'desc')
    .skip(2)
    .limit(3)
    .field({ title: true, n: true })
    .get()
  expect(res.data.map((d: any) => d.n)).toEqual([8, 7, 6])
  expect(Object.keys(res.data[0]).sort()).toEqual(['_id', 'n', 'title'])
  const inOr = await db.collection('topics').where(_.or([{ n: _.in([1, 2]) }, { title: 't11' }])).orderBy('n', 'asc').get()
  expect(inOr.data.map((d: any) => d.n)).toEqual([1, 2, 11])
})

test('a read returns at most 1000 documents, and 100 by default', async () => {
  const docs = Array.from({ length: 1100 }, (_x, i) => ({ title: 'bulk', n: i }))
  cloud.store.insert('topics', docs)
  expect((await db.collection('topics').where({ n: _.gte(0) }).get()).data).toHaveLength(100)
  expect((await db.collection('topics').where({ n: _.gte(0) }).limit(1000).get()).data).toHaveLength(1000)
  expect((await db.collection('topics').where({ n: _.gte(0) }).count()).total).toBe(1100)
})

test('update operators: inc, mul, push, pull, remove, nested set', async () => {
  const { _id } = await db.collection('topics').add({ data: { title: 'u', n: 2, tags: ['a', 'b'], nested: { k: 1, keep: true }, gone: 1 } })
  await db.collection('topics').doc(_id).update({ data: { n: _.inc(3), tags: _.push(['c']), nested: { k: 5 }, gone: _.remove() } })
  await db.collection('topics').doc(_id).update({ data: { n: _.mul(2), tags: _.pull('a') } })
  const { data } = await db.collection('topics').doc(_id).get()
  expect(data).toEqual({ _id, title: 'u', n: 10, tags: ['b', 'c'], nested: { k: 5, keep: true } })
})

test('multi update and remove report counts; set replaces; set on a missing id upserts', async () => {
  await seed(6)
  const upd = await db.collection('topics').where({ n: _.lt(3) }).update({ data: { flagged: true } })
  expect(upd.stats.updated).toBe(3)
  expect((await db.collection('topics').where({ n: _.lt(10), flagged: true }).count()).total).toBe(3)
  const set = await db.collection('topics').doc('fixed-id').set({ data: { title: 'set', n: 9 } })
  expect(set.stats).toEqual(expect.objectContaining({ updated: 0 }))
  expect(set._id).toBe('fixed-id')
  await db.collection('topics').doc('fixed-id').set({ data: { title: 'replaced', n: 10 } })
  expect((await db.collection('topics').doc('fixed-id').get()).data).toEqual({ _id: 'fixed-id', title: 'replaced', n: 10 })
  const rm = await db.collection('topics').where({ n: _.gte(4) }).remove()
  expect(rm.stats.removed).toBe(3)
})

test('serverDate is filled from the local clock, which tests can move', async () => {
  const before = Date.now()
  cloud.clock.advance(7 * 86_400_000)
  const { _id } = await db.collection('topics').add({ data: { title: 'clock', n: 1, at: db.serverDate() } })
  const { data } = await db.collection('topics').doc(_id).get()
  expect(data.at.getTime()).toBeGreaterThanOrEqual(before + 7 * 86_400_000)
  expect(data.at.getTime()).toBeLessThan(Date.now() + 7 * 86_400_000 + 5000)
  cloud.clock.set(0)
})

test('aggregate: match, group, sort, lookup', async () => {
  await seed(6)
  const grouped = await db
    .collection('topics')
    .aggregate()
    .match({ n: _.gte(0) })
    .group({ _id: '$communityId', total: db.command.aggregate.sum('$n') })
    .sort({ total: -1 })
    .end()
  expect(grouped.list).toEqual([
    { _id: 'c1', total: 1 + 2 + 4 + 5 },
    { _id: 'c2', total: 0 + 3 },
  ])
  await db.collection('users').add({ data: { openid: 'o1', name: 'A', c: 'c1' } })
  const joined = await db
    .collection('topics')
    .aggregate()
    .match({ n: 1 })
    .lookup({ from: 'users', localField: 'communityId', foreignField: 'c', as: 'people' })
    .end()
  expect(joined.list[0].people.map((p: any) => p.openid)).toEqual(['o1'])
})

test('aggregate: without a $limit stage the answer stops at 20 results, as production answers; a limit lifts it', async () => {
  await seed(25)
  const groupByTitle = () => db.collection('topics').aggregate().match({ n: _.gte(0) }).group({ _id: '$title', n: db.command.aggregate.sum(1) })
  const capped = await groupByTitle().end()
  expect(capped.list).toHaveLength(20)
  const limited = await groupByTitle().limit(1000).end()
  expect(limited.list).toHaveLength(25)
})

test('errors come back as the SDK errCodes: missing collection, missing document', async () => {
  await expect(db.collection('nope').where({ a: 1 }).get()).rejects.toMatchObject({ errCode: -502005 })
  await expect(db.collection('topics').doc('missing').get()).rejects.toThrow(/does not exist/)
})

test('a query no declared index serves is refused in strict mode, naming the fields', async () => {
  await seed(2)
  await expect(db.collection('topics').where({ tags: 'odd' }).get()).rejects.toThrow(/no declared index serves this query on topics \(fields: tags\)/)
  // The leading field of a compound index serves it; a later field alone does not.
  await expect(db.collection('topics').where({ communityId: 'c1' }).count()).resolves.toMatchObject({ total: 1 })
  await expect(db.collection('topics').where({ dueAt: _.exists(true) }).get()).rejects.toThrow(/DATABASE_INDEX_MISSING|no declared index/)
  // A bounded collection marked scanOk may be read whole.
  await db.collection('settings').add({ data: { k: 'v' } })
  await expect(db.collection('settings').where({ k: 'v' }).get()).resolves.toMatchObject({ data: [expect.objectContaining({ k: 'v' })] })
})

test('a unique index refuses a duplicate and keeps the first', async () => {
  await db.collection('users').add({ data: { openid: 'dup', name: 'first' } })
  await expect(db.collection('users').add({ data: { openid: 'dup', name: 'second' } })).rejects.toThrow(/duplicate/)
  const { data } = await db.collection('users').where({ openid: 'dup' }).get()
  expect(data.map((u: any) => u.name)).toEqual(['first'])
})

test('transactions: commit keeps every write, abort leaves no trace, and others wait for the outcome', async () => {
  const { _id } = await db.collection('topics').add({ data: { title: 'acct', n: 100 } })
  await db.runTransaction(async (t: any) => {
    const doc = await t.collection('topics').doc(_id).get()
    await t.collection('topics').doc(_id).update({ data: { n: doc.data.n - 30 } })
    await t.collection('topics').add({ data: { title: 'ledger', n: 30 } })
  })
  expect((await db.collection('topics').doc(_id).get()).data.n).toBe(70)
  expect((await db.collection('topics').where({ title: 'ledger' }).count()).total).toBe(1)

  const tx = await db.startTransaction()
  await tx.collection('topics').doc(_id).update({ data: { n: 0 } })
  await tx.collection('topics').add({ data: { title: 'ghost', n: 1 } })
  // A read outside the transaction waits until it ends, so it never sees n: 0.
  const outside = db.collection('topics').doc(_id).get()
  await tx.rollback()
  expect((await outside).data.n).toBe(70)
  expect((await db.collection('topics').where({ title: 'ghost' }).count()).total).toBe(0)

  await expect(
    db.runTransaction(async (t: any) => {
      await t.collection('topics').doc(_id).update({ data: { n: 1 } })
      await t.rollback('changed my mind')
    }),
  ).rejects.toBe('changed my mind')
  expect((await db.collection('topics').doc(_id).get()).data.n).toBe(70)
})

test('malformed requests get a CloudBase error reply, never a crash', async () => {
  // Signed with the data directory's key, as the SDK signs (a body that is not JSON is refused before any signature).
  const post = (body: string) => {
    if (body.startsWith('{not')) return fetch(cloud.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.json() as Promise<any>)
    return adminPost(cloud, JSON.parse(body)).then((r) => r.json)
  }
  expect(await post('{not json')).toMatchObject({ code: 'INVALID_PARAM' })
  expect(await post(JSON.stringify({ action: 'database.nope' }))).toMatchObject({ code: 'INVALID_ACTION' })
  expect(await post(JSON.stringify({ action: 'database.getDocument', collectionName: 'topics', query: '{"n":{"$numberInt":"x"}}' }))).toMatchObject({
    code: 'DATABASE_REQUEST_FAILED',
  })
  expect(await post(JSON.stringify({ action: 'database.getDocument', collectionName: 'topics', query: '{"n":{"$bogus":1}}' }))).toMatchObject({
    code: 'DATABASE_REQUEST_FAILED',
  })
  // and the server still answers
  expect((await db.collection('topics').where({ n: _.gte(0) }).count()).total).toBeGreaterThanOrEqual(0)
})
