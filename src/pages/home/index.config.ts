export default definePageConfig({
  navigationBarTitleText: '家园议事',
})
