import ExcelJS from 'exceljs'
import { initCloud, type CallContext } from '../_shared/router'
import { newId } from '../_shared/db'

/** A sheet as the reports build it: a name, its column headers and its rows. */
export interface SheetData {
  name: string
  columns: string[]
  rows: (string | number)[][]
}

/** The xlsx bytes of some sheets: a header row, then the rows as given (numbers stay numbers). */
export async function workbookBytes(sheets: readonly SheetData[], title: string, now: Date): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = '家园议事'
  book.created = now
  book.title = title
  for (const s of sheets) {
    const ws = book.addWorksheet(s.name)
    ws.addRow(s.columns).font = { bold: true }
    for (const row of s.rows) ws.addRow(row)
    ws.columns.forEach((c) => (c.width = 16))
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** The first sheet as CSV (exceljs), with a UTF-8 byte order mark so Excel reads the Chinese text as UTF-8. */
export async function csvBytes(sheet: SheetData): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const ws = book.addWorksheet(sheet.name)
  ws.addRow(sheet.columns)
  for (const row of sheet.rows) ws.addRow(row)
  return Buffer.concat([Buffer.from('\uFEFF', 'utf8'), Buffer.from(await book.csv.writeBuffer())])
}

/**
 * Writes the sheets as an xlsx (or the first as csv) to cloud storage (uploadFile) and hands out a temporary URL (getTempFileURL): the only
 * way a client reads a stored file. Null when storage refused either step (logged).
 */
export async function saveWorkbook(
  sheets: readonly SheetData[],
  pathPrefix: string,
  title: string,
  ctx: CallContext,
  format: 'xlsx' | 'csv' = 'xlsx',
): Promise<{ fileID: string; tempFileURL: string } | null> {
  try {
    const fileContent = format === 'xlsx' ? await workbookBytes(sheets, title, ctx.now) : await csvBytes(sheets[0]!)
    const cloud = initCloud()
    const uploaded = (await cloud.uploadFile({ cloudPath: `${pathPrefix}-${newId('x')}.${format}`, fileContent })) as { fileID: string }
    const res = (await cloud.getTempFileURL({ fileList: [uploaded.fileID] })) as { fileList?: { fileID: string; tempFileURL?: string }[] }
    const url = res.fileList?.[0]?.tempFileURL
    return url ? { fileID: uploaded.fileID, tempFileURL: url } : null
  } catch (err) {
    console.error('export failed:', (err as Error).message)
    return null
  }
}
