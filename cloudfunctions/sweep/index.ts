import { createHandler, defineRouter } from '../_shared/router'
import * as contracts from '../../src/contracts/board'
import { sweepDeadlines } from './actions/sweep-deadlines'

/** The sweep function: its one action runs on the timer (config.json) or by hand. */
export const main = createHandler(defineRouter('sweep', contracts, { sweepDeadlines }), { timerAction: 'sweepDeadlines' })
