export default definePageConfig({
  navigationBarTitleText: '社区设置',
})
