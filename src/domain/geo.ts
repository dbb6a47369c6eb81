/** Reports of the same category within this distance that are still open are suggested as possible duplicates. */
export const DUPLICATE_RADIUS_METERS = 200

const EARTH_RADIUS_METERS = 6_371_000
export function distanceMeters(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180
  const dLat = rad(b.latitude - a.latitude)
  const dLng = rad(b.longitude - a.longitude)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)))
}

/**
 * WGS-84 (what a browser's geolocation gives) → GCJ-02 (what WeChat's chooseLocation/getLocation with type gcj02 and
 * every map in China use). A report's place is stored in GCJ-02, so distances between a weapp report and an H5 report
 * compare like with like. The published transform (Krasovsky 1940 ellipsoid, the offset polynomials of GB 20263);
 * points outside China are not shifted, as WeChat does not shift them.
 */
const KRASOVSKY_A = 6_378_245.0
const KRASOVSKY_EE = 0.006_693_421_622_965_943

/** The rough box of mainland China used by the transform: outside it GCJ-02 equals WGS-84. */
export function outsideChina(p: { latitude: number; longitude: number }): boolean {
  return p.longitude < 72.004 || p.longitude > 137.8347 || p.latitude < 0.8293 || p.latitude > 55.8271
}

function offsetLatitude(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3
  return r
}

function offsetLongitude(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3
  return r
}

export function wgs84ToGcj02(p: { latitude: number; longitude: number }): { latitude: number; longitude: number } {
  if (outsideChina(p)) return { latitude: p.latitude, longitude: p.longitude }
  const x = p.longitude - 105
  const y = p.latitude - 35
  const radLat = (p.latitude / 180) * Math.PI
  const s = Math.sin(radLat)
  const magic = 1 - KRASOVSKY_EE * s * s
  const sqrtMagic = Math.sqrt(magic)
  const dLat = (offsetLatitude(x, y) * 180) / (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI)
  const dLng = (offsetLongitude(x, y) * 180) / ((KRASOVSKY_A / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return { latitude: p.latitude + dLat, longitude: p.longitude + dLng }
}

/**
 * Items with a place, nearest first from `from`, each with its distance; items without a place are left out. Both the
 * origin and the items must be in the same datum (GCJ-02 here: the H5 origin goes through wgs84ToGcj02 first).
 */
export function byDistance<T extends { location: { latitude: number; longitude: number } | null }>(
  from: { latitude: number; longitude: number },
  items: readonly T[],
): { item: T; meters: number }[] {
  return items
    .filter((i) => i.location)
    .map((item) => ({ item, meters: distanceMeters(from, item.location!) }))
    .sort((a, b) => a.meters - b.meters)
}
