import { z } from 'zod'

// Mini-programs forbid eval/new Function; zod's JIT fast path uses it. Every schema module imports z from here.
// Messages stay zod's English default (the staff forms show a Chinese "请检查「field」" for them); the app builds carry
// only the en and zh-CN locales (config/index.ts swaps zod's locale index for config/zod-locales.js).
z.config({ jitless: true })

export { z }
