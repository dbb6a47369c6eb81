import type { Handler } from '../../_shared/router'
import { isFailure } from '../../_shared/pipeline'
import { getDoc } from '../../_shared/db'
import { participationId } from '../../_shared/topic-store'
import * as contracts from '../../../src/contracts/topics'
import type { Participation } from '../../../src/domain/model'
import { permitted, answer, changeParticipation } from '../lib'

/**
 * Withdraws the caller's join before the meeting starts (ACTION_RULES.withdrawJoin: afterwards WRONG_STAGE, without a
 * join ALREADY_DONE). The joined count drops by one only if the participation read in the transaction still had a
 * join, so a double tap counts once; the caller keeps following the topic.
 */
export const withdrawJoin: Handler<typeof contracts.withdrawJoin> = async (input, ctx) => {
  const mine = ctx.openid ? await getDoc<Participation>('participations', participationId(input.topicId, ctx.openid)) : null
  const c = await permitted(contracts.withdrawJoin, input.topicId, ctx, { joined: !!mine?.joinedAt })
  if (isFailure(c)) return c
  await changeParticipation(c.topic, c.actor!, ctx.now, { joinedAt: null }, (before) => ({
    counts: { joined: before?.joinedAt ? -1 : 0 },
    event: before?.joinedAt ? ['withdrewJoin', '一位居民取消报名'] : null,
  }))
  return answer(c.topic._id, ctx)
}
