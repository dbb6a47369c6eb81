// Replaces zod's locales/index.js in the app bundles (see config/index.ts): zod re-exports every locale as
// `z.locales` / `core.locales`, and once the `z` namespace is used as a value no bundler can drop the 40-odd foreign
// message tables. The app shows English (zod's default) and may use Chinese; nothing else ships.
export { default as en } from 'zod/v4/locales/en.js'
export { default as zhCN } from 'zod/v4/locales/zh-CN.js'
