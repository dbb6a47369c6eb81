import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import mingo from 'mingo'
import { Store } from '../../local-cloudbase/database/store'

/**
 * The local store's ordered read (store.ts walkInOrder): a limited query sorted on the second field of a compound
 * index whose leading field it fixes answers exactly what filtering and sorting every document answers — in both
 * directions, with an offset, after inserts, updates and removals, and with documents missing the sort field.
 */
const DAY = 86400_000
const spec = {
  collections: {
    topics: { indexes: [{ name: 'community_published', keys: { communityId: 1, publishedAt: -1 } as Record<string, 1 | -1> }] },
    plain: { indexes: [{ name: 'community', keys: { communityId: 1 } as Record<string, 1 | -1> }] },
  },
}

let dir: string
let store: Store
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jy-walk-'))
  store = new Store({ dataDir: dir, spec, strictIndexes: true, now: () => new Date() } as ConstructorParameters<typeof Store>[0])
  const docs = Array.from({ length: 2000 }, (_x, i) => ({
    _id: `t${String(i).padStart(5, '0')}`,
    communityId: i % 3 ? 'c1' : 'c2',
    stage: i % 5,
    ...(i % 97 === 0 ? {} : { publishedAt: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 2000) * DAY) }),
  }))
  store.insert('topics', docs)
  store.insert('plain', docs)
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const ids = (docs: { _id?: unknown }[]) => docs.map((d) => d._id)
function expected(name: string, query: Record<string, unknown>, order: Record<string, 1 | -1>, offset: number, limit: number) {
  const all = store.find(name === 'topics' ? 'plain' : name, { communityId: { $in: ['c1', 'c2'] } })
  return ids(mingo.find(all, query).sort(order).skip(offset).limit(limit).all() as { _id: unknown }[])
}

test.each([
  [{ communityId: 'c1' }, { publishedAt: -1 }, 0, 10],
  [{ communityId: 'c1', stage: 3 }, { publishedAt: -1 }, 0, 10],
  [{ communityId: 'c2', stage: { $ne: 0 } }, { publishedAt: 1 }, 5, 20],
  [{ communityId: 'c1' }, { publishedAt: 1 }, 0, 30],
] as const)('%j sorted %j, offset %d, limit %d: the same documents as a full sort', (query, order, offset, limit) => {
  expect(ids(store.find('topics', query, { order, offset, limit }))).toEqual(expected('topics', query, order, offset, limit))
})

test('after updates and removals the order still holds', () => {
  for (const [n, doc] of store.find('plain', { communityId: 'c1', stage: 1 }).entries()) {
    for (const name of ['topics', 'plain']) store.update(name, { _id: doc._id as string }, { $set: { publishedAt: new Date(Date.UTC(2030, 0, 1) + n * DAY) } }, { multi: false, merge: true, upsert: false })
  }
  store.remove('topics', { communityId: 'c1', stage: 2 }, true)
  store.remove('plain', { communityId: 'c1', stage: 2 }, true)
  const query = { communityId: 'c1', stage: { $in: [1, 3] } }
  expect(ids(store.find('topics', query, { order: { publishedAt: -1 }, limit: 15 }))).toEqual(expected('topics', query, { publishedAt: -1 }, 0, 15))
})

test('an equality on a compound index\'s leading field and a range on its second find the same documents as a scan', () => {
  const from = new Date(Date.UTC(2026, 0, 1) + 300 * DAY)
  const to = new Date(Date.UTC(2026, 0, 1) + 900 * DAY)
  for (const query of [
    { communityId: 'c2', publishedAt: { $gte: from, $lt: to } },
    { communityId: 'c1', publishedAt: { $lt: to } },
    { communityId: 'c1', publishedAt: { $gt: from }, stage: 3 },
  ]) {
    const got = ids(store.find('topics', query)).sort()
    expect(got).toEqual(expected('topics', query, { _id: 1 }, 0, 10_000))
    expect(got.length).toBeGreaterThan(0)
  }
})
