// @tarojs/taro as the H5 build sees it. The build's transform-taroapi plugin rewrites `Taro.setStorageSync(...)` into
// named imports of the H5 API; under jest there is no such rewrite, so the default export must carry every API too.
const api = require('@tarojs/plugin-platform-h5/dist/runtime/apis/index.js')

const Taro = Object.assign(Object.create(null), api.default)
for (const [name, value] of Object.entries(api)) if (name !== 'default' && !(name in Taro)) Taro[name] = value

module.exports = Taro
module.exports.default = Taro
module.exports.__esModule = true
