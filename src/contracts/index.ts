import type { ActionContract } from './action'
import * as account from './account'
import * as reports from './reports'
import * as topics from './topics'
import * as resolutions from './resolutions'
import * as board from './board'
import * as media from './media'
import * as supervision from './supervision'

function contractsOf(module: Record<string, unknown>): ActionContract[] {
  return Object.values(module).filter((v): v is ActionContract => !!v && typeof v === 'object' && 'functionName' in v && 'input' in v && 'output' in v)
}

/** Every action of the product, in one list: the docs, the authorization matrix and the bad-input tests read it. */
export const allContracts: ActionContract[] = [account, reports, topics, resolutions, board, media, supervision].flatMap(contractsOf)
