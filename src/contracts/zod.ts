import { z } from 'zod'

// Mini-programs forbid eval/new Function; zod's JIT fast path uses it. Every schema module imports z from here.
z.config({ jitless: true })

export { z }
