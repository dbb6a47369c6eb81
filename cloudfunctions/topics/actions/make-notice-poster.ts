import { fail, ok, initCloud, type Handler } from '../../_shared/router'
import { loadTopicContext } from '../../_shared/topic-store'
import { decided } from '../../_shared/pipeline'
import { formatBeijing } from '../../../src/domain/calendar'
import * as contracts from '../../../src/contracts/topics'

/** The page a scanned code opens; it reads the topic id from `scene` (WeChat passes the code's scene there). */
export const POSTER_PAGE = 'pages/topic/index'

/**
 * The paper notice board's poster for a notice in force (ACTION_RULES.makeNoticePoster: community staff, stage
 * noticed): the notice text, the objection deadline, and a mini-program code from wxacode.getUnlimited whose scene is
 * the topic id (≤ 32 characters, as WeChat requires) and whose page is the topic page. The code is stored under
 * posters/ (one file per notice revision, so a revised notice gets a new poster) and handed out as a temporary link;
 * the staff page composes the image on a canvas. A refusal of the code answers CODE_UNAVAILABLE, never a crash.
 */
export const makeNoticePoster: Handler<typeof contracts.makeNoticePoster> = async (input, ctx) => {
  const c = await loadTopicContext(input.topicId, ctx)
  if (!c) return fail('NOT_FOUND', '议题不存在')
  const denied = decided(contracts.makeNoticePoster, c.actor, c.subject, ctx.now)
  if (denied) return denied
  const notice = c.topic.notice
  if (!notice) return fail('WRONG_STAGE', '该议题没有公告中的拟办意见')

  const cloud = initCloud()
  let code: Buffer
  try {
    const res = (await cloud.openapi.wxacode.getUnlimited({ scene: c.topic._id, page: POSTER_PAGE, checkPath: true, width: 430 })) as { buffer?: Buffer; contentType?: string }
    if (!res.buffer || !/^image\//.test(res.contentType ?? '')) return fail('CODE_UNAVAILABLE', '小程序码生成失败，请稍后再试')
    code = res.buffer
  } catch (err) {
    console.error('wxacode.getUnlimited refused:', (err as Error).message ?? err)
    return fail('CODE_UNAVAILABLE', '小程序码生成失败，请稍后再试')
  }
  const cloudPath = `posters/${c.topic._id}-r${notice.revision}.png`
  const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: code })) as { fileID: string }
  const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: { tempFileURL?: string }[] }
  return ok({
    poster: {
      topicId: c.topic._id,
      title: c.topic.title,
      noticeText: notice.text,
      noticeRevision: notice.revision,
      closesAt: notice.closesAt.toISOString(),
      closesLabel: formatBeijing(notice.closesAt, 'YYYY年M月D日 HH:mm'),
      codeFileId: fileID,
      codeUrl: fileList[0]?.tempFileURL ?? '',
      page: POSTER_PAGE,
      scene: c.topic._id,
    },
  })
}
