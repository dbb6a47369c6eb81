import { defineConfig, type UserConfigExport } from '@tarojs/cli'

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
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  return config
})
