// Template ids come from configuration (the deploy plan sets these variables on every function; the mini-program
// build defines them), never from a source edit; unset or blank, the local ids apply.
const load = () => {
  let templates: typeof import('../../src/contracts/messages').MESSAGE_TEMPLATES | undefined
  jest.isolateModules(() => {
    templates = require('../../src/contracts/messages').MESSAGE_TEMPLATES
  })
  return templates!
}

describe('subscription template ids', () => {
  const saved = { ...process.env }
  afterEach(() => {
    process.env = { ...saved }
  })

  test('are read from TARO_APP_TEMPLATE_STATUS_CHANGED and TARO_APP_TEMPLATE_DEADLINE', () => {
    process.env.TARO_APP_TEMPLATE_STATUS_CHANGED = 'tplA-123'
    process.env.TARO_APP_TEMPLATE_DEADLINE = ' tplB-456 '
    const t = load()
    expect(t.statusChanged.id).toBe('tplA-123')
    expect(t.deadline.id).toBe('tplB-456')
  })

  test('unset or blank keep the local ids', () => {
    delete process.env.TARO_APP_TEMPLATE_STATUS_CHANGED
    process.env.TARO_APP_TEMPLATE_DEADLINE = '  '
    const t = load()
    expect(t.statusChanged.id).toBe('local-tpl-status-changed')
    expect(t.deadline.id).toBe('local-tpl-deadline')
  })
})

describe('the templates 报名/关注 lead to (issue 11)', () => {
  const saved = { ...process.env }
  afterEach(() => {
    process.env = { ...saved }
  })
  const loadAll = () => {
    let m: typeof import('../../src/contracts/messages') | undefined
    jest.isolateModules(() => {
      m = require('../../src/contracts/messages')
    })
    return m!
  }

  test('locally each has its own id, and spends its own grants', () => {
    delete process.env.TARO_APP_TEMPLATE_STATUS_CHANGED
    delete process.env.TARO_APP_TEMPLATE_MEETING
    const m = loadAll()
    expect([m.MESSAGE_TEMPLATES.meeting.id, m.MESSAGE_TEMPLATES.notice.id, m.MESSAGE_TEMPLATES.result.id]).toEqual(['local-tpl-meeting', 'local-tpl-notice', 'local-tpl-result'])
    expect(m.grantKeyOf('meeting')).toBe('meeting')
    expect(m.templateIdsOf(m.SUBSCRIBE_AT.join)).toEqual(['local-tpl-meeting', 'local-tpl-notice', 'local-tpl-result'])
    expect(m.templateIdsOf(m.SUBSCRIBE_AT.follow)).toEqual(['local-tpl-notice', 'local-tpl-result'])
  })

  test('configured on their own they are used; unconfigured next to a configured statusChanged they share its template and grants', () => {
    process.env.TARO_APP_TEMPLATE_STATUS_CHANGED = 'tplA'
    process.env.TARO_APP_TEMPLATE_NOTICE = 'tplN'
    delete process.env.TARO_APP_TEMPLATE_MEETING
    delete process.env.TARO_APP_TEMPLATE_RESULT
    const m = loadAll()
    expect(m.MESSAGE_TEMPLATES.notice.id).toBe('tplN')
    expect(m.MESSAGE_TEMPLATES.meeting.id).toBe('tplA')
    expect(m.grantKeyOf('meeting')).toBe('statusChanged')
    expect(m.grantKeyOf('notice')).toBe('notice')
    // WeChat is asked for each id once.
    expect(m.templateIdsOf(m.SUBSCRIBE_AT.join)).toEqual(['tplA', 'tplN'])
  })
})
