// @tarojs/components resolves to the React H5 components, loaded lazily: mapping it directly hits a circular import
// (components-react's own modules import `@tarojs/components`, e.g. refresher is `const Refresher = View` at load time).
// While components-react is still loading, a name is served from its own module file, which has no such cycle.
let components
let loading = false

function kebab(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()
}

function loadSingle(name) {
  try {
    const mod = require(`@tarojs/components-react/dist/components/${kebab(name)}/index.js`)
    return mod[name] ?? mod.default
  } catch {
    return require('@tarojs/components/lib/react')[name]
  }
}

module.exports = new Proxy(
  {},
  {
    get(_target, name) {
      if (name === '__esModule') return true
      if (typeof name !== 'string') return undefined
      if (loading) return loadSingle(name)
      if (!components) {
        loading = true
        try {
          components = require('@tarojs/components-react')
        } finally {
          loading = false
        }
      }
      return components[name]
    },
  },
)
