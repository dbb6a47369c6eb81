import { checkDisplayName, distanceBand, maskedSummary, maskName, redactText } from '../../src/domain/privacy'

describe('maskName: public views show a masked name', () => {
  test.each([
    ['', '居民'],
    ['   ', '居民'],
    ['芳', '芳*'],
    ['张三', '张*'],
    [' 李四 ', '李*'],
    ['张三丰', '张*丰'],
    ['欧阳娜娜', '欧**娜'],
    ['司马相如君', '司***君'],
    ['Tom', 'T*m'],
    ['😀A', '😀*'], // a surrogate pair counts as one character
  ])('%j → %j', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })
  test('a masked name of two or more characters never shows the second character', () => {
    for (const name of ['张三', '张三丰', '欧阳娜娜']) expect(maskName(name)).not.toContain(Array.from(name)[1])
  })
})

describe('redactText: phone numbers and house numbers are blanked, other text is left alone', () => {
  test.each([
    // phones
    ['13812345678', '138****5678'],
    ['电话13812345678', '电话138****5678'],
    ['联系 19912345678，谢谢', '联系 199****5678，谢谢'],
    ['两个号码 13812345678 和 15900001111', '两个号码 138****5678 和 159****1111'],
    ['手机138-1234-5678', '手机138****5678'],
    ['手机 138 1234 5678', '手机 138****5678'],
    ['+8613812345678', '+86138****5678'],
    // house numbers
    ['2栋1单元302', '2栋**单元**'],
    ['我住2栋1单元302室，楼道灯坏了', '我住2栋**单元**室，楼道灯坏了'],
    ['12 栋 3 单元 1201', '12栋**单元**'],
    ['5号楼2单元101号', '5号楼**单元**号'],
    ['3幢1单元502室漏水', '3幢**单元**室漏水'],
    ['3幢502室漏水', '3幢****室漏水'], // no unit
    // a phone and a house in one text
    ['2栋1单元302 电话13812345678', '2栋**单元** 电话138****5678'],
  ])('%j → %j', (text, redacted) => {
    expect(redactText(text)).toBe(redacted)
  })

  test.each([
    '小区东门的路灯坏了三天了，晚上很黑',
    '2栋楼下电动车乱停，希望规划停车位',
    '第3栋门口的垃圾桶满了',
    '2026年3月10日晚上7点议事',
    '300多户居民参加了42次议事',
    '订单号123456789012345', // too long to be a phone
    '编号12345678901', // 12… is not a mobile prefix
    '流水号913812345678', // 12 digits: a mobile number only inside a longer one
    '流水号138123456789', // 12 digits starting like a mobile number
    '门牌No.302',
  ])('leaves %j alone', (text) => {
    expect(redactText(text)).toBe(text)
  })

  test('no digits of a private number survive', () => {
    const out = redactText('张阿姨（2栋1单元302，13812345678）反映漏水')
    expect(out).not.toMatch(/1234/)
    expect(out).not.toMatch(/302/)
    expect(out).not.toMatch(/单元1|1单元/)
  })
})

describe('redactText: phones and house numbers written with full-width or Chinese digits and separators', () => {
  test.each([
    // full-width digits
    ['电话１３９１２３４５６７８', '电话１３９****５６７８'],
    ['＋８６１３９１２３４５６７８', '＋８６１３９****５６７８'],
    // separators
    ['电话139.1234.5678', '电话139****5678'],
    ['电话139_1234_5678', '电话139****5678'],
    ['电话139 1234 5678', '电话139****5678'],
    ['电话139　1234　5678', '电话139****5678'], // ideographic spaces
    ['电话１３９－１２３４－５６７８', '电话１３９****５６７８'],
    // Chinese numerals
    ['电话一三九一二三四五六七八', '电话一三九****五六七八'],
    ['打幺三九一二三四五六七八找我', '打幺三九****五六七八找我'],
    // house numbers
    ['住2-1-302室', '住2-**-**室'],
    ['住2-1-302', '住2-**-**'],
    ['二栋一单元三零二', '二栋**单元**'],
    ['二栋一单元三零二室漏水', '二栋**单元**室漏水'],
    ['２栋１单元３０２室', '２栋**单元**室'],
  ])('%j → %j', (text, redacted) => {
    expect(redactText(text)).toBe(redacted)
  })

  test.each([
    '2026-03-10晚上议事', // a date is not a house number
    '26-03-10',
    '一二三四五六七八九十', // counting is not a phone
    '第三栋门口',
    '三栋一个垃圾桶',
    '版本1.2.3',
  ])('leaves %j alone', (text) => {
    expect(redactText(text)).toBe(text)
  })

  test('no private digits survive in any written form', () => {
    const out = redactText('王阿姨（二栋一单元三零二，一三九一二三四五六七八，139.8765.4321，2-1-302室）')
    for (const secret of ['三零二', '一二三四', '8765', '302']) expect(out).not.toContain(secret)
  })
})

describe('checkDisplayName: names are normalised; invisible tricks and staff titles are refused', () => {
  test.each([
    ['王阿姨', '王阿姨'],
    ['  李 四  ', '李 四'],
    ['Ｔｏｍ', 'Tom'], // full-width letters fold (NFKC)
    ['王\u200B阿姨', '王阿姨'], // zero-width space removed
    ['㍿小王', '株式会社小王'], // a compatibility ligature folds
    ['😀小王', '😀小王'], // a surrogate pair is a real character
  ])('%j is accepted as %j', (raw, name) => {
    expect(checkDisplayName(raw, false)).toEqual({ ok: true, name })
  })

  test.each([
    ['\u200B\u200C\u200D', 'zero-width only'],
    ['\uFEFF', 'a byte-order mark only'],
    ['王\u202E姨阿', 'a right-to-left override'],
    ['\u2067小王\u2069', 'bidi isolates'],
    ['小王\u200F', 'a right-to-left mark'],
    ['小\uD800王', 'a lone high surrogate'],
    ['小\uDC00王', 'a lone low surrogate'],
    ['小\u0007王', 'a control character'],
    ['王'.repeat(21), 'more than 20 characters'],
  ])('%j is refused with INVALID_DISPLAY_NAME (%s)', (raw) => {
    const out = checkDisplayName(raw, false)
    expect(out.ok).toBe(false)
    expect(!out.ok && out.code).toBe('INVALID_DISPLAY_NAME')
  })

  test.each(['刘书记', '王主任', '社区工作人员', '网格员小陈', '督办组', '书\u200B记', '网格员'.split('').join(' ').replace(/ /g, '\u200D'), '管理员'])(
    'a resident may not call themself %j (RESERVED_TITLE)',
    (raw) => {
      const out = checkDisplayName(raw, false)
      expect(out.ok).toBe(false)
      expect(!out.ok && out.code).toBe('RESERVED_TITLE')
    },
  )

  test('staff may carry their title', () => {
    expect(checkDisplayName('刘书记', true)).toEqual({ ok: true, name: '刘书记' })
    expect(checkDisplayName('网格员小陈', true)).toEqual({ ok: true, name: '网格员小陈' })
  })

  test('staff names get the same character checks', () => {
    expect(checkDisplayName('刘\u202E书记', true)).toMatchObject({ ok: false, code: 'INVALID_DISPLAY_NAME' })
  })
})

describe('the nearby hint: distance bands and masked summaries', () => {
  test.each([
    [0, '50米内'],
    [50, '50米内'],
    [50.4, '200米内'],
    [199, '200米内'],
    [200, '200米内'],
    [201, '500米内'],
    [500, '500米内'],
  ])('%d m → %s', (m, band) => {
    expect(distanceBand(m)).toBe(band)
  })

  test.each([
    ['3栋路灯晚上不亮', '*栋路灯晚上不亮'],
    ['充电棚漏雨', '充电棚漏雨'],
    ['我住2栋1单元302室，电话13812345678，楼道漏水很严重', '我住*栋**单元…'],
    ['二栋一单元三零二漏水', '*栋**单元**…'],
  ])('%j → %j', (text, summary) => {
    expect(maskedSummary(text)).toBe(summary)
  })

  test('no digit and no more than 8 characters of the text survive', () => {
    const out = maskedSummary('联系13812345678或者１３９１２３４５６７８')
    expect(out).not.toMatch(/[0-9０-９]/)
    expect(Array.from(out.replace(/…$/, '')).length).toBeLessThanOrEqual(8)
  })
})
