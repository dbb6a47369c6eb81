import { useEffect, useState } from 'react'
import { View, Text, Canvas } from '@tarojs/components'
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

const CANVAS_ID = 'notice-poster'
type CanvasNode = { width: number; height: number; getContext(kind: '2d'): PosterContext | null; createImage?: () => HTMLImageElement; toDataURL?: (type: string) => string }

/** The canvas node: weapp's Canvas 2D through a selector query; in H5 the <canvas> inside Taro's canvas element. */
function canvasNode(): Promise<CanvasNode | null> {
  if (process.env.TARO_ENV === 'weapp') {
    return new Promise((resolve) => {
      Taro.createSelectorQuery()
        .select(`#${CANVAS_ID}`)
        .fields({ node: true, size: true })
        .exec((res: { node?: CanvasNode }[]) => resolve(res?.[0]?.node ?? null))
    })
  }
  const el = typeof document !== 'undefined' ? document.getElementById(CANVAS_ID) : null
  const canvas = el && (el.tagName === 'CANVAS' ? el : el.querySelector('canvas'))
  return Promise.resolve((canvas as unknown as CanvasNode) ?? null)
}

/**
 * 公告张贴海报: for a notice in force, the poster for the paper notice board — notice text, objection deadline and the
 * mini-program code that opens the topic (topics.makeNoticePoster) — drawn on a canvas (src/ui/poster.ts) and saved
 * as an image. The same text is on the page as text, for reading and for screen readers.
 */
export default function NoticePoster() {
  const { id } = useRouteParams()
  const remote = useRemote(() => (id ? callAction(makeNoticePoster, { topicId: id }) : Promise.resolve({ ok: false as const, error: { code: 'NOT_FOUND', message: '缺少议题编号' } })), [id])
  const [drawn, setDrawn] = useState<CanvasNode | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const poster = remote.state.kind === 'ready' ? remote.state.data.poster : null
  const layout = poster ? posterLayout(poster) : null

  useEffect(() => {
    if (!poster || !layout) return
    let cancelled = false
    void (async () => {
      const canvas = await canvasNode()
      const ctx = canvas?.getContext('2d')
      if (!canvas || !ctx) return !cancelled && setProblem('此设备无法预览海报图片，可直接按下方文字抄写张贴')
      canvas.width = layout.width
      canvas.height = layout.height
      const image = canvas.createImage ? canvas.createImage() : new Image()
      image.onload = () => {
        if (cancelled) return
        drawPoster(ctx, layout, image)
        setDrawn(canvas)
      }
      image.onerror = () => !cancelled && setProblem('小程序码图片加载失败，请刷新重试')
      image.src = poster.codeUrl
    })()
    return () => {
      cancelled = true
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [poster?.codeFileId])

  const save = async () => {
    if (!drawn) return
    if (process.env.TARO_ENV === 'weapp') {
      const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: drawn } as never)
      await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath }).catch(() => setProblem('保存失败：请允许保存到相册后重试'))
      return
    }
    const a = document.createElement('a')
    a.href = drawn.toDataURL?.('image/png') ?? ''
    a.download = `拟办意见公告-${poster?.topicId ?? ''}.png`
    a.click()
  }

  return (
    <Page label='公告张贴海报'>
      {remote.state.kind === 'loading' && <Text className='muted'>正在生成海报…</Text>}
      {remote.state.kind === 'error' && <ErrorText message={`海报生成失败：${remote.state.message}`} />}
      {poster && layout ? (
        <View className='card sf-section'>
          <Canvas type='2d' id={CANVAS_ID} className='poster__canvas' style={`height:${layout.height / 2}px`} />
          <ErrorText message={problem} />
          <Btn kind='primary' disabled={!drawn} onTap={() => void save()}>
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
