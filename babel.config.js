// babel-preset-taro compiles pages for weapp/h5; under jest (NODE_ENV=test) it emits CommonJS.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
