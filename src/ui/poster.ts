import type { NoticePosterView } from '../contracts/topics'

/**
 * The paper notice's poster, laid out as drawing steps for a 2D canvas (H5 canvas or weapp Canvas 2D alike): the
 * heading, the topic, the notice text (wrapped, at most POSTER_TEXT_LINES lines, the rest replaced by …), the
 * objection deadline, and the mini-program code with what scanning it does. Chinese characters are about one font
 * size wide, so lines are cut by character count; the canvas does the rest.
 */
export const POSTER_WIDTH = 750
export const POSTER_TEXT_LINES = 14
const MARGIN = 48
const CODE_SIZE = 280

export type DrawOp =
  | { kind: 'fill'; x: number; y: number; w: number; h: number; color: string }
  | { kind: 'text'; text: string; x: number; y: number; size: number; bold?: boolean; color: string }
  | { kind: 'code'; x: number; y: number; size: number }

export function wrap(text: string, perLine: number, maxLines: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split(/\r?\n/)) {
    const chars = Array.from(paragraph)
    if (!chars.length) lines.push('')
    for (let i = 0; i < chars.length; i += perLine) lines.push(chars.slice(i, i + perLine).join(''))
  }
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  kept[maxLines - 1] = `${Array.from(kept[maxLines - 1]!).slice(0, perLine - 1).join('')}…`
  return kept
}

export function posterLayout(p: NoticePosterView): { width: number; height: number; ops: DrawOp[] } {
  const ops: DrawOp[] = []
  const inner = POSTER_WIDTH - 2 * MARGIN
  let y = MARGIN
  const line = (text: string, size: number, color = '#1d2129', bold = false) => {
    y += size
    ops.push({ kind: 'text', text, x: MARGIN, y, size, bold, color })
    y += Math.round(size * 0.5)
  }
  ops.push({ kind: 'fill', x: 0, y: 0, w: POSTER_WIDTH, h: 0, color: '#ffffff' }) // height set below
  line('拟办意见公告', 48, '#c8102e', true)
  for (const l of wrap(p.title, Math.floor(inner / 34), 2)) line(l, 34, '#1d2129', true)
  y += 12
  for (const l of wrap(p.noticeText, Math.floor(inner / 28), POSTER_TEXT_LINES)) line(l, 28)
  y += 12
  line(`异议截止：${p.closesLabel}`, 32, '#c8102e', true)
  line('对拟办意见有不同看法，请在截止前提出。', 24, '#4e5969')
  y += 24
  ops.push({ kind: 'code', x: (POSTER_WIDTH - CODE_SIZE) / 2, y, size: CODE_SIZE })
  y += CODE_SIZE + 8
  const caption = '微信扫码，查看议题、提出异议'
  y += 26
  ops.push({ kind: 'text', text: caption, x: (POSTER_WIDTH - Array.from(caption).length * 26) / 2, y, size: 26, color: '#4e5969' })
  const height = y + MARGIN
  ops[0] = { kind: 'fill', x: 0, y: 0, w: POSTER_WIDTH, h: height, color: '#ffffff' }
  return { width: POSTER_WIDTH, height, ops }
}

/** The part of a 2D context the poster uses (CanvasRenderingContext2D in H5, the Canvas 2D context in weapp). */
export interface PosterContext {
  fillStyle: unknown
  font: string
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  drawImage(image: never, x: number, y: number, w: number, h: number): void
}

export function drawPoster(ctx: PosterContext, layout: ReturnType<typeof posterLayout>, code: unknown): void {
  for (const op of layout.ops) {
    if (op.kind === 'fill') {
      ctx.fillStyle = op.color
      ctx.fillRect(op.x, op.y, op.w, op.h)
    } else if (op.kind === 'text') {
      ctx.fillStyle = op.color
      ctx.font = `${op.bold ? 'bold ' : ''}${op.size}px sans-serif`
      ctx.fillText(op.text, op.x, op.y)
    } else {
      ctx.drawImage(code as never, op.x, op.y, op.size, op.size)
    }
  }
}
