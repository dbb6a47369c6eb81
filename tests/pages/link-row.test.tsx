import { act } from 'react'
import { View } from '@tarojs/components'
import LinkRow from '../../src/components/LinkRow'
import { render, tap, type Rendered } from './render'

/** LinkRow (src/components/LinkRow), as the H5 build renders it: a link a tap, Enter or Space opens. */
let view: Rendered | null = null
afterEach(() => {
  view?.unmount()
  view = null
})

async function press(el: HTMLElement, key: string): Promise<boolean> {
  let notCancelled = true
  await act(async () => {
    notCancelled = el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
  })
  return notCancelled
}

test('is a link in the tab order, named by its label, marked current when it names the page shown', () => {
  view = render(
    <>
      <LinkRow className='home-item' label='待分类：3' current data-topic-id='t1' onOpen={() => undefined}>
        待分类
      </LinkRow>
      <LinkRow onOpen={() => undefined}>红黑榜</LinkRow>
    </>,
  )
  const [first, second] = Array.from(view.container.querySelectorAll<HTMLElement>('[role=link]'))
  expect(first!.getAttribute('tabindex')).toBe('0')
  expect(first!.getAttribute('aria-label')).toBe('待分类：3')
  expect(first!.getAttribute('aria-current')).toBe('page')
  expect(first!.getAttribute('data-topic-id')).toBe('t1')
  expect(first!.className).toContain('link-row home-item')
  expect(second!.getAttribute('tabindex')).toBe('0')
  expect(second!.hasAttribute('aria-current')).toBe(false)
  expect(second!.className).toContain('link-row')
})

test('a tap, Enter and Space each open it once; other keys and keys pressed on a control inside it do not', async () => {
  const opened: string[] = []
  view = render(
    <LinkRow onOpen={() => opened.push('row')}>
      <View className='inner' {...({ tabIndex: 0 } as object)}>
        内部控件
      </View>
    </LinkRow>,
  )
  const row = view.container.querySelector<HTMLElement>('[role=link]')!
  await tap(row)
  expect(opened).toEqual(['row'])
  // Enter and Space are taken by the row (no page scroll on Space).
  expect(await press(row, 'Enter')).toBe(false)
  expect(await press(row, ' ')).toBe(false)
  expect(opened).toEqual(['row', 'row', 'row'])
  expect(await press(row, 'a')).toBe(true)
  expect(await press(row, 'Tab')).toBe(true)
  await press(view.container.querySelector<HTMLElement>('.inner')!, 'Enter')
  expect(opened).toEqual(['row', 'row', 'row'])
})
