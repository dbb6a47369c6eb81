import { useEffect, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Page from '../../components/Page'
import Btn from '../../components/Btn'
import ErrorText from '../../components/ErrorText'
import { callAction } from '../../api/call'
import { makeNoticePoster } from '../../contracts/topics'
import { useRemote } from '../../ui/use-remote'
import { useRouteParams } from '../../ui/nav'
import { drawPoster, posterLayout, type PosterContext } from '../../ui/poster'
import './index.css'

type CanvasNode = { width: number; height: number; getContext(kind: '2d'): PosterContext | null; createImage?: () => HTMLImageElement; toDataURL?: (type: string) => string }

/**
 * An off-screen 2D canvas (weapp: wx.createOffscreenCanvas; H5: a detached <canvas>). No <Canvas> component: its
 * template would go into the main package's base.wxml; the finished poster is shown as an image instead.
 */
function offscreenCanvas(width: number, height: number): CanvasNode | null {
  if (process.env.TARO_ENV === 'weapp') {
    const create = (Taro as unknown as { createOffscreenCanvas?: (o: { type: '2d'; width: number; height: number }) => CanvasNode }).createOffscreenCanvas
    return create ? create({ type: '2d', width, height }) : null
  }
  if (typeof document === 'undefined') return null
  const canvas = document.createElement('canvas') as unknown as CanvasNode
  canvas.width = width
  canvas.height = height
  return canvas
}

/** The drawn poster as an image path: a temp file in weapp, a data URL in H5. */
async function exported(canvas: CanvasNode): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') return (await Taro.canvasToTempFilePath({ canvas } as never)).tempFilePath
  return canvas.toDataURL?.('image/png') ?? ''
}

/**
 * 公告张贴海报: for a notice in force, the poster for the paper notice board — notice text, objection deadline and the
 * mini-program code that opens the topic (topics.makeNoticePoster) — drawn on a canvas (src/ui/poster.ts) and saved
 * as an image. The same text is on the page as text, for reading and for screen readers.
 */
export default function NoticePoster() {
  const { id } = useRouteParams()
  const remote = useRemote(() => (id ? callAction(makeNoticePoster, { topicId: id }) : Promise.resolve({ ok: false as const, error: { code: 'NOT_FOUND', message: '缺少议题编号' } })), [id])
  const [image, setImage] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const poster = remote.state.kind === 'ready' ? remote.state.data.poster : null

  useEffect(() => {
    if (!poster) return
    let cancelled = false
    const layout = posterLayout(poster)
    const canvas = offscreenCanvas(layout.width, layout.height)
    let ctx: PosterContext | null = null
    try {
      ctx = canvas?.getContext('2d') ?? null
    } catch {
      ctx = null
    }
    if (!canvas || !ctx) {
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setProblem('此设备无法生成海报图片，可按下方文字抄写张贴')
      return
    }
    const code = canvas.createImage ? canvas.createImage() : new window.Image()
    code.onload = () => {
      if (cancelled) return
      drawPoster(ctx, layout, code)
      void exported(canvas).then((src) => !cancelled && setImage(src), () => !cancelled && setProblem('海报图片导出失败，请刷新重试'))
    }
    code.onerror = () => !cancelled && setProblem('小程序码图片加载失败，请刷新重试')
    code.src = poster.codeUrl
    return () => {
      cancelled = true
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [poster?.codeFileId])

  const save = async () => {
    if (!image) return
    if (process.env.TARO_ENV === 'weapp') {
      await Taro.saveImageToPhotosAlbum({ filePath: image }).catch(() => setProblem('保存失败：请允许保存到相册后重试'))
      return
    }
    const a = document.createElement('a')
    a.href = image
    a.download = `拟办意见公告-${poster?.topicId ?? ''}.png`
    a.click()
  }

  return (
    <Page label='公告张贴海报'>
      {remote.state.kind === 'loading' && <Text className='muted'>正在生成海报…</Text>}
      {remote.state.kind === 'error' && <ErrorText message={`海报生成失败：${remote.state.message}`} />}
      {poster ? (
        <View className='card sf-section'>
          {image ? <Image className='poster__image' src={image} mode='widthFix' aria-label={`海报：${poster.title}`} /> : null}
          <ErrorText message={problem} />
          <Btn kind='primary' disabled={!image} onTap={() => void save()}>
            保存海报图片
          </Btn>
          <Text className='sf-section__title'>{poster.title}</Text>
          <Text>{poster.noticeText}</Text>
          <Text className='sf-warn'>{`异议截止：${poster.closesLabel}`}</Text>
        </View>
      ) : null}
    </Page>
  )
}
