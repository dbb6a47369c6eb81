export default definePageConfig({
  navigationBarTitleText: '周期报表',
})
