import { DUPLICATE_RADIUS_METERS, distanceMeters } from '../../src/domain/geo'

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
