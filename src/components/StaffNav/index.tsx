import { View } from '@tarojs/components'
import { replaceWith } from '../../ui/nav'

const LINKS = [
  { page: 'inbox', label: '诉求分类' },
  { page: 'board', label: '红黑榜' },
  { page: 'callbacks', label: '月回访' },
  { page: 'invite', label: '邀请码' },
] as const

/** Links between the staff list pages; each replaces the current one so the page stack does not grow. */
export default function StaffNav({ here }: { here: (typeof LINKS)[number]['page'] }) {
  return (
    <View className='sf-nav' role='navigation'>
      {LINKS.map((l) => (
        <View
          key={l.page}
          className={`sf-nav__link ${l.page === here ? 'sf-nav__link--here' : ''}`}
          onClick={() => {
            if (l.page !== here) replaceWith(l.page)
          }}
        >
          {l.label}
        </View>
      ))}
    </View>
  )
}
