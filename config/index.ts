import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

const ROOT = path.resolve(__dirname, '..')
const ZOD_LOCALES = path.join(ROOT, 'node_modules', 'zod', 'v4', 'locales', 'index.js')
const ONLY_ZOD_LOCALES = path.join(ROOT, 'config', 'zod-locales.js')

interface ResolveData {
  context: string
  request: string
}
interface Compiler {
  hooks: { normalModuleFactory: { tap(name: string, fn: (nmf: { hooks: { beforeResolve: { tap(name: string, fn: (data: ResolveData) => void): void } } }) => void): void } }
}

/**
 * zod re-exports all its locales (`z.locales`, `core.locales`); the contracts use `z` as a namespace value, so the
 * bundler keeps every foreign message table (about 40 languages). The app needs English (zod's default) and at most
 * Chinese: zod's locales/index.js is swapped for config/zod-locales.js, which exports only those two.
 */
class OnlyZodLocales {
  apply(compiler: Compiler): void {
    compiler.hooks.normalModuleFactory.tap('OnlyZodLocales', (nmf) => {
      nmf.hooks.beforeResolve.tap('OnlyZodLocales', (data) => {
        if (data.request.endsWith('locales/index.js') && path.resolve(data.context, data.request) === ZOD_LOCALES) data.request = ONLY_ZOD_LOCALES
      })
    })
  }
}

/** A module as webpack's splitChunks tests it: its file, also for a module concatenated with others. */
interface SplitModule {
  resource?: string
  nameForCondition?: () => string | null | undefined
}

/** zod (wherever it is installed) and src/contracts: what the contracts chunk gathers. */
export const CONTRACTS_CHUNK_TEST = /[\\/](node_modules[\\/]zod|src[\\/]contracts)[\\/]/

/**
 * H5: Taro's own splitChunks (vendors, common, taro for the initial chunks) plus one cache group that puts zod and the
 * contracts into the single chunk `contracts`, for lazily loaded pages too (`chunks: 'all'`, `enforce` so no size or
 * request limit splits it). Taro turns splitting off (false) only when it builds native components: left off then.
 */
export function withContractsChunk(split: unknown): unknown {
  if (split === false) return split
  const base = (split && typeof split === 'object' ? split : {}) as { cacheGroups?: Record<string, unknown> }
  return {
    ...base,
    cacheGroups: {
      ...base.cacheGroups,
      contracts: {
        name: 'contracts',
        chunks: 'all',
        test: (module: SplitModule) => CONTRACTS_CHUNK_TEST.test(module.nameForCondition?.() ?? module.resource ?? ''),
        priority: 200,
        enforce: true,
        reuseExistingChunk: true,
      },
    },
  }
}

/** Anything webpack-chain-like: the two calls used below. */
interface Chain {
  plugin(name: string): { use(plugin: unknown, args?: unknown[]): unknown }
  optimization: { get(key: string): unknown; set(key: string, value: unknown): unknown }
}

// One config for both targets; each build keeps its own output folder so weapp and h5 coexist.
export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'jiayuan-yishi',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: process.env.TARO_ENV === 'h5' ? 'dist/h5' : 'dist/weapp',
    plugins: [],
    defineConstants: {},
    // Every process.env.TARO_APP_* the code reads must be defined at build time: neither the mini-program nor the
    // browser has a `process`, so an undefined one is left in the bundle and throws at load. A .env file still wins.
    env: {
      TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      // Subscription template ids (src/contracts/messages.ts); `npm run deploy` prints the values from config/deploy.json.
      TARO_APP_TEMPLATE_STATUS_CHANGED: JSON.stringify(process.env.TARO_APP_TEMPLATE_STATUS_CHANGED ?? ''),
      TARO_APP_TEMPLATE_DEADLINE: JSON.stringify(process.env.TARO_APP_TEMPLATE_DEADLINE ?? ''),
      TARO_APP_TEMPLATE_MEETING: JSON.stringify(process.env.TARO_APP_TEMPLATE_MEETING ?? ''),
      TARO_APP_TEMPLATE_NOTICE: JSON.stringify(process.env.TARO_APP_TEMPLATE_NOTICE ?? ''),
      TARO_APP_TEMPLATE_RESULT: JSON.stringify(process.env.TARO_APP_TEMPLATE_RESULT ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // The staff subpackage's shared modules (zod, the contracts) already go to one staff/sub-vendors.js (Taro's
      // subpackage split); here only zod's locales are trimmed.
      webpackChain(chain: Chain) {
        chain.plugin('only-zod-locales').use(OnlyZodLocales)
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Each page is a lazily loaded chunk and Taro splits only the initial ones, so every staff page used to carry
      // its own copy of zod and the contracts. They go to one shared chunk, chunk/contracts.js, loaded by the pages
      // that use them (tests/e2e/h5-chunks.test.ts checks the built dist/h5).
      webpackChain(chain: Chain) {
        chain.plugin('only-zod-locales').use(OnlyZodLocales)
        chain.optimization.set('splitChunks', withContractsChunk(chain.optimization.get('splitChunks')))
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  return config
})
