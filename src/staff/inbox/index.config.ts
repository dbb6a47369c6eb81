export default definePageConfig({
  navigationBarTitleText: '诉求分类',
})
