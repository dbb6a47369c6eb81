import crypto from 'node:crypto'
import path from 'node:path'
import zlib from 'node:zlib'

/**
 * wxacode.getUnlimited, locally: the mini-program code of a page with a scene, answered as a PNG (image/png), with
 * WeChat's refusals — a page that is not one of the app's pages (41030; WeChat checks the published app when
 * check_path is on, and a path must not start with "/"), a scene over 32 characters or with characters WeChat does
 * not accept (40169), a width outside 280–1280 (40097). The image is not a scannable WeChat code: its modules are drawn
 * from a hash of page and scene, and the PNG carries `page` and `scene` as tEXt chunks so tests can read where it
 * leads (readCodeTarget).
 */

/** Characters WeChat accepts in a scene: letters, digits and !#$&'()*+,/:;=?@-._~ */
const SCENE_CHARS = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]*$/
const MODULES = 21

/** The pages of the app, main package and subpackages, from src/app.config.ts (what the built app.json lists). */
export function appPagesOf(configFile: string): string[] {
  const g = globalThis as { defineAppConfig?: (c: unknown) => unknown }
  g.defineAppConfig ??= (c: unknown) => c
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.resolve(configFile)) as { default?: AppConfig } & AppConfig
  const config = mod.default ?? mod
  const subs = config.subPackages ?? config.subpackages ?? []
  return [...(config.pages ?? []), ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))]
}
interface AppConfig {
  pages?: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
}

export type WxaCodeReply = { png: Buffer } | { errcode: number; errmsg: string }

export function getUnlimited(params: Record<string, unknown>, pages: readonly string[]): WxaCodeReply {
  const scene = params.scene
  if (typeof scene !== 'string' || !scene) return { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json' }
  if (scene.length > 32) return { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json' }
  if (!SCENE_CHARS.test(scene)) return { errcode: 40169, errmsg: 'invalid scene: characters outside the allowed set' }
  const page = params.page === undefined || params.page === '' ? pages[0]! : params.page
  const checkPath = params.check_path === undefined ? true : params.check_path !== false
  if (typeof page !== 'string' || page.startsWith('/') || (checkPath && !pages.includes(page))) return { errcode: 41030, errmsg: 'invalid page rid: page not found in the app' }
  const width = params.width === undefined ? 430 : Number(params.width)
  if (!Number.isInteger(width) || width < 280 || width > 1280) return { errcode: 40097, errmsg: 'invalid args: width must be 280-1280' }
  return { png: drawCode(page, scene, width) }
}

function drawCode(page: string, scene: string, width: number): Buffer {
  const bits = crypto.createHash('sha256').update(`${page}?${scene}`).digest()
  const cell = Math.floor(width / (MODULES + 2))
  const size = cell * (MODULES + 2)
  const pixels = Buffer.alloc(size * size, 0xff)
  const dark = (mx: number, my: number) => {
    const finder = (x: number, y: number) => x < 7 && y < 7 && (x === 0 || y === 0 || x === 6 || y === 6 || (x >= 2 && x <= 4 && y >= 2 && y <= 4))
    if (finder(mx, my) || finder(MODULES - 1 - mx, my) || finder(mx, MODULES - 1 - my)) return true
    const i = my * MODULES + mx
    return ((bits[i % bits.length]! >> (i % 8)) & 1) === 1
  }
  for (let my = 0; my < MODULES; my++)
    for (let mx = 0; mx < MODULES; mx++) {
      if (!dark(mx, my)) continue
      for (let y = 0; y < cell; y++) pixels.fill(0, ((my + 1) * cell + y) * size + (mx + 1) * cell, ((my + 1) * cell + y) * size + (mx + 2) * cell)
    }
  return encodeGrayPng(size, size, pixels, { page, scene })
}

const CRC_TABLE = Array.from({ length: 256 }, (_x, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4)
  head.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const tail = Buffer.alloc(4)
  tail.writeUInt32BE(crc32(body))
  return Buffer.concat([head, body, tail])
}

/** An 8-bit grayscale PNG (filter 0 on every row), with tEXt chunks. */
export function encodeGrayPng(width: number, height: number, pixels: Buffer, text: Record<string, string> = {}): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 0 // grayscale
  const rows = Buffer.alloc((width + 1) * height)
  for (let y = 0; y < height; y++) pixels.copy(rows, y * (width + 1) + 1, y * width, (y + 1) * width)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...Object.entries(text).map(([k, v]) => chunk('tEXt', Buffer.concat([Buffer.from(k, 'latin1'), Buffer.from([0]), Buffer.from(v, 'latin1')]))),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** The page and scene an emulated code leads to (its tEXt chunks), and its size; null when it is not a PNG. */
export function readCodeTarget(png: Buffer): { page: string; scene: string; width: number; height: number } | null {
  if (png.length < 33 || png.readUInt32BE(0) !== 0x89504e47) return null
  const text: Record<string, string> = {}
  let at = 8
  let width = 0
  let height = 0
  while (at + 8 <= png.length) {
    const len = png.readUInt32BE(at)
    const type = png.toString('ascii', at + 4, at + 8)
    const data = png.subarray(at + 8, at + 8 + len)
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
    }
    if (type === 'tEXt') {
      const zero = data.indexOf(0)
      text[data.toString('latin1', 0, zero)] = data.toString('latin1', zero + 1)
    }
    at += 12 + len
  }
  return { page: text.page ?? '', scene: text.scene ?? '', width, height }
}
