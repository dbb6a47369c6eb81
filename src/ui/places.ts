/**
 * The grids of a new community, one line each: "网格名：楼栋、楼栋". Separators may be full- or half-width
 * (：/: and 、/,/，); a line without buildings, or an empty name, is refused with the line's number.
 */
export function parseGrids(text: string): { grids: { name: string; buildings: { name: string }[] }[] } | { error: string } {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean)
  if (!lines.length) return { error: '请至少写一个网格，每行一个：网格名：楼栋、楼栋' }
  const grids = []
  for (const [i, line] of lines.entries()) {
    const [name, rest] = line.split(/[:：]/, 2).map((s) => s?.trim() ?? '')
    const buildings = (rest ?? '').split(/[、,，]/).map((s) => s.trim()).filter(Boolean)
    if (!name || !buildings.length) return { error: `第 ${i + 1} 行须写成“网格名：楼栋、楼栋”` }
    grids.push({ name, buildings: buildings.map((b) => ({ name: b })) })
  }
  return { grids }
}
