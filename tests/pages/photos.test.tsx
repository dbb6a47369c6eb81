import Photos from '../../src/components/Photos'
import { render, type Rendered } from './render'

let view: Rendered | undefined
afterEach(() => {
  view?.unmount()
  view = undefined
})

describe('Photos', () => {
  test('marks a photo still under the image check 审核中, and only that one', () => {
    view = render(<Photos ids={['cloud://env.b/a.jpg', 'cloud://env.b/b.jpg']} pending={['cloud://env.b/b.jpg']} />)
    const labels = Array.from(view.container.querySelectorAll('[aria-label^="照片"]')).map((e) => e.getAttribute('aria-label'))
    expect(labels).toEqual(['照片 1', '照片 2（审核中）'])
    expect(view.container.querySelectorAll('.photos__badge')).toHaveLength(1)
    expect(view.text()).toContain('审核中')
  })

  test('without pending photos shows no 审核中 mark', () => {
    view = render(<Photos ids={['cloud://env.b/a.jpg']} />)
    expect(view.text()).not.toContain('审核中')
    expect(view.container.querySelectorAll('[aria-label^="照片"]')).toHaveLength(1)
  })
})
