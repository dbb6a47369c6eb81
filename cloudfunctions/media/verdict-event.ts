import { fail, ok, type PlatformEventHandler } from '../_shared/router'
import { applyMediaOutcome, checkByTraceId } from '../_shared/media-check'
import { mediaCheckEventSchema, type MediaVerdictAnswer } from '../../src/contracts/media'

/**
 * Sources that mean a person's client made the call (first link of the SOURCE chain): a mini-program, the IDE, the
 * HTTP API. A verdict is accepted only from the platform, so a call that starts at a client is refused, even through
 * another function ("wx_client,scf"). Production's message push is not a client source; locally the emulator
 * delivers with source "wx_msgpush".
 */
const CLIENT_SOURCES = ['wx_client', 'wx_devtools', 'wx_http', 'wx_localdebug', 'wx_crawler']

export function deliveredByPlatform(source: string): boolean {
  const origin = source.split(',')[0]?.trim() ?? ''
  return !CLIENT_SOURCES.includes(origin)
}

/**
 * The image-check verdict (message push, event wxa_media_check). Only the platform may deliver it; the trace id must
 * be one the functions asked about; a check already decided is not changed again, so a repeated event changes nothing.
 */
export const mediaVerdictEvent: PlatformEventHandler = {
  matches: (event) => !!event && typeof event === 'object' && (event as { Event?: unknown }).Event === 'wxa_media_check',
  async handle(event, ctx) {
    if (!deliveredByPlatform(ctx.source)) return fail('FORBIDDEN', '图片检测结果只能由微信平台推送')
    const parsed = mediaCheckEventSchema.safeParse(event)
    if (!parsed.success) return fail('INVALID_INPUT', '图片检测结果格式不正确')
    const check = await checkByTraceId(parsed.data.trace_id)
    if (!check) return ok<MediaVerdictAnswer>({ applied: false, status: null })
    const { applied, check: after } = await applyMediaOutcome(
      check._id,
      parsed.data.result.suggest,
      { decidedBy: 'platform', actor: null, staff: false, label: parsed.data.result.label ?? null },
      ctx.now,
    )
    return ok<MediaVerdictAnswer>({ applied, status: after?.status ?? null })
  },
}
