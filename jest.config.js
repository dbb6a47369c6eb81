// Tests by layer. Each project is a layer; `npm test` (scripts/test.sh) builds what the later layers load first.
const taroThrough =
  '@tarojs|@stencil|classnames|swiper|ssr-window|dom7|tslib|lodash-es|query-string|decode-uri-component|split-on-first|filter-obj|resolve-pathname|history|mobile-detect|nanoid|\\.pnpm|style-inject'

const base = {
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
  // Built output is loaded by path in the weapp/e2e layers, never as modules of the test tree.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.local/'],
}

module.exports = {
  testTimeout: 30000,
  projects: [
    // Pure domain: rules, transitions, calendar. No I/O. Also the deploy plan and the security-rule evaluator (pure
    // data read from the repository's config files; no network).
    {
      ...base,
      displayName: 'domain',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/domain/**/*.test.ts', '<rootDir>/tests/deploy/**/*.test.ts'],
    },
    // Local CloudBase and the cloud functions, always through the real wx-server-sdk.
    { ...base, displayName: 'cloud', testEnvironment: 'node', testMatch: ['<rootDir>/tests/cloud/**/*.test.ts'] },
    // Pages rendered with Taro's H5 components in jsdom.
    {
      ...base,
      displayName: 'pages',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/pages/**/*.test.tsx'],
      // Taro's H5 API pulls in swiper, which ships only ES modules as .mjs.
      transform: { '^.+\\.m?[jt]sx?$': 'babel-jest' },
      setupFiles: ['<rootDir>/tests/support/taro-h5-setup.js'],
      transformIgnorePatterns: [`node_modules/(?!(${taroThrough})/)`],
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/tests/support/taro-components-proxy.js',
        // As the H5 build aliases it: Taro's API is the H5 implementation (storage on localStorage, etc.).
        '^@tarojs/taro$': '<rootDir>/tests/support/taro-h5-api.js',
        '\\.(css|scss|less)$': '<rootDir>/tests/support/style-stub.js',
      },
    },
    // The built dist/weapp, loaded in miniprogram-simulate and compiled with WeChat's WXML/WXSS compiler.
    {
      ...base,
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
      // The built mini-program runs exactly as built: never re-transformed by babel.
      transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
    },
    // The built dist/h5 in Debian's Chromium, through the gateway to real cloud functions.
    { ...base, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
}
