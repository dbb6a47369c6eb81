import { ok, type Handler } from '../../_shared/router'
import { listCommunities as readCommunities } from '../../_shared/caller'
import type * as contracts from '../../../src/contracts/account'

export const listCommunities: Handler<typeof contracts.listCommunities> = async () => {
  const communities = await readCommunities()
  return ok({
    communities: communities.map((c) => ({ id: c._id, name: c.name, townshipName: c.townshipName, grids: c.grids })),
  })
}
