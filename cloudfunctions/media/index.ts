import { createHandler, defineRouter } from '../_shared/router'
import * as contracts from '../../src/contracts/media'
import { clearMedia } from './actions/clear-media'
import { mediaVerdictEvent } from './verdict-event'

/**
 * The media function: receives the image-check verdicts WeChat pushes (消息推送 routes event wxa_media_check here:
 * config/message-push.json, docs/deploy.md) and serves staff's clearing of photos held for human review.
 */
export const main = createHandler(defineRouter('media', contracts, { clearMedia }), { platformEvent: mediaVerdictEvent })
