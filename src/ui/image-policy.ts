/**
 * How a report photo is shrunk on the device before upload: the long side at most 1280 px, the file about 300 KB.
 * Pure: the platform code (photo.ts) measures, compresses, measures again and asks this module what to do next.
 *
 * JPEG size is roughly proportional to the pixel count at a given quality, and falls with quality, though not
 * linearly. So the first try scales the quality by the expected overshoot; a later try lowers the quality further by
 * the measured overshoot, and once the quality floor is reached it shrinks the dimensions instead.
 */
export const MAX_SIDE = 1280
export const TARGET_BYTES = 300 * 1024
/** WeChat's compressImage default is 80; below 40 text on signs and cracks in walls become hard to read. */
export const START_QUALITY = 80
export const MIN_QUALITY = 40
export const MAX_ATTEMPTS = 3

export interface ImageFacts {
  width: number
  height: number
  /** File size in bytes; NaN or 0 when the platform could not tell. */
  bytes: number
}

export interface CompressionStep {
  width: number
  height: number
  /** 1–100, as compressImage and canvas.toBlob (÷100) take it. */
  quality: number
}

const known = (bytes: number) => Number.isFinite(bytes) && bytes > 0

/** The size that fits the long side into `maxSide`, keeping the aspect ratio, in whole pixels (never upscaled). */
export function fitWithin(width: number, height: number, maxSide: number = MAX_SIDE): { width: number; height: number } {
  const long = Math.max(width, height)
  if (long <= maxSide) return { width: Math.round(width), height: Math.round(height) }
  const scale = maxSide / long
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** The first compression, or null when the photo already fits both limits and is sent as it is. */
export function planCompression(img: ImageFacts): CompressionStep | null {
  const size = fitWithin(img.width, img.height)
  const resized = size.width !== Math.round(img.width) || size.height !== Math.round(img.height)
  if (!resized && known(img.bytes) && img.bytes <= TARGET_BYTES) return null
  if (!known(img.bytes)) return { ...size, quality: START_QUALITY }
  const expected = img.bytes * ((size.width * size.height) / Math.max(1, img.width * img.height))
  const quality = expected <= TARGET_BYTES ? START_QUALITY : clampQuality(START_QUALITY * (TARGET_BYTES / expected))
  return { ...size, quality }
}

/**
 * After try number `attempt` (1-based) produced `resultBytes`: the next try, or null when done — the result fits,
 * the size is unknown, or the tries are used up (the last result is then sent as the best effort).
 */
export function nextStep(prev: CompressionStep, resultBytes: number, attempt: number): CompressionStep | null {
  if (!known(resultBytes) || resultBytes <= TARGET_BYTES || attempt >= MAX_ATTEMPTS) return null
  const ratio = TARGET_BYTES / resultBytes
  if (prev.quality > MIN_QUALITY) {
    // Quality is a weak lever: go a little further than the ratio says.
    return { ...prev, quality: clampQuality(prev.quality * ratio * 0.9) }
  }
  const scale = Math.sqrt(ratio) * 0.95
  return { width: Math.max(1, Math.round(prev.width * scale)), height: Math.max(1, Math.round(prev.height * scale)), quality: prev.quality }
}

function clampQuality(q: number): number {
  return Math.max(MIN_QUALITY, Math.min(START_QUALITY, Math.round(q)))
}
