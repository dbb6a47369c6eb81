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
