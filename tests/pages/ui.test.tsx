import * as contracts from '../../src/contracts'
import * as account from '../../src/contracts/account'
import * as reports from '../../src/contracts/reports'
import * as topics from '../../src/contracts/topics'
import * as resolutions from '../../src/contracts/resolutions'
import * as board from '../../src/contracts/board'
import * as supervision from '../../src/contracts/supervision'
import { RESIDENT_ACTIONS } from '../../src/ui/actions'
import { ROLE_LABELS, roleLabel, isStaffRole } from '../../src/ui/labels'
import { fitWithin, MAX_ATTEMPTS, MAX_SIDE, MIN_QUALITY, nextStep, planCompression, START_QUALITY, TARGET_BYTES } from '../../src/ui/image-policy'
import { newRequestId } from '../../src/ui/request-id'
import { deadlineName, fmtDate, fmtRate, fmtShort, fmtTime, lateBy, overdueBy } from '../../src/ui/format'
import { excerpt, inWords } from '../../src/ui/feedback'
import { rootFontSize } from '../../src/ui/fit-root'

describe('ui/actions: the light references match the contracts', () => {
  const all = { ...account, ...reports, ...topics, ...resolutions, ...board, ...supervision } as Record<string, { functionName?: string; name?: string }>
  test.each(Object.entries(RESIDENT_ACTIONS))('%s', (key, ref) => {
    const real = all[key]
    expect(real).toBeDefined()
    expect({ functionName: ref.functionName, name: ref.name }).toEqual({ functionName: real!.functionName, name: real!.name })
    expect(contracts.allContracts).toContainEqual(expect.objectContaining({ functionName: ref.functionName, name: ref.name }))
  })
  test('role labels are the Chinese names people see, and an unknown or missing role reads 访客', () => {
    expect(ROLE_LABELS).toEqual({
      resident: '居民',
      representative: '居民代表',
      grid_worker: '网格员',
      community_staff: '社区工作人员',
      township_supervisor: '街道督办',
      county_office: '县级办公室',
      department_staff: '部门工作人员',
    })
    expect(roleLabel('grid_worker')).toBe('网格员')
    expect(roleLabel(null)).toBe('访客')
    expect(roleLabel('mayor')).toBe('访客')
    expect(isStaffRole('community_staff')).toBe(true)
    expect(isStaffRole('representative')).toBe(false)
  })
})

describe('ui/image-policy: at most 1280 px on the long side, about 300 KB', () => {
  test('fitWithin keeps the aspect ratio and never upscales', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1280, height: 960 })
    expect(fitWithin(3024, 4032)).toEqual({ width: 960, height: 1280 })
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 })
    expect(fitWithin(1280, 100)).toEqual({ width: 1280, height: 100 })
    expect(fitWithin(10000, 3)).toEqual({ width: 1280, height: 1 })
  })

  test('a photo already small enough is sent as it is', () => {
    expect(planCompression({ width: 1280, height: 960, bytes: 250 * 1024 })).toBeNull()
    expect(planCompression({ width: 640, height: 480, bytes: TARGET_BYTES })).toBeNull()
  })

  test('a large camera photo is resized; quality drops with the expected overshoot, within the floor', () => {
    // 12 MP, 4 MB: resizing alone brings it to ~400 KB, so the quality goes down by about that ratio.
    const step = planCompression({ width: 4032, height: 3024, bytes: 4 * 1024 * 1024 })!
    expect(step).toMatchObject({ width: 1280, height: 960 })
    expect(step.quality).toBeLessThan(START_QUALITY)
    expect(step.quality).toBeGreaterThanOrEqual(MIN_QUALITY)
    // Resizing alone is enough: keep the start quality.
    expect(planCompression({ width: 4032, height: 3024, bytes: 2 * 1024 * 1024 })).toEqual({ width: 1280, height: 960, quality: START_QUALITY })
    // Small in pixels but heavy (a PNG screenshot): same size, lower quality.
    const heavy = planCompression({ width: 1000, height: 1000, bytes: 3 * 1024 * 1024 })!
    expect(heavy).toEqual({ width: 1000, height: 1000, quality: MIN_QUALITY })
  })

  test('unknown size: resize at the start quality', () => {
    expect(planCompression({ width: 2000, height: 1000, bytes: NaN })).toEqual({ width: 1280, height: 640, quality: START_QUALITY })
    expect(planCompression({ width: 600, height: 400, bytes: 0 })).toEqual({ width: 600, height: 400, quality: START_QUALITY })
  })

  test('after a try: stop when it fits, lower the quality when over, then shrink at the floor, at most MAX_ATTEMPTS tries', () => {
    const first = { width: 1280, height: 960, quality: 80 }
    expect(nextStep(first, 280 * 1024, 1)).toBeNull()
    const second = nextStep(first, 600 * 1024, 1)!
    expect(second.width).toBe(1280)
    expect(second.quality).toBeLessThan(80)
    expect(second.quality).toBeGreaterThanOrEqual(MIN_QUALITY)
    const atFloor = { width: 1280, height: 960, quality: MIN_QUALITY }
    const third = nextStep(atFloor, 500 * 1024, 2)!
    expect(third.quality).toBe(MIN_QUALITY)
    expect(third.width).toBeLessThan(1280)
    expect(third.width / third.height).toBeCloseTo(1280 / 960, 2)
    expect(third.width * third.height * 500 * 1024).toBeLessThan(1280 * 960 * TARGET_BYTES)
    expect(nextStep(atFloor, 500 * 1024, MAX_ATTEMPTS)).toBeNull()
    expect(nextStep(first, NaN, 1)).toBeNull()
  })

  test('a simulated encoder (bytes ∝ pixels × quality factor) converges under the target within the tries', () => {
    const encode = (s: { width: number; height: number; quality: number }) => s.width * s.height * (0.2 + s.quality / 100) * 0.9
    const photos: [number, number, number][] = [
      [4032, 3024, 5_000_000],
      [4000, 3000, 9_000_000],
      [1280, 1280, 1_500_000],
      [3000, 4000, 1_200_000],
    ]
    for (const [w, h, bytes] of photos) {
      let step = planCompression({ width: w, height: h, bytes })
      let result = bytes
      for (let attempt = 1; step; attempt++) {
        expect(Math.max(step.width, step.height)).toBeLessThanOrEqual(MAX_SIDE)
        result = encode(step)
        step = nextStep(step, result, attempt)
      }
      expect(result).toBeLessThanOrEqual(TARGET_BYTES * 1.25)
    }
  })
})

describe('ui/draft and ui/format', () => {
  test('request ids fit the contract and differ', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newRequestId()))
    expect(ids.size).toBe(200)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(newRequestId(0, () => 0)).toBe('r0000000000000')
  })

  test('times are Beijing wall time whatever the device zone; missing ones are a dash', () => {
    expect(fmtTime('2026-12-31T16:30:00.000Z')).toBe('2027-01-01 00:30')
    expect(fmtDate('2026-12-31T16:30:00.000Z')).toBe('2027-01-01')
    expect(fmtShort('2026-12-09T11:00:00.000Z')).toBe('12月9日 19:00')
    expect(fmtTime(null)).toBe('—')
    expect(fmtTime('not a date')).toBe('—')
    expect(fmtRate(null)).toBe('暂无')
    expect(fmtRate(0.925)).toBe('93%')
  })
})

describe('issue 10: overdue in words, errors in words, the H5 root size', () => {
  const due = Date.parse('2026-12-04T15:59:59.999Z')
  test('an overdue mark names the deadline and how late it is; a deadline is never said as …期限期限', () => {
    expect(overdueBy('办理情况公示', '2026-12-04T15:59:59.999Z', due + 2 * 86_400_000 + 5)).toBe('办理情况公示逾期 2 天')
    expect(overdueBy('办理期限', '2026-12-04T15:59:59.999Z', due + 5 * 3_600_000 + 5)).toBe('办理逾期 5 小时')
    expect(lateBy('2026-12-04T15:59:59.999Z', due + 60_000)).toBe('不足 1 小时')
    expect(overdueBy('差评回复', '2026-12-04T15:59:59.999Z', due - 1)).toBe('')
    expect(overdueBy('差评回复', null, due)).toBe('')
    expect(`${deadlineName('办理期限')}期限`).toBe('办理期限')
    expect(`${deadlineName('办理情况公示')}期限`).toBe('办理情况公示期限')
  })

  test('errors are sentences: the server\'s Chinese as is, a transport failure in words with at most its short code', () => {
    expect(inWords('该诉求已处理')).toBe('该诉求已处理')
    expect(inWords('NETWORK: TypeError: Failed to fetch')).toBe('网络连接失败，请检查网络后重试（参考：NETWORK）')
    expect(inWords('-1: timeout')).toBe('服务暂时不可用，请稍后再试（参考：-1）')
    expect(inWords('Unexpected token < in JSON')).toBe('服务暂时不可用，请稍后再试')
    expect(inWords(undefined)).toBe('服务暂时不可用，请稍后再试')
    expect(excerpt('小区东门积水严重，老人出行不便', 8)).toBe('小区东门积水严重…')
  })

  test('H5: 750 design px fill the screen (1 rem = 40 design px), clamped to 320–640 px wide', () => {
    expect(rootFontSize(390)).toBeCloseTo(20.8)
    expect(rootFontSize(375)).toBe(20)
    expect(rootFontSize(200)).toBeCloseTo(17.0667, 3)
    expect(rootFontSize(1920)).toBeCloseTo(34.1333, 3)
    // The least tap target, 64 design px, is then at least 32 CSS px from 375 px wide; care mode's 96 at least 44.
    expect((64 / 40) * rootFontSize(375)).toBe(32)
    expect((96 / 40) * rootFontSize(320)).toBeGreaterThanOrEqual(40.9)
  })
})
