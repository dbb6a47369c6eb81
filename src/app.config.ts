export default defineAppConfig({
  // Resident pages (main package). Home first: it is the launch page.
  pages: ['pages/home/index', 'pages/report/index', 'pages/my-reports/index', 'pages/topic/index', 'pages/board/index', 'pages/me/index', 'pages/messages/index'],
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
      pages: ['inbox/index', 'home/index', 'publish-topic/index', 'topic/index', 'meeting/index', 'board/index', 'callbacks/index', 'invite/index', 'settings/index', 'item/index', 'department/index'],
    },
  ],
  lazyCodeLoading: 'requiredComponents',
})
