import { fail, ok, type Handler } from '../../_shared/router'
import { getDoc } from '../../_shared/db'
import { reportView } from '../../_shared/views'
import type { Report, TimelineEntry } from '../../../src/domain/model'
import { decided, guardedWrite, readIn } from '../../_shared/pipeline'
import { newTopicEvent } from '../../../src/domain/records'
import * as contracts from '../../../src/contracts/reports'
import { subjectOf, loadReportFor, notifyReporter, asFollowed } from '../lib'

/** A survivor takes duplicates when it is another report of the same community, itself no duplicate, not held for review. */
function survivorRefusal(dup: Report, of: Report | null): string | null {
  if (!of || of._id === dup._id || of.communityId !== dup.communityId) return '只能与本社区的另一条诉求合并'
  if (of.duplicateOf) return '该诉求本身已并入其他诉求，请选择主诉求'
  if (of.heldForReviewAt && !of.clearedAt) return '主诉求尚在审核中'
  return null
}

// A duplicate is settled with its survivor: both are linked (duplicateOf / followers), the duplicate leaves the
// inbox (triagedAt) and its reporter follows the survivor — they see its status on 我的诉求 and are told of its
// progress. The duplicate is decided like a triage (ACTION_RULES.markDuplicate); both documents and the history event
// commit together, re-read in the transaction, so a report triaged or merged meanwhile is refused.
export const markDuplicate: Handler<typeof contracts.markDuplicate> = async (input, ctx) => {
  const { actor, report, community } = await loadReportFor(input.reportId, ctx)
  if (!report || !community) return fail('NOT_FOUND', '诉求不存在')
  const denied = decided(contracts.markDuplicate, actor, subjectOf(report, community), ctx.now)
  if (denied) return denied
  const refusal = survivorRefusal(report, await getDoc<Report>('reports', input.ofReportId))
  if (refusal) return fail('NOT_DUPLICABLE', refusal)
  const refused = await guardedWrite({ ALREADY_DONE: '该诉求已被处理', NOT_DUPLICABLE: '主诉求已变化，请刷新后再试' }, async (tx) => {
    const dup = await readIn<Report>(tx, 'reports', input.reportId)
    const of = await readIn<Report>(tx, 'reports', input.ofReportId)
    if (!dup || dup.triagedAt) await tx.rollback('ALREADY_DONE')
    if (survivorRefusal(dup!, of)) await tx.rollback('NOT_DUPLICABLE')
    const followers = [...new Set([...(of!.followers ?? []), dup!.reporterOpenid, ...(dup!.followers ?? [])])].filter((o) => o !== of!.reporterOpenid)
    const merged: TimelineEntry = { at: ctx.now, kind: 'duplicate', text: '与同一问题的另一条诉求合并处理，进展将同步告知' }
    const joined: TimelineEntry = { at: ctx.now, kind: 'duplicateJoined', text: '同一问题的另一条诉求已并入本诉求' }
    await tx.collection('reports').doc(dup!._id).update({ data: { triagedAt: ctx.now, duplicateOf: of!._id, timeline: [...dup!.timeline, merged] } })
    await tx.collection('reports').doc(of!._id).update({ data: { followers, timeline: [...of!.timeline, joined] } })
    return [newTopicEvent({ _id: of!._id, communityId: of!.communityId }, actor, ctx.now, 'duplicateMerged', '合并重复诉求 1 条', { reportId: dup!._id })]
  })
  if (refused) return refused
  const [dup, of] = await Promise.all([getDoc<Report>('reports', input.reportId), getDoc<Report>('reports', input.ofReportId)])
  const followed = asFollowed(dup!, of)
  await notifyReporter(followed, ctx.now)
  return ok({ report: reportView(followed, actor, subjectOf(dup!, community), ctx.now), of: reportView(of!, actor, subjectOf(of!, community), ctx.now) })
}
