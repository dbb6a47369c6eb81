import fs from 'node:fs'
import path from 'node:path'
import { zodCopies } from '../../scripts/measure-budgets'

/**
 * The built H5 app (dist/h5) ships zod once: config/index.ts gathers zod and src/contracts into one shared chunk,
 * chunk/contracts.js, which the lazily loaded pages that validate share (without it each staff page chunk carried its
 * own copy). zod is recognised by a name only its own code spells ($ZodType, as scripts/measure-budgets.ts counts).
 */
const H5_DIR = path.resolve(__dirname, '../../dist/h5')

beforeAll(() => {
  if (!fs.existsSync(path.join(H5_DIR, 'index.html'))) throw new Error('not built: dist/h5. Run "npm run build:h5".')
})

test('zod is in exactly one JS file of dist/h5, the shared chunk/contracts.js', () => {
  const copies = zodCopies(H5_DIR)
  expect(copies?.files.map((f) => f.split(path.sep).join('/'))).toEqual(['chunk/contracts.js'])
})

test('the app entry (js/app.js, loaded on every page) carries no zod', () => {
  const app = fs.readFileSync(path.join(H5_DIR, 'js/app.js'), 'utf8')
  expect(app.includes('$ZodType')).toBe(false)
})
