import { DUPLICATE_RADIUS_METERS, byDistance, distanceMeters, outsideChina, wgs84ToGcj02 } from '../../src/domain/geo'

const p = (latitude: number, longitude: number) => ({ latitude, longitude })

describe('distanceMeters (great circle)', () => {
  test.each([
    ['same point', p(26.08, 119.3), p(26.08, 119.3), 0, 0],
    ['one degree of latitude at the equator', p(0, 0), p(1, 0), 111_000, 111_400],
    ['one degree of latitude near Fuzhou', p(26, 119.3), p(27, 119.3), 111_000, 111_400],
    ['one degree of longitude at the equator', p(0, 0), p(0, 1), 111_000, 111_400],
    ['one degree of longitude at 60°N is about half', p(60, 10), p(60, 11), 55_400, 55_800],
    ['0.001° of latitude ≈ 111 m', p(26.08, 119.3), p(26.081, 119.3), 110, 112],
    ['half way round the earth', p(0, 0), p(0, 180), 20_000_000, 20_040_000],
  ])('%s', (_name, a, b, min, max) => {
    const d = distanceMeters(a, b)
    expect(d).toBeGreaterThanOrEqual(min)
    expect(d).toBeLessThanOrEqual(max)
  })

  test('symmetric', () => {
    const a = p(26.0812, 119.2964)
    const b = p(26.0755, 119.3061)
    expect(distanceMeters(a, b)).toBeCloseTo(distanceMeters(b, a), 6)
    expect(distanceMeters(a, b)).toBeGreaterThan(1000)
    expect(distanceMeters(a, b)).toBeLessThan(1200)
  })

  test('the duplicate radius separates neighbours from the next street', () => {
    expect(DUPLICATE_RADIUS_METERS).toBe(200)
    const origin = p(26.08, 119.3)
    expect(distanceMeters(origin, p(26.0815, 119.3))).toBeLessThan(DUPLICATE_RADIUS_METERS) // ≈167 m
    expect(distanceMeters(origin, p(26.082, 119.3))).toBeGreaterThan(DUPLICATE_RADIUS_METERS) // ≈222 m
  })
})

describe('wgs84ToGcj02 (a browser\'s WGS-84 to the GCJ-02 of WeChat\'s chooseLocation)', () => {
  // Published reference pairs (the test data of the widely used eviltransform library): WGS-84 → GCJ-02.
  test.each([
    ['Shanghai, Pudong', p(31.1774276, 121.5272106), p(31.17530398364597, 121.531541859215)],
    ['Shenzhen, Nanshan', p(22.543847, 113.912316), p(22.540796131694766, 113.9171764808363)],
  ])('%s', (_name, wgs, gcj) => {
    const out = wgs84ToGcj02(wgs)
    expect(out.latitude).toBeCloseTo(gcj.latitude, 8)
    expect(out.longitude).toBeCloseTo(gcj.longitude, 8)
    expect(distanceMeters(out, gcj)).toBeLessThan(0.01)
  })

  test('in China the shift is hundreds of metres (so mixing the two datums would break the 200 m duplicate radius)', () => {
    const wgs = p(26.0812, 119.2964) // Fuzhou
    const shift = distanceMeters(wgs, wgs84ToGcj02(wgs))
    expect(shift).toBeGreaterThan(200)
    expect(shift).toBeLessThan(1000)
  })

  test('outside China nothing moves', () => {
    for (const wgs of [p(51.5007, -0.1246), p(35.6586, 139.7454), p(-33.8568, 151.2153)]) {
      expect(outsideChina(wgs)).toBe(true)
      expect(wgs84ToGcj02(wgs)).toEqual(wgs)
    }
    expect(outsideChina(p(26.0812, 119.2964))).toBe(false)
  })
})

describe('byDistance', () => {
  test('nearest first, with distances; items without a place are left out', () => {
    const from = p(26.08, 119.3)
    const items = [
      { id: 'far', location: p(26.09, 119.3) },
      { id: 'none', location: null },
      { id: 'near', location: p(26.0801, 119.3) },
      { id: 'mid', location: p(26.082, 119.3) },
    ]
    const out = byDistance(from, items)
    expect(out.map((o) => o.item.id)).toEqual(['near', 'mid', 'far'])
    expect(out[0]!.meters).toBeGreaterThan(10)
    expect(out[0]!.meters).toBeLessThan(12)
    expect(out[2]!.meters).toBeGreaterThan(1100)
  })
})
