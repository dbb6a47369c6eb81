export default defineAppConfig({
  // Resident pages in the main package: the launch page (home), the tabs and the topic page every share and message
  // opens. Home first: it is the launch page.
  pages: ['pages/home/index', 'pages/topic/index', 'pages/board/index', 'pages/me/index'],
  // Text-only tabs (no icon files to ship); the tab pages are opened with switchTab (src/ui/nav.ts).
  tabBar: {
    color: '#4e5969',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/board/index', text: '红黑榜' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
  // 随手拍 marks the place of a problem (optional, with consent): WeChat requires the location APIs to be declared.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于标注你反映的问题所在位置，方便网格员找到现场' },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '家园议事',
    navigationBarTextStyle: 'black',
  },
  // Staff work pages: a subpackage, so residents never download them.
  subPackages: [
    {
      root: 'staff',
      pages: ['inbox/index', 'home/index', 'publish-topic/index', 'topic/index', 'meeting/index', 'board/index', 'callbacks/index', 'invite/index', 'settings/index', 'places/index', 'item/index', 'supervise/index', 'county/index', 'lists/index', 'poster/index', 'department/index'],
    },
    // Search (issue 11): opened from the home page's search box; a subpackage of its own keeps it out of the main package.
    { root: 'search', pages: ['index'] },
    // 随手拍, 我的诉求 and 消息 are one-page subpackages rooted at their own folders, so their paths stay
    // pages/<name>/index (links in messages and shares keep working) while the main package stays within 1.5× of
    // Taro's hello-world. Each loads on its first visit.
    { root: 'pages/report', pages: ['index'] },
    { root: 'pages/my-reports', pages: ['index'] },
    { root: 'pages/messages', pages: ['index'] },
    // 揭榜 (issue 12): the community's items open for taking, opened from 我的; a one-page subpackage of its own.
    { root: 'take', pages: ['index'] },
  ],
  lazyCodeLoading: 'requiredComponents',
})
