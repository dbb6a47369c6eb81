export default definePageConfig({
  navigationBarTitleText: '搜索议题',
})
