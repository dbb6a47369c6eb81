export default definePageConfig({
  navigationBarTitleText: '议题详情',
  // Topics, their notices and results are public to the community: shared to a chat and to 朋友圈 (src/ui/share.ts).
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
