import { ok, type Handler } from '../../_shared/router'
import { database, findAll } from '../../_shared/db'
import { activeGrids, type StoredCommunity, type Township } from '../../../src/domain/admin'
import type * as contracts from '../../../src/contracts/account'

/** The communities one may join: in service (not retired, nor their township), with their grids and buildings in service. */
export const listCommunities: Handler<typeof contracts.listCommunities> = async () => {
  const communities = (await database().collection('communities').limit(1000).get()).data as StoredCommunity[]
  const townshipIds = [...new Set(communities.map((c) => c.townshipId))]
  const townships = townshipIds.length ? await findAll<Township>('townships', { _id: database().command.in(townshipIds) }, { limit: 1000 }) : []
  const retiredTownships = new Set(townships.filter((t) => t.retiredAt).map((t) => t._id))
  return ok({
    communities: communities
      .filter((c) => !c.retiredAt && !retiredTownships.has(c.townshipId))
      .map((c) => ({ id: c._id, name: c.name, townshipName: c.townshipName, grids: activeGrids(c) })),
  })
}
