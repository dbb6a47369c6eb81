export default definePageConfig({
  navigationBarTitleText: '公告张贴海报',
})
