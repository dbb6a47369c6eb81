import busboy from 'busboy'
/**
 * The few protobuf messages wx.openApi exchanges (CommApiData in, CommOpenApiResp out), read and written by hand:
 * varints and length-delimited fields are all they use.
 */

type Field = { no: number; wire: number; value: number | Buffer }

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0
  let shift = 0
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint')
    const b = buf[pos++]!
    result += (b & 0x7f) * 2 ** shift
    if ((b & 0x80) === 0) return [result, pos]
    shift += 7
    if (shift > 63) throw new Error('varint too long')
  }
}

export function decodeFields(buf: Buffer): Field[] {
  const out: Field[] = []
  let pos = 0
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos)
    pos = p1
    const no = Math.floor(tag / 8)
    const wire = tag & 7
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos)
      pos = p2
      out.push({ no, wire, value: v })
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos)
      if (p2 + len > buf.length) throw new Error('truncated field')
      out.push({ no, wire, value: buf.subarray(p2, p2 + len) })
      pos = p2 + len
    } else if (wire === 5) {
      out.push({ no, wire, value: buf.readUInt32LE(pos) })
      pos += 4
    } else if (wire === 1) {
      out.push({ no, wire, value: buf.subarray(pos, pos + 8) })
      pos += 8
    } else throw new Error(`unsupported wire type ${wire}`)
  }
  return out
}

function varint(n: number): Buffer {
  const bytes: number[] = []
  if (n < 0 || !Number.isSafeInteger(n)) throw new RangeError("varint must be a non-negative safe integer")
  let v = n
  do {
    let b = v % 128
    v = Math.floor(v / 128)
    if (v > 0) b |= 0x80
    bytes.push(b)
  } while (v > 0)
  return Buffer.from(bytes)
}

function lengthDelimited(no: number, data: Buffer): Buffer {
  return Buffer.concat([varint(no * 8 + 2), varint(data.length), data])
}

/** CommApiData { apiType=1; openapiData=2 { pairs=1 { key=1; value=2 } }; appid=6 } → params (values are JSON). */
export function decodeOpenApiParams(buf: Buffer): { apiType: number; appid: string; params: Record<string, unknown> } {
  let apiType = 0
  let appid = ''
  const params: Record<string, unknown> = {}
  for (const f of decodeFields(buf)) {
    if (f.no === 1 && f.wire === 0) apiType = f.value as number
    else if (f.no === 6 && f.wire === 2) appid = (f.value as Buffer).toString('utf8')
    else if (f.no === 2 && f.wire === 2) {
      for (const pair of decodeFields(f.value as Buffer)) {
        if (pair.no !== 1 || pair.wire !== 2) continue
        let key = ''
        let value: Buffer = Buffer.alloc(0)
        for (const kv of decodeFields(pair.value as Buffer)) {
          if (kv.no === 1) key = (kv.value as Buffer).toString('utf8')
          if (kv.no === 2) value = kv.value as Buffer
        }
        const text = value.toString('utf8')
        try {
          params[key] = JSON.parse(text)
        } catch {
          params[key] = text
        }
      }
    }
  }
  return { apiType, appid, params }
}

/** An int32 as protobuf writes it: a negative value is sign-extended to 64 bits, so always ten bytes. */
function int32Varint(n: number): Buffer {
  if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) throw new RangeError('int32 out of range')
  if (n >= 0) return varint(n)
  let v = BigInt.asUintN(64, BigInt(n))
  const bytes: number[] = []
  for (let i = 0; i < 10; i++) {
    bytes.push(Number(v & 0x7fn) | (i < 9 ? 0x80 : 0))
    v >>= 7n
  }
  return Buffer.from(bytes)
}

/**
 * CommOpenApiResp { respData=1 bytes; contentType=2; errorCode=3 int32; httpCode=4 }. errorCode is WeChat's system
 * error for the call itself (e.g. -604101, the function has no permission for the API): the SDK throws it as errCode.
 */
export function encodeOpenApiResp(resp: { respData: Buffer; contentType: string; errorCode?: number; httpCode?: number }): Buffer {
  const parts = [lengthDelimited(1, resp.respData), lengthDelimited(2, Buffer.from(resp.contentType))]
  if (resp.errorCode) parts.push(varint(3 * 8), int32Varint(resp.errorCode))
  parts.push(varint(4 * 8), varint(resp.httpCode ?? 200))
  return Buffer.concat(parts)
}

/**
 * Parts of a multipart/form-data body by field name, as raw bytes, through busboy. Not `Request.formData()`: the
 * standard parser decodes a part without a filename as UTF-8 text, and the SDK sends wx.openApi's protobuf
 * `requestData` exactly so (name only, application/octet-stream), which would corrupt every byte above 0x7f. busboy
 * hands an application/octet-stream part over as a byte stream, and a plain text part as its text.
 */
export function parseMultipart(body: Buffer, contentType: string): Promise<Record<string, Buffer>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({ headers: { 'content-type': contentType } })
    } catch (err) {
      reject(err)
      return
    }
    const parts: Record<string, Buffer> = {}
    parser.on('field', (name, value) => {
      parts[name] = Buffer.from(value, 'utf8')
    })
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        parts[name] = Buffer.concat(chunks)
      })
    })
    parser.on('error', reject)
    parser.on('close', () => resolve(parts))
    parser.end(body)
  })
}
