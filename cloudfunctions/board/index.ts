import { createHandler, defineRouter } from '../_shared/router'
import * as contracts from '../../src/contracts/board'
import { getHomeFeed } from './actions/get-home-feed'
import { getBoard } from './actions/get-board'

/** The board function: one action per file under actions/, routed by name against its contracts. */
export const main = createHandler(
  defineRouter('board', contracts, {
    getHomeFeed,
    getBoard,
  }),
)
