import { initCloud } from './router'
import { database, isDuplicate, stableId } from './db'
import { readIn, writeWithHistory, type Tx } from './pipeline'
import type { Actor, Report, Resolution, TimelineEntry, Topic, TopicEvent } from '../../src/domain/model'
import type { MEDIA_CHECK_STATUSES } from '../../src/contracts/media'
import { newItemEvent, newTopicEvent } from '../../src/domain/records'

/**
 * Image content security for every photo people publish (report photos, disclosure photos, meeting photos, the
 * township's 一月一问效 site-check photos). A photo
 * is written to its subject as held (`heldPhotos`), then sent to security.mediaCheckAsync through a temp URL; the
 * verdict arrives later as a message-push event (cloudfunctions/media). Until a `pass` the photo is shown only to its
 * uploader and staff (views.ts); `risky` removes it from its subject and deletes the file; `review` waits for staff
 * (media.clearMedia). If the check cannot be asked, the photo waits for staff: never published unchecked.
 */

export type MediaCheckStatus = (typeof MEDIA_CHECK_STATUSES)[number]
export type MediaSubjectKind = 'report' | 'topic' | 'resolution' | 'review'

/** One photo's check (collection media_checks, server-only). */
export interface MediaCheck {
  _id: string
  fileId: string
  /** The platform's trace id; absent while the call is in flight or when it failed. */
  traceId?: string
  /** The uploader, told when the photo is removed. */
  openid: string
  subject: { kind: MediaSubjectKind; id: string }
  communityId: string
  status: MediaCheckStatus
  at: Date
  decidedAt: Date | null
  /** 'platform' for a pushed verdict, 'unavailable' when the check could not be asked, else the staff member's openid. */
  decidedBy: string | null
  label: number | null
}

const COLLECTION: Record<MediaSubjectKind, string> = { report: 'reports', topic: 'topics', resolution: 'resolutions', review: 'monthly_reviews' }
/** A 一月一问效 record as its photos are stored (cloudfunctions/supervision/reviews.ts MonthlyReviewDoc). */
type ReviewPhotos = { _id: string; heldPhotos?: string[]; current: { photos: string[] }; revisions: { photos: string[] }[] }

const REMOVED_TEXT = '一张照片未通过内容安全检测，已移除'

/** The held list with these photos added (a subject's photos stay held until their check passes). */
export function holdPhotos(current: readonly string[] | undefined, photos: readonly string[]): string[] {
  return [...new Set([...(current ?? []), ...photos])]
}

/** The fields that hold these photos on a record being written (nothing when there are none). */
export function heldPatch(doc: { heldPhotos?: string[] }, photos: readonly string[]): { heldPhotos?: string[] } {
  return photos.length ? { heldPhotos: holdPhotos(doc.heldPhotos, photos) } : {}
}

/** Holds these photos on a stored record inside a transaction (the record as read in it). */
export async function holdIn(tx: Tx, kind: MediaSubjectKind, doc: { _id: string; heldPhotos?: string[] }, photos: readonly string[]): Promise<void> {
  if (photos.length) await tx.collection(COLLECTION[kind]).doc(doc._id).update({ data: heldPatch(doc, photos) })
}

/**
 * Starts the check of each photo of a subject that was just written (its photos already held). Each check is a
 * document first, so a verdict that arrives early finds it; a retried call finds the same documents and asks nothing.
 */
export async function startMediaChecks(
  photos: readonly string[],
  s: { kind: MediaSubjectKind; id: string; communityId: string; openid: string; now: Date; scene: 1 | 2 | 3 | 4 },
): Promise<void> {
  const cloud = initCloud()
  for (const fileId of new Set(photos)) {
    const check: MediaCheck = {
      _id: stableId('mc', s.kind, s.id, fileId),
      fileId,
      openid: s.openid,
      subject: { kind: s.kind, id: s.id },
      communityId: s.communityId,
      status: 'pending',
      at: s.now,
      decidedAt: null,
      decidedBy: null,
      label: null,
    }
    try {
      await database().collection('media_checks').add({ data: check })
    } catch (err) {
      if (isDuplicate(err)) continue
      throw err
    }
    try {
      // WeChat downloads the image from a public URL: a temp URL of the file, never the fileID.
      const { fileList } = (await cloud.getTempFileURL({ fileList: [fileId] })) as { fileList?: { status: number; tempFileURL: string }[] }
      const url = fileList?.[0]?.status === 0 ? fileList[0].tempFileURL : ''
      if (!url) throw new Error(`no temp URL for ${fileId}`)
      const res = (await cloud.openapi.security.mediaCheckAsync({ mediaUrl: url, mediaType: 2, version: 2, scene: s.scene, openid: s.openid })) as { traceId?: string }
      if (!res?.traceId) throw new Error('mediaCheckAsync answered without a traceId')
      await database().collection('media_checks').doc(check._id).update({ data: { traceId: res.traceId } })
    } catch (err) {
      console.warn(`mediaCheckAsync unavailable for ${check._id}, holding for staff review:`, (err as Error).message)
      await database().collection('media_checks').doc(check._id).update({ data: { status: 'review', decidedAt: s.now, decidedBy: 'unavailable' } })
    }
  }
}

export type MediaOutcome = 'pass' | 'risky' | 'review' | 'remove'

/** Which stored status each outcome may change, and to what: the platform decides pending checks, staff decide reviews. */
const TRANSITIONS: Record<MediaOutcome, { from: MediaCheckStatus; to: MediaCheckStatus }[]> = {
  pass: [{ from: 'pending', to: 'pass' }, { from: 'review', to: 'pass' }],
  risky: [{ from: 'pending', to: 'risky' }],
  review: [{ from: 'pending', to: 'review' }],
  remove: [{ from: 'review', to: 'removed' }],
}

/**
 * Applies a verdict to one check and its subject in one transaction. A check already decided is left as it is, so a
 * repeated event (or a second staff decision) changes nothing; `applied` says whether this call changed it.
 */
export async function applyMediaOutcome(
  checkId: string,
  outcome: MediaOutcome,
  by: { decidedBy: string; actor: Actor | null; staff: boolean; label?: number | null },
  now: Date,
): Promise<{ applied: boolean; check: MediaCheck | null }> {
  const result = await writeWithHistory(async (tx: Tx) => {
    const check = await readIn<MediaCheck>(tx, 'media_checks', checkId)
    const step = check && TRANSITIONS[outcome].find((t) => t.from === check.status && (t.from === 'review') === by.staff)
    if (!check || !step) return { result: { applied: false, check }, events: [] }
    const decided: MediaCheck = { ...check, status: step.to, decidedAt: now, decidedBy: by.decidedBy, label: by.label ?? check.label }
    await tx.collection('media_checks').doc(checkId).update({ data: { status: decided.status, decidedAt: now, decidedBy: by.decidedBy, label: decided.label } })
    const events = step.to === 'review' ? [] : await releaseOrRemove(tx, check, step.to === 'pass', by.actor, now)
    return { result: { applied: true, check: decided }, events }
  })
  // The file goes once its removal is committed (deleting a missing file is harmless, so a retry is too).
  if (result.applied && (result.check?.status === 'risky' || result.check?.status === 'removed')) {
    await (initCloud().deleteFile({ fileList: [result.check.fileId] }) as Promise<unknown>).catch((err: Error) =>
      console.warn(`deleteFile ${result.check?._id} failed:`, err.message),
    )
  }
  return result
}

/** A passed photo stops being held; a removed one leaves its subject, and the uploader is told where they look. */
async function releaseOrRemove(tx: Tx, check: MediaCheck, pass: boolean, actor: Actor | null, now: Date): Promise<Omit<TopicEvent, '_id'>[]> {
  const { kind, id } = check.subject
  const doc = await readIn<Report | Topic | Resolution | ReviewPhotos>(tx, COLLECTION[kind], id)
  if (!doc) return []
  const without = (list: readonly string[] | undefined) => (list ?? []).filter((f) => f !== check.fileId)
  const patch: Record<string, unknown> = { heldPhotos: without(doc.heldPhotos) }
  const events: Omit<TopicEvent, '_id'>[] = []
  if (!pass) {
    if (kind === 'report') {
      const r = doc as Report
      const entry: TimelineEntry = { at: now, kind: 'photoRemoved', text: REMOVED_TEXT }
      Object.assign(patch, { photos: without(r.photos), timeline: [...r.timeline, entry] })
    } else if (kind === 'topic') {
      const t = doc as Topic
      Object.assign(patch, { meetingPhotos: without(t.meetingPhotos) })
      events.push(newTopicEvent(t, actor, now, 'photoRemoved', `议事会照片：${REMOVED_TEXT}`))
    } else if (kind === 'review') {
      // A 一月一问效 record has no history of its own: the photo leaves the record and every earlier version of it.
      const m = doc as ReviewPhotos
      Object.assign(patch, { current: { ...m.current, photos: without(m.current.photos) }, revisions: m.revisions.map((e) => ({ ...e, photos: without(e.photos) })) })
    } else {
      const r = doc as Resolution
      Object.assign(patch, { disclosures: r.disclosures.map((d) => ({ ...d, photos: without(d.photos) })) })
      events.push(newItemEvent(r, actor, now, 'photoRemoved', `「${r.title}」公示照片：${REMOVED_TEXT}`))
    }
  }
  await tx.collection(COLLECTION[kind]).doc(id).update({ data: patch })
  return events
}

/** The check of a trace id, if any (a trace id the functions never asked about finds nothing). */
export async function checkByTraceId(traceId: string): Promise<MediaCheck | null> {
  const res = await database().collection('media_checks').where({ traceId }).limit(1).get()
  return (res.data[0] as MediaCheck | undefined) ?? null
}

/** The checks of a file (one per subject it was published on). */
export async function checksOfFile(fileId: string): Promise<MediaCheck[]> {
  const res = await database().collection('media_checks').where({ fileId }).limit(20).get()
  return res.data as MediaCheck[]
}
