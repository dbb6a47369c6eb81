export default definePageConfig({
  navigationBarTitleText: '月回访',
})
