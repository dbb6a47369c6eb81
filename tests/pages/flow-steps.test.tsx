import FlowSteps, { breakableName } from '../../src/components/FlowSteps'
import { render } from './render'

/** FlowSteps' names wrap only before their last two-character word (care mode on a 375 px phone wraps them). */
test('each step name may break only before its last word of two characters', () => {
  expect(['发布议题', '面对面议事', '拟办意见公告', '办理结果公示'].map(breakableName)).toEqual(['发布\u200b议题', '面对面\u200b议事', '拟办意见\u200b公告', '办理结果\u200b公示'])
  expect(breakableName('议事')).toBe('议事')
})

test('the names on screen read as the four steps, and the progress keeps its plain name', () => {
  const view = render(<FlowSteps step={2} done />)
  const names = Array.from(view.container.querySelectorAll('.flow__name')).map((n) => (n.textContent ?? '').replace(/\u200b/g, ''))
  expect(names).toEqual(['发布议题', '面对面议事', '拟办意见公告', '办理结果公示'])
  expect(view.container.querySelector('.flow')?.getAttribute('aria-label')).toBe('四步进度：第2步 面对面议事，已完成')
  view.unmount()
})
