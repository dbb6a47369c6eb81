import { fail, type Handler } from '../../_shared/router'
import { database, getDoc } from '../../_shared/db'
import { notify } from '../../_shared/notify'
import type { Report, TimelineEntry } from '../../../src/domain/model'
import { isFailure, guardedWrite, readIn } from '../../_shared/pipeline'
import * as contracts from '../../../src/contracts/topics'
import { permitted, answer } from '../lib'
import { newTopicEvent } from '../../../src/domain/records'

export const attachReport: Handler<typeof contracts.attachReport> = async (input, ctx) => {
  const report = await getDoc<Report>('reports', input.reportId)
  if (!report) return fail('NOT_FOUND', '诉求不存在')
  const c = await permitted(contracts.attachReport, input.topicId, ctx, { report, gridId: report.gridId })
  if (isFailure(c)) return c
  if (report.communityId !== c.topic.communityId) return fail('OUT_OF_SCOPE', '诉求与议题不在同一社区')
  const entry: TimelineEntry = { at: ctx.now, kind: 'topic', text: `已并入议题「${c.topic.title}」` }
  const _ = database().command
  // Triage happens once: the report is re-read in the transaction, and one triaged meanwhile is refused.
  const refused = await guardedWrite({ ALREADY_DONE: '该诉求已被处理' }, async (tx) => {
    const fresh = await readIn<Report>(tx, 'reports', report._id)
    if (!fresh || fresh.triagedAt) await tx.rollback('ALREADY_DONE')
    await tx.collection('reports').doc(report._id).update({
      data: {
        triagedAt: ctx.now,
        triage: { kind: 'topic', by: c.actor!.openid, byName: c.actor!.displayName, note: c.topic.title, department: null, topicId: c.topic._id },
        timeline: [...fresh!.timeline, entry],
      },
    })
    await tx.collection('topics').doc(c.topic._id).update({ data: { reportIds: _.addToSet(report._id) } })
    return [newTopicEvent(c.topic, c.actor, ctx.now, 'reportAttached', '并入一条居民诉求', { reportId: report._id })]
  })
  if (refused) return refused
  await notify(report.reporterOpenid, 'statusChanged', { title: report.text, status: '已纳入议题', at: ctx.now, link: { kind: 'topic', id: c.topic._id } })
  return answer(c.topic._id, ctx)
}
