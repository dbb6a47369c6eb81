import { measure, MAIN_BUDGET, SUBPACKAGE_BUDGET, HELLO_WORLD_MAIN } from '../../scripts/measure-budgets'

// Sizes of the built mini-program (npm test builds dist/weapp first). Budgets, not timings: a page that pulls a
// large library into the main package fails here.
test('the main package stays within 500 KB, each subpackage under 2 MB, with lazy code loading on', () => {
  const b = measure()
  expect(b.main).toBeGreaterThan(100 * 1024) // a real build was measured
  expect(b.main).toBeLessThanOrEqual(MAIN_BUDGET)
  for (const s of b.subpackages) expect(s.bytes).toBeLessThan(SUBPACKAGE_BUDGET)
  expect(b.lazyCodeLoading).toBe('requiredComponents')
})

test('the main package is at most 1.5× the Taro hello-world (304,244 B)', () => {
  const b = measure()
  expect(b.main).toBeGreaterThan(100 * 1024) // a real build was measured
  expect(HELLO_WORLD_MAIN).toBe(304_244)
  expect(b.main).toBeLessThanOrEqual(HELLO_WORLD_MAIN * 1.5)
})
